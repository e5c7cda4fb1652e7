import { Button, Textarea, View } from '@tarojs/components'
import { FieldError } from '../../../components/field-error'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import {
  IMPROVEMENT_TEXT_MAX,
  SCALE_LABELS,
  VISIT_TYPE_LABELS,
  type DashboardSection,
  type ItemFigure,
} from '../../../contract'
import { monthOf } from '../../../contract/month'
import { useStores } from '../../../stores/context'
import { formatMonth } from '../../../contract/when'
import { percent } from '../shared/format'
import { DepartmentPicker } from '../shared/department-picker'
import { RangePicker } from '../shared/range-picker'
import { saveCsv } from '../../../services/save-csv'
import { TopThemesCard } from '../../voice/shared/top-themes'
import './index.scss'

/** Below 30 answers only the count is shown: any figure from a handful of patients could point to them. */
function ItemRow({ item, withType = false }: { item: ItemFigure; withType?: boolean }) {
  return (
    <View className='dash-item'>
      <View className='dash-item__label'>
        {withType ? `${VISIT_TYPE_LABELS[item.visitType]} · ${item.label}` : item.label}
      </View>
      {item.rate === null ? (
        <View className='dash-item__figure dash-item__figure--wide rx-muted'>样本不足（{item.answered} 份）</View>
      ) : (
        <>
          <View className='dash-item__figure'>{item.average} 分</View>
          <View className='dash-item__figure'>{percent(item.rate)}</View>
        </>
      )}
    </View>
  )
}

/** 门诊 or 住院: its own questionnaire's items, its 总体满意度 and its count of answers. */
function SectionCard({ section }: { section: DashboardSection }) {
  const name = VISIT_TYPE_LABELS[section.visitType]
  const { satisfaction } = section
  return (
    <View className='rx-card' role='region' aria-label={`${name}患者满意度`}>
      <View className='dash-heading'>
        {name}（{section.responses} 份评价）
      </View>
      <View className='rx-muted'>
        {satisfaction.rate === null
          ? `总体满意度：样本不足（${satisfaction.answered} 份）`
          : `总体满意度 ${percent(satisfaction.rate)}（${satisfaction.satisfied}/${satisfaction.answered}）`}
      </View>
      {section.items.length === 0 && <View className='rx-muted'>这段时间暂无{name}评价</View>}
      {section.items.map((item) => (
        <ItemRow key={item.itemId} item={item} />
      ))}
    </View>
  )
}

/** 你说·我们做, written where the weak spot is seen. */
const ImprovementForm = observer(function ImprovementForm() {
  const { survey } = useStores()
  const { dashboard: store } = survey
  const { improvement, publishing } = store
  if (!improvement) return null
  return (
    <View className='dash-improvement'>
      <View className='rx-field'>
        <View>你说（患者反映的问题）</View>
        <Textarea
          className='rx-input rx-textarea'
          value={improvement.said}
          maxlength={IMPROVEMENT_TEXT_MAX}
          aria-label='患者反映的问题'
          onInput={(e) => store.editImprovement({ said: e.detail.value })}
        />
        <FieldError message={publishing.fieldError('said')} />
      </View>
      <View className='rx-field'>
        <View>我们做（科室的改进）</View>
        <Textarea
          className='rx-input rx-textarea'
          value={improvement.did}
          maxlength={IMPROVEMENT_TEXT_MAX}
          placeholder='如：上午增开两个诊室，候诊超过30分钟主动告知'
          aria-label='科室的改进'
          onInput={(e) => store.editImprovement({ did: e.detail.value })}
        />
        <FieldError message={publishing.fieldError('did')} />
      </View>
      {publishing.error && (
        <View className='rx-field__error' role='alert'>
          {publishing.error}
        </View>
      )}
      <Button className='rx-button' loading={publishing.isPending} onClick={() => void store.publishImprovement()}>
        发布到满意度公示
      </Button>
      <Button className='rx-button rx-button--plain' onClick={() => store.cancelImprovement()}>
        取消
      </Button>
    </View>
  )
})

/** 满意度看板: a manager's own department, an admin's chosen one. */
export default observer(function DashboardPage() {
  const { survey, identity, ui } = useStores()
  const { dashboard: store } = survey
  const { dashboard, loading } = store
  const isAdmin = identity.hasRole('admin')
  const ownDepartment = identity.me?.departmentId ?? null
  const clinical = identity.departments.filter((d) => d.kind !== 'admin')

  useEffect(() => {
    if (isAdmin) void identity.loadDepartments()
  }, [identity, isAdmin])

  // A manager sees their own department; an admin starts there too, or at the first clinical one.
  const initial = isAdmin ? (clinical.find((d) => d.id === ownDepartment) ?? clinical[0])?.id : ownDepartment
  useEffect(() => {
    if (!store.departmentId && initial) store.setDepartment(initial)
  }, [initial, store])

  // Saving is a second tap: WeChat only shares a file from a tap handler, not after a network wait.
  const save = async () => {
    if (!store.exported) return
    try {
      await saveCsv(store.exported)
    } catch {
      ui.toast('文件未保存，请重试')
    }
  }

  const latest = monthOf(new Date())
  return (
    <PageShell>
      <View className='rx-title'>满意度看板</View>
      {isAdmin && (
        <DepartmentPicker
          departments={clinical}
          value={store.departmentId}
          onChange={(id) => id && store.setDepartment(id)}
        />
      )}
      <RangePicker
        from={store.from}
        to={store.to}
        months={store.rangeMonths}
        latest={latest}
        onMonths={(months) => store.setRangeMonths(months)}
        onStep={(delta) => store.stepRange(delta, latest)}
      />

      {!store.departmentId ? (
        <View className='rx-state'>{isAdmin ? '请选择科室' : '您还没有所属科室'}</View>
      ) : (
        <StateView
          status={loading.status}
          error={loading.error}
          errorCode={loading.code}
          empty={!dashboard}
          onRetry={() => void store.load()}
        >
          {dashboard && (
            <View>
              <View className='rx-card'>
                <View className='dash-heading'>
                  {dashboard.departmentName} · {formatMonth(dashboard.from)}至{formatMonth(dashboard.to)}
                </View>
                <View className='sv-figures'>
                  <View className='sv-figure'>
                    <View className='rx-muted'>评价数</View>
                    <View className='sv-figure__value'>{dashboard.responses}</View>
                  </View>
                  <View className='sv-figure'>
                    <View className='rx-muted'>参评率</View>
                    <View className='sv-figure__value'>{percent(dashboard.responseRate)}</View>
                    <View className='rx-muted'>就诊 {dashboard.visits} 人次</View>
                  </View>
                  <View className='sv-figure'>
                    <View className='rx-muted'>推荐值 NPS</View>
                    <View className='sv-figure__value'>{dashboard.recommend.nps ?? '样本不足'}</View>
                    <View className='rx-muted'>
                      {dashboard.recommend.average === null
                        ? `不足 30 份，仅示份数`
                        : `平均 ${dashboard.recommend.average} 分`}
                    </View>
                  </View>
                </View>
              </View>

              <View className='rx-card'>
                <View className='dash-heading'>最需改进</View>
                {dashboard.weakest.length === 0 && <View className='rx-muted'>各项目均不足 30 份评价，暂不排名。</View>}
                {dashboard.weakest.map((item) => (
                  <ItemRow key={`${item.visitType}-${item.itemId}`} item={item} withType />
                ))}
                {store.improvement ? (
                  <ImprovementForm />
                ) : (
                  <Button
                    className='rx-button rx-button--plain'
                    onClick={() => store.startImprovement(dashboard.weakest[0]?.label)}
                  >
                    发布改进（你说·我们做）
                  </Button>
                )}
              </View>

              <TopThemesCard departmentId={dashboard.departmentId} month={dashboard.to} />

              <View className='rx-card'>
                <View className='dash-heading'>各项目（平均分 / 满意率）</View>
                <View className='rx-muted'>
                  门诊、住院问卷分开统计；5 分为“{SCALE_LABELS[5]}”，满意率为选“{SCALE_LABELS[4]}”及以上的比例
                </View>
              </View>
              {dashboard.sections.map((section) => (
                <SectionCard key={section.visitType} section={section} />
              ))}

              <View className='rx-card'>
                <View className='dash-heading'>最近的意见</View>
                {dashboard.comments.length === 0 && <View className='rx-muted'>暂无意见</View>}
                {dashboard.comments.map((c, i) => (
                  <View key={i} className='dash-comment'>
                    <View className='rx-muted'>
                      {formatMonth(c.month)} · {VISIT_TYPE_LABELS[c.visitType]} · 总体 {c.overall ?? '—'} 分
                    </View>
                    <View>{c.comment}</View>
                  </View>
                ))}
              </View>

              {store.exported ? (
                <View className='rx-card'>
                  <View>{store.exported.filename}</View>
                  <Button className='rx-button' onClick={() => void save()}>
                    {process.env.TARO_ENV === 'weapp' ? '发送到聊天（电脑上用 Excel 打开）' : '下载文件'}
                  </Button>
                </View>
              ) : (
                <Button className='rx-button' loading={store.exporting} onClick={() => void store.exportCsv()}>
                  导出 CSV（Excel 可打开）
                </Button>
              )}
            </View>
          )}
        </StateView>
      )}
    </PageShell>
  )
})

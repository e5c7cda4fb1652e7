import { Button, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { SCALE_LABELS, VISIT_TYPE_LABELS, type ItemFigure } from '../../../contract'
import { monthOf } from '../../../contract/month'
import { useStores } from '../../../stores/context'
import { monthLabel, percent } from '../shared/format'
import { DepartmentPicker } from '../shared/department-picker'
import { MonthStepper } from '../shared/month-stepper'
import { saveCsv } from '../../../services/save-csv'
import './index.scss'

function ItemRow({ item }: { item: ItemFigure }) {
  return (
    <View className='dash-item'>
      <View className='dash-item__label'>{item.label}</View>
      <View className='dash-item__figure'>{item.average ?? '—'} 分</View>
      <View className='dash-item__figure'>{percent(item.rate)}</View>
    </View>
  )
}

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
      <MonthStepper label='从' month={store.from} latest={latest} onStep={(d) => store.stepRange('from', d)} />
      <MonthStepper label='至' month={store.to} latest={latest} onStep={(d) => store.stepRange('to', d)} />

      {!store.departmentId ? (
        <View className='rx-state'>{isAdmin ? '请选择科室' : '您还没有所属科室'}</View>
      ) : (
        <StateView status={loading.status} error={loading.error} empty={!dashboard} onRetry={() => void store.load()}>
          {dashboard && (
            <View>
              <View className='rx-card'>
                <View className='dash-heading'>
                  {dashboard.departmentName} · {monthLabel(dashboard.from)}至{monthLabel(dashboard.to)}
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
                    <View className='sv-figure__value'>{dashboard.recommend.nps ?? '—'}</View>
                    <View className='rx-muted'>平均 {dashboard.recommend.average ?? '—'} 分</View>
                  </View>
                </View>
              </View>

              {dashboard.weakest.length > 0 && (
                <View className='rx-card'>
                  <View className='dash-heading'>最需改进</View>
                  {dashboard.weakest.map((item) => (
                    <ItemRow key={item.itemId} item={item} />
                  ))}
                </View>
              )}

              <View className='rx-card'>
                <View className='dash-heading'>各项目（平均分 / 满意率）</View>
                <View className='rx-muted'>
                  5 分为“{SCALE_LABELS[5]}”；满意率为选“{SCALE_LABELS[4]}”及以上的比例
                </View>
                {dashboard.items.map((item) => (
                  <ItemRow key={item.itemId} item={item} />
                ))}
              </View>

              <View className='rx-card'>
                <View className='dash-heading'>最近的意见</View>
                {dashboard.comments.length === 0 && <View className='rx-muted'>暂无意见</View>}
                {dashboard.comments.map((c, i) => (
                  <View key={i} className='dash-comment'>
                    <View className='rx-muted'>
                      {monthLabel(c.month)} · {VISIT_TYPE_LABELS[c.visitType]} · 总体 {c.overall ?? '—'} 分
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

import { Button, View } from '@tarojs/components'
import { useFreshList } from '../../../components/fresh-list'
import { FieldError } from '../../../components/field-error'
import { observer } from 'mobx-react-lite'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { TextField } from '../../../components/text-field'
import { CAMPAIGN_STATUS_LABELS, STAFF_MIN_GROUP, type StaffCut } from '../../../contract'
import { saveCsv } from '../../../services/save-csv'
import { useStores } from '../../../stores/context'
import '../staff-survey.scss'

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`)

/** A cut's counts always; its figures and comments only from the minimum group on. */
function CutView({ title, cut }: { title: string; cut: StaffCut }) {
  return (
    <View className='rx-card'>
      <View className='rx-title'>{title}</View>
      <View className='ss-figures'>
        <View>
          <View className='rx-muted'>答卷</View>
          <View className='ss-figure__value'>{cut.responses}</View>
        </View>
        <View>
          <View className='rx-muted'>邀请</View>
          <View className='ss-figure__value'>{cut.invited}</View>
        </View>
        <View>
          <View className='rx-muted'>回收率</View>
          <View className='ss-figure__value'>{percent(cut.responseRate)}</View>
        </View>
      </View>
      {cut.items ? (
        <View>
          {cut.items.map((item) => (
            <View key={item.itemId} className='ss-item'>
              <View className='ss-item__label'>{item.label}</View>
              <View>{`${item.average ?? '—'} 分`}</View>
              <View>{percent(item.rate)}</View>
            </View>
          ))}
          {cut.recommend && <View className='ss-item'>{`推荐意愿 ${cut.recommend.average} / 10`}</View>}
          {(cut.comments ?? []).map((comment, i) => (
            <View key={i} className='ss-comment'>
              {comment}
            </View>
          ))}
        </View>
      ) : (
        <View className='ss-suppressed'>{`不足${STAFF_MIN_GROUP}人，为保护匿名仅显示人数`}</View>
      )}
    </View>
  )
}

const CreateForm = observer(function CreateForm() {
  const { staffSurvey } = useStores()
  const store = staffSurvey.results
  return (
    <View className='rx-card'>
      <View className='rx-title'>发起新一轮调查</View>
      <TextField
        label='调查名称'
        value={store.form.title}
        maxlength={40}
        placeholder='如 2026年第二季度职工满意度'
        onInput={(title) => store.setForm({ title })}
        error={store.creating.fieldError('title')}
      />
      <TextField
        label='开始日期'
        value={store.form.opensOn}
        placeholder='YYYY-MM-DD'
        onInput={(opensOn) => store.setForm({ opensOn })}
        error={store.creating.fieldError('opensOn')}
      />
      <TextField
        label='结束日期'
        value={store.form.closesOn}
        placeholder='YYYY-MM-DD'
        onInput={(closesOn) => store.setForm({ closesOn })}
        error={store.creating.fieldError('closesOn')}
      />
      {store.creating.error && <FieldError message={store.creating.error} />}
      <Button className='rx-button' loading={store.creating.isPending} onClick={() => void store.create()}>
        发布并邀请全院职工
      </Button>
    </View>
  )
})

/** 职工满意度结果: admins see every department, a manager their own; small groups show counts only. */
export default observer(function StaffSurveyResultsPage() {
  const { staffSurvey, identity, ui } = useStores()
  const store = staffSurvey.results
  useFreshList(() => store.loadCampaigns())
  const results = store.results

  // Saving is its own tap: WeChat only shares a file from a tap handler.
  const exportCsv = async () => {
    const exported = await store.exportCsv()
    if (!exported) return
    try {
      await saveCsv(exported)
    } catch {
      ui.toast('文件未保存，请重试')
    }
  }

  return (
    <PageShell>
      <View className='rx-title'>职工满意度结果</View>
      {identity.hasRole('admin') && <CreateForm />}
      <StateView
        status={store.listLoading.status}
        error={store.listLoading.error}
        errorCode={store.listLoading.code}
        empty={store.campaigns.length === 0}
        emptyText='还没有职工满意度调查'
        onRetry={() => void store.loadCampaigns()}
      >
        <View className='ss-campaigns' role='tablist' aria-label='调查轮次'>
          {store.campaigns.map((c) => (
            <View
              key={c.id}
              role='tab'
              aria-selected={results?.campaign.id === c.id}
              className={results?.campaign.id === c.id ? 'ss-campaign ss-campaign--on' : 'ss-campaign'}
              onClick={() => void store.loadResults(c.id)}
            >
              {`${c.title}（${CAMPAIGN_STATUS_LABELS[c.status]}）`}
            </View>
          ))}
        </View>
        <StateView
          status={store.resultsLoading.status}
          error={store.resultsLoading.error}
          errorCode={store.resultsLoading.code}
          empty={!results}
          onRetry={() => results && void store.loadResults(results.campaign.id)}
        >
          {results && (
            <View>
              {results.hospital && <CutView title='全院' cut={results.hospital} />}
              {results.departments.map((d) => (
                <CutView key={d.departmentId ?? ''} title={d.departmentName} cut={d} />
              ))}
              <View className='rx-card'>
                <View className='rx-title'>历次趋势（总体满意度）</View>
                {results.trend.map((t) => (
                  <View key={t.campaignId} className='ss-item'>
                    <View className='ss-item__label'>{t.title}</View>
                    <View>{`${t.responses} 份`}</View>
                    <View>{t.overallRate === null ? `不足${STAFF_MIN_GROUP}人` : percent(t.overallRate)}</View>
                  </View>
                ))}
              </View>
              <Button className='rx-button rx-button--plain' onClick={() => void exportCsv()}>
                导出 CSV
              </Button>
            </View>
          )}
        </StateView>
      </StateView>
    </PageShell>
  )
})

import { Button, Input, Picker, View } from '@tarojs/components'
import { useFreshList } from '../../../components/fresh-list'
import { FieldError } from '../../../components/field-error'
import { observer } from 'mobx-react-lite'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { TextField } from '../../../components/text-field'
import { REPORT_STATUS_LABELS, VOLUNTEER_TEAMS, type ServiceReport } from '../../../contract'
import { useStores } from '../../../stores/context'
import { formatHours } from '../../../contract/month'
import { ChoiceGrid, plainChoices } from '../../../components/choice-grid'
import '../shared/volunteer.scss'

function ReportLine({ report }: { report: ServiceReport }) {
  return (
    <View className='vol-service__head'>
      <View>
        {report.date} · {report.place} · {report.content}
      </View>
      <View>{formatHours(report.minutes)}</View>
    </View>
  )
}

const ReportForm = observer(function ReportForm() {
  const { volunteer } = useStores()
  const reports = volunteer.reports
  const { form, reporting } = reports
  return (
    <View className='rx-card'>
      <View className='rx-title'>上报院外志愿服务</View>
      <View className='rx-muted'>
        社区义诊、健康讲座、送医上门等；只计实际服务时间，不含路程。服务队队长审核后计入时长。
      </View>
      <View className='rx-field'>
        <View>服务日期</View>
        <Picker mode='date' value={form.date} onChange={(e) => reports.setForm({ date: String(e.detail.value) })}>
          <View className='rx-input'>{form.date}</View>
        </Picker>
        <FieldError message={reporting.fieldError('date')} />
      </View>
      <TextField
        label='服务地点'
        value={form.place}
        placeholder='如：滨江社区卫生服务中心'
        onInput={(place) => reports.setForm({ place })}
        error={reporting.fieldError('place')}
      />
      <TextField
        label='服务内容'
        value={form.content}
        placeholder='如：高血压健康讲座'
        onInput={(content) => reports.setForm({ content })}
        error={reporting.fieldError('content')}
      />
      <TextField
        label='服务时长（小时，每天最多12小时）'
        type='digit'
        value={form.hours}
        placeholder='如 2.5'
        onInput={(hours) => reports.setForm({ hours })}
        error={reporting.fieldError('hours')}
      />
      <View className='rx-field'>
        <View>由哪个服务队审核（不选则为您所在的服务队）</View>
        <ChoiceGrid
          label='审核服务队'
          columns={2}
          choices={plainChoices(VOLUNTEER_TEAMS)}
          isOn={(team) => form.team === team}
          onPick={(team) => reports.setForm({ team: form.team === team ? null : team })}
        />
        <FieldError message={reporting.fieldError('team')} />
      </View>
      <Button className='rx-button' loading={reporting.isPending} onClick={() => void reports.report()}>
        提交上报
      </Button>
    </View>
  )
})

const MyReports = observer(function MyReports() {
  const { volunteer } = useStores()
  const reports = volunteer.reports
  return (
    <View className='rx-card'>
      <View className='rx-title'>我的上报</View>
      <StateView
        status={reports.mineLoading.status}
        error={reports.mineLoading.error}
        errorCode={reports.mineLoading.code}
        empty={reports.mine.length === 0}
        emptyText='还没有上报过院外服务'
        onRetry={() => void reports.loadMine()}
      >
        {reports.mine.map((report) => (
          <View key={report.id} className='vol-service'>
            <ReportLine report={report} />
            <View className='rx-muted'>
              {REPORT_STATUS_LABELS[report.status]}
              {report.decidedBy ? ` · ${report.decidedBy}` : ''}
              {report.note ? ` · ${report.note}` : ''}
            </View>
          </View>
        ))}
      </StateView>
    </View>
  )
})

/** Shown to team leaders and administrators only when something waits for them. */
const ToApprove = observer(function ToApprove() {
  const { volunteer } = useStores()
  const reports = volunteer.reports
  if (reports.toApprove.length === 0) return null
  return (
    <View className='rx-card'>
      <View className='rx-title'>待我审核（{reports.toApprove.length}）</View>
      {reports.toApprove.map((report) => (
        <View key={report.id} className='vol-service' aria-label={`审核${report.volunteerName}的上报`}>
          <View>
            {report.volunteerName} · {report.team}服务队
          </View>
          <ReportLine report={report} />
          <Input
            className='rx-input'
            value={reports.notes[report.id] ?? ''}
            placeholder='驳回时请写明原因'
            aria-label='审核意见'
            onInput={(e) => reports.setNote(report.id, e.detail.value)}
          />
          <View className='rx-row'>
            <Button
              className='rx-button'
              loading={reports.isDeciding(report.id)}
              onClick={() => void reports.decide(report.id, true)}
            >
              通过
            </Button>
            <Button className='rx-button rx-button--plain' onClick={() => void reports.decide(report.id, false)}>
              驳回
            </Button>
          </View>
        </View>
      ))}
    </View>
  )
})

export default observer(function ReportPage() {
  const { volunteer } = useStores()
  useFreshList(() => Promise.all([volunteer.reports.loadMine(), volunteer.reports.loadToApprove()]))
  return (
    <PageShell>
      <ToApprove />
      <ReportForm />
      <MyReports />
    </PageShell>
  )
})

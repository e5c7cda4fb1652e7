import { Button, Input, Picker, View } from '@tarojs/components'
import { formatDateTime } from '../../../contract/when'
import { useFreshList } from '../../../components/fresh-list'
import { FieldError } from '../../../components/field-error'
import { observer } from 'mobx-react-lite'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { TextField } from '../../../components/text-field'
import type { DeskRequest, OnShiftVolunteer } from '../../../contract'
import { useStores } from '../../../stores/context'
import { RequestSummary } from '../shared/request-summary'
import { ExcellentCard, NationalExportCard } from './recognition-cards'
import '../shared/volunteer.scss'

const PendingCard = observer(function PendingCard() {
  const { volunteer } = useStores()
  const admin = volunteer.admin
  const { pending, pendingLoading, rejectReasons } = admin
  return (
    <View className='rx-card'>
      <View className='rx-title'>待审核报名</View>
      <StateView
        status={pendingLoading.status}
        error={pendingLoading.error}
        errorCode={pendingLoading.code}
        empty={pending.length === 0}
        emptyText='暂无待审核的报名'
        onRetry={() => void admin.loadPending()}
      >
        {pending.map((p) => (
          <View key={p.userId} className='rx-field'>
            <View>
              {p.name} · {p.team}服务队 · {p.phone}
            </View>
            <View className='rx-muted'>
              {p.skills.length > 0 ? `特长：${p.skills.join('、')} · ` : ''}可服务：{p.availability}
            </View>
            <Input
              className='rx-input'
              value={rejectReasons[p.userId] ?? ''}
              placeholder='驳回时请填写原因'
              onInput={(e) => admin.setRejectReason(p.userId, e.detail.value)}
            />
            <View className='rx-row'>
              <Button className='rx-button' onClick={() => void admin.decide(p.userId, true)}>
                通过
              </Button>
              <Button className='rx-button rx-button--plain' onClick={() => void admin.decide(p.userId, false)}>
                驳回
              </Button>
            </View>
          </View>
        ))}
      </StateView>
    </View>
  )
})

function DeskList({ title, requests, empty }: { title: string; requests: DeskRequest[]; empty: string }) {
  return (
    <View className='rx-field'>
      <View className='rx-title'>{title}</View>
      {requests.length === 0 && <View className='rx-muted'>{empty}</View>}
      {requests.map((r) => (
        <View key={r.id} className='rx-field'>
          <RequestSummary {...r} />
          <View className='rx-muted'>
            患者 {r.patientName}
            {r.volunteerName
              ? ` · 志愿者 ${r.volunteerName} 接单 ${r.minutesSinceClaim ?? 0} 分钟未完成`
              : ` · 已等待 ${r.waitingMinutes} 分钟`}
          </View>
        </View>
      ))}
    </View>
  )
}

/** A waiting request with the picker of volunteers on shift the desk can hand it to. */
const AssignRow = observer(function AssignRow({ request }: { request: DeskRequest }) {
  const { volunteer } = useStores()
  const dispatch = volunteer.dispatch
  const onShift = dispatch.desk?.volunteersOnShift ?? []
  const picked = onShift.find((v) => v.userId === dispatch.picks[request.id])
  const label = (v: OnShiftVolunteer) => `${v.name} · ${v.station} · 服务中 ${v.serving}`
  return (
    <View className='rx-field' aria-label={`指派${request.need}呼叫`}>
      <RequestSummary {...request} />
      <View className='rx-muted'>
        患者 {request.patientName} · 已等待 {request.waitingMinutes} 分钟
      </View>
      {onShift.length === 0 ? (
        <View className='rx-muted'>暂无在岗志愿者可指派</View>
      ) : (
        <View className='rx-row'>
          <Picker
            mode='selector'
            range={onShift.map(label)}
            onChange={(e) => dispatch.pick(request.id, onShift[Number(e.detail.value)]?.userId ?? '')}
          >
            <View className='rx-input'>{picked ? label(picked) : '选择在岗志愿者'}</View>
          </Picker>
          <Button
            className='rx-button'
            loading={dispatch.isAssigning(request.id)}
            onClick={() => void dispatch.assign(request.id)}
          >
            指派
          </Button>
        </View>
      )}
    </View>
  )
})

const DeskCard = observer(function DeskCard() {
  const { volunteer } = useStores()
  const dispatch = volunteer.dispatch
  const { desk, loading } = dispatch
  return (
    <View className='rx-card'>
      <View className='rx-row'>
        <View className='rx-title'>服务台</View>
        {desk && <View>在岗 {desk.onShift} 人</View>}
      </View>
      <StateView
        status={loading.status}
        error={loading.error}
        errorCode={loading.code}
        onRetry={() => void dispatch.load()}
      >
        {desk && (
          <View>
            <View className='rx-title'>等待中的呼叫（超时优先，其次轮椅、老人）</View>
            {desk.waiting.length === 0 && <View className='rx-muted'>没有等待中的呼叫</View>}
            {desk.waiting.map((request) => (
              <AssignRow key={request.id} request={request} />
            ))}
            <DeskList title='接单超过60分钟未完成' requests={desk.overdue} empty='没有超时未完成的服务' />
            <View className='rx-title'>近7天超12小时自动下岗</View>
            {desk.autoClosed.length === 0 && <View className='rx-muted'>没有自动下岗的班次</View>}
            {desk.autoClosed.map((shift) => (
              <View key={shift.id}>
                {shift.volunteerName} · {shift.station} · {formatDateTime(shift.startedAt)} 上岗
              </View>
            ))}
          </View>
        )}
      </StateView>
      <Button className='rx-button rx-button--plain' onClick={() => void dispatch.load()}>
        刷新服务台
      </Button>
    </View>
  )
})

const AdjustCard = observer(function AdjustCard() {
  const { volunteer } = useStores()
  const admin = volunteer.admin
  const { adjustForm, adjusting, roster } = admin
  const chosen = roster.find((entry) => entry.userId === adjustForm.userId)
  return (
    <View className='rx-card'>
      <View className='rx-title'>调整服务时长</View>
      <View className='rx-muted'>调整单独记账，原有记录不会被覆盖</View>
      <View className='rx-field'>
        <View>志愿者</View>
        <StateView
          status={admin.rosterLoading.status}
          error={admin.rosterLoading.error}
          errorCode={admin.rosterLoading.code}
          empty={roster.length === 0}
          emptyText='还没有通过审核的志愿者'
          onRetry={() => void admin.loadRoster()}
        >
          <Picker
            mode='selector'
            range={roster.map((entry) => `${entry.name}（${entry.team}）`)}
            onChange={(e) => admin.setAdjustForm({ userId: roster[Number(e.detail.value)]?.userId ?? '' })}
          >
            <View className='rx-input'>{chosen ? `${chosen.name}（${chosen.team}）` : '点此选择志愿者'}</View>
          </Picker>
        </StateView>
        <FieldError message={adjusting.fieldError('userId')} />
      </View>
      <TextField
        label='调整小时数（减少请写负数，如 -1.5）'
        value={adjustForm.hours}
        placeholder='如 2 或 -1.5'
        onInput={(hours) => admin.setAdjustForm({ hours })}
        error={adjusting.fieldError('minutes')}
      />
      <TextField
        label='原因'
        value={adjustForm.reason}
        placeholder='如：3月5日义诊活动补录'
        onInput={(reason) => admin.setAdjustForm({ reason })}
        error={adjusting.fieldError('reason')}
      />
      {adjusting.error && adjusting.fields.length === 0 && <FieldError message={adjusting.error} />}
      <Button className='rx-button' loading={adjusting.isPending} onClick={() => void admin.adjustHours()}>
        保存调整
      </Button>
    </View>
  )
})

export default observer(function VolunteerAdminPage() {
  const { volunteer } = useStores()
  useFreshList(() =>
    Promise.all([
      volunteer.admin.loadPending(),
      volunteer.dispatch.load(),
      volunteer.admin.loadRoster(),
      volunteer.recognition.loadShortlist(),
    ]),
  )
  return (
    <PageShell>
      <PendingCard />
      <DeskCard />
      <AdjustCard />
      <ExcellentCard />
      <NationalExportCard />
    </PageShell>
  )
})

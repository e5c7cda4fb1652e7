import { Button, Textarea, View } from '@tarojs/components'
import { useFreshList } from '../../../components/fresh-list'
import { FieldError } from '../../../components/field-error'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { checkOutWindow, LEAVE_STATUS_LABELS, type MySession } from '../../../contract'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { useStores } from '../../../stores/context'
import { sessionTime, studyPage } from '../format'
import '../study.scss'

function statusTag(session: MySession) {
  if (session.status === 'cancelled') return <View className='study-tag study-tag--muted'>已取消</View>
  if (session.attendance) {
    const signedIn = session.attendance.late ? '已签到（迟到）' : '已签到'
    const label = session.attendance.checkedOutAt ? '已签退' : signedIn
    return <View className='study-tag study-tag--ok'>{label}</View>
  }
  if (session.leave) return <View className='study-tag'>{`请假${LEAVE_STATUS_LABELS[session.leave.status]}`}</View>
  return null
}

/** 签退 opens at the start and closes 30 minutes after the end; the server has the last word. */
function canCheckOut(session: MySession): boolean {
  if (!session.requireCheckOut || !session.attendance || session.attendance.checkedOutAt) return false
  const now = Date.now()
  const window = checkOutWindow(new Date(session.startAt), new Date(session.endAt))
  return now >= window.from.getTime() && now <= window.to.getTime()
}

const LeaveForm = observer(function LeaveForm({ sessionId }: { sessionId: string }) {
  const { study } = useStores()
  useEffect(() => study.keepLeaveDraft(sessionId), [study, sessionId])
  return (
    <View className='rx-field'>
      <View>请假事由</View>
      <Textarea
        className='rx-input'
        value={study.leaveForm.reason}
        placeholder='如：值班、外出进修'
        maxlength={100}
        onInput={(e) => study.setLeaveReason(e.detail.value)}
      />
      <FieldError message={study.leave.fieldError('reason') ?? study.leave.error} />
      <View className='study-actions'>
        <Button className='rx-button' loading={study.leave.isPending} onClick={() => void study.requestLeave()}>
          提交请假
        </Button>
        <Button className='rx-button rx-button--plain' onClick={() => study.closeLeave()}>
          不请假了
        </Button>
      </View>
    </View>
  )
})

const SessionCard = observer(function SessionCard({ session }: { session: MySession }) {
  const { study } = useStores()
  const started = Date.parse(session.startAt) <= Date.now()
  const canLeave =
    session.status === 'scheduled' &&
    !started &&
    !session.attendance &&
    (session.leave === null || session.leave.status === 'pending')
  return (
    <View className='rx-card'>
      <View className='rx-row'>
        <View className='rx-title'>{session.title}</View>
        {statusTag(session)}
      </View>
      <View>{`${session.type} · ${sessionTime(session)}`}</View>
      <View className='study-session__meta'>
        {`${session.location}${session.speaker ? ` · 主讲 ${session.speaker}` : ''} · ${session.creditHours} 学时 · ${session.audienceLabel}`}
      </View>
      {study.leaveForm.sessionId === session.id ? (
        <LeaveForm sessionId={session.id} />
      ) : (
        session.status === 'scheduled' && (
          <View className='study-actions'>
            {!session.attendance && (
              <Button className='rx-button' onClick={() => void Taro.navigateTo({ url: studyPage('check-in') })}>
                去签到
              </Button>
            )}
            {canCheckOut(session) && (
              <Button className='rx-button' onClick={() => void study.checkOut(session.id)}>
                签退
              </Button>
            )}
            {canLeave && (
              <Button className='rx-button rx-button--plain' onClick={() => study.startLeave(session.id)}>
                {session.leave ? '修改请假' : '请假'}
              </Button>
            )}
          </View>
        )
      )}
    </View>
  )
})

export default observer(function UpcomingPage() {
  const { study } = useStores()
  useFreshList(() => study.loadUpcoming())
  return (
    <PageShell>
      <View className='rx-title'>近期学习活动</View>
      <StateView
        status={study.upcomingLoading.status}
        error={study.upcomingLoading.error}
        errorCode={study.upcomingLoading.code}
        empty={study.upcoming.length === 0}
        emptyText='近期没有需要参加的学习活动'
        onRetry={() => void study.loadUpcoming()}
      >
        {study.upcoming.map((session) => (
          <SessionCard key={session.id} session={session} />
        ))}
      </StateView>
    </PageShell>
  )
})

import { Button, Picker, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import {
  ATTENDEE_STATUS_LABELS,
  PRESENCE_PROOF_LABELS,
  type Attendee,
  type DepartmentAttendance,
  type SessionView,
} from '../../../contract'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { useStores } from '../../../stores/context'
import { formatClock } from '../../../contract/when'
import { sessionTime } from '../format'
import '../study.scss'
import { saveCsv } from '../../../services/save-csv'

/**
 * What the organizer can set right for one person: 确认到场 for one the platform could not place
 * (while the session runs), 补记签退 for one who left without 签退 (once its window has closed).
 */
const PersonActions = observer(function PersonActions({ person, session }: { person: Attendee; session: SessionView }) {
  const { study } = useStores()
  const now = Date.now()
  const running = now < Date.parse(session.endAt) && session.status === 'scheduled'
  if (person.status === 'missing' && running) {
    return (
      <Button
        className='rx-button rx-button--plain'
        onClick={() => void study.attendance.confirmPresence(session.id, person.userId)}
      >
        确认到场
      </Button>
    )
  }
  const missedCheckOut =
    session.requireCheckOut && person.checkedInAt !== null && person.checkedOutAt === null && !running
  if (!missedCheckOut) return null
  return (
    <Picker
      mode='time'
      value={formatClock(session.endAt)}
      onChange={(e) => void study.attendance.correctCheckOut(session.id, person.userId, String(e.detail.value))}
    >
      <View className='rx-button rx-button--plain' role='button'>
        补记签退时间
      </View>
    </Picker>
  )
})

function Person({ person, session }: { person: Attendee; session: SessionView }) {
  const notes = [
    person.checkedInAt ? formatClock(person.checkedInAt) : '',
    person.checkedInAt && session.requireCheckOut && !person.checkedOutAt ? '未签退' : '',
    person.presence ? PRESENCE_PROOF_LABELS[person.presence] : '',
    person.expected ? '' : '自愿参加',
  ]
  return (
    <View className='study-table__row'>
      <View>{person.name}</View>
      <View className={person.status === 'missing' ? 'study-tag study-tag--muted' : 'study-tag study-tag--ok'}>
        {[ATTENDEE_STATUS_LABELS[person.status], ...notes].filter(Boolean).join(' · ')}
      </View>
      <PersonActions person={person} session={session} />
    </View>
  )
}

function Department({ group, session }: { group: DepartmentAttendance; session: SessionView }) {
  const [open, setOpen] = useState(false)
  return (
    <View className='rx-card'>
      <View className='study-table__row' role='button' aria-expanded={open} onClick={() => setOpen(!open)}>
        <View className='rx-title'>{group.departmentName}</View>
        <View>{`到 ${group.present + group.late} / 应到 ${group.expected}${open ? ' ▲' : ' ▼'}`}</View>
      </View>
      <View className='rx-muted'>{`迟到 ${group.late} · 请假 ${group.excused} · 未签到 ${group.missing}`}</View>
      {open && group.people.map((person) => <Person key={person.userId} person={person} session={session} />)}
    </View>
  )
}

/** The organizer's view while a session runs: refreshed every few seconds until the page closes. */
export default observer(function LivePage() {
  const { study } = useStores()
  const id = useRouter().params.id ?? ''
  useEffect(() => {
    study.attendance.start(id)
    return () => study.attendance.stop()
  }, [study, id])
  const live = study.attendance.view
  const exportCsv = async () => {
    const file = await study.attendance.exportCsv(id)
    if (file) await saveCsv(file)
  }
  return (
    <PageShell>
      <StateView
        status={live ? 'ready' : study.attendance.loading.status}
        error={study.attendance.loading.error}
        errorCode={study.attendance.loading.code}
        onRetry={() => study.attendance.start(id)}
      >
        {live && (
          <View>
            <View className='rx-card'>
              <View className='rx-title'>{live.session.title}</View>
              <View className='study-session__meta'>{`${sessionTime(live.session)} · ${live.session.location}`}</View>
              <View className='study-figures'>
                <View>
                  <View className='study-number' aria-label='已签到人数'>
                    {live.totals.checkedIn}
                  </View>
                  <View>已签到</View>
                </View>
                <View>
                  <View className='study-number'>{live.totals.expected}</View>
                  <View>应到</View>
                </View>
                <View>
                  <View className='study-number'>{live.totals.late}</View>
                  <View>迟到</View>
                </View>
                <View>
                  <View className='study-number'>{live.totals.excused}</View>
                  <View>请假</View>
                </View>
                <View>
                  <View className='study-number'>{live.totals.missing}</View>
                  <View>未签到</View>
                </View>
              </View>
              {live.totals.unexpected > 0 && (
                <View className='rx-muted'>{`其中自愿参加（不在应到名单）${live.totals.unexpected} 人`}</View>
              )}
              <Button className='rx-button rx-button--plain' onClick={() => void exportCsv()}>
                导出签到表（CSV）
              </Button>
            </View>
            {live.pendingLeaves.length > 0 && (
              <View className='rx-card'>
                <View className='rx-title'>待审批请假</View>
                {live.pendingLeaves.map((person) => (
                  <View key={person.userId} className='study-table__row'>
                    <View>{`${person.name}（${person.departmentName}）：${person.leave?.reason ?? ''}`}</View>
                    <View className='study-actions'>
                      <Button
                        className='rx-button'
                        onClick={() => void study.attendance.decideLeave(id, person.userId, true)}
                      >
                        准假
                      </Button>
                      <Button
                        className='rx-button rx-button--plain'
                        onClick={() => void study.attendance.decideLeave(id, person.userId, false)}
                      >
                        驳回
                      </Button>
                    </View>
                  </View>
                ))}
              </View>
            )}
            {live.departments.map((group) => (
              <Department key={group.departmentId ?? ''} group={group} session={live.session} />
            ))}
          </View>
        )}
      </StateView>
    </PageShell>
  )
})

import { CARE_NEEDS, ESCALATE_WAITING_MINUTES, type HelpStatus, type OnShiftVolunteer } from '../../../contract'
import { MINUTE_MS } from '../../../contract/month'
import type { HelpRecord } from './repo'

export function minutesSince(iso: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / MINUTE_MS))
}

/** 张** : the surname, enough for a volunteer to call out in the hall; the length of the name is not told. */
export function maskName(name: string): string {
  const trimmed = name.trim()
  return trimmed ? `${Array.from(trimmed)[0]}**` : '患者'
}

export const isEscalated = (record: HelpRecord, now: Date) =>
  record.status === 'waiting' && minutesSince(record.createdAt, now) >= ESCALATE_WAITING_MINUTES

/**
 * Who is served next: anyone kept waiting 10 minutes or more first (等待超时), then wheelchairs and
 * older people, then everyone else; within each group the longest waiting first.
 */
function dispatchRank(record: HelpRecord, now: Date): number {
  if (isEscalated(record, now)) return 0
  return CARE_NEEDS.includes(record.need) ? 1 : 2
}

export function dispatchOrder(waiting: HelpRecord[], now: Date): HelpRecord[] {
  return [...waiting].sort(
    (a, b) =>
      dispatchRank(a, now) - dispatchRank(b, now) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  )
}

/** Desk assignments first (the desk chose them for this volunteer), then in the order they were taken. */
export function servingOrder(mine: HelpRecord[]): HelpRecord[] {
  return [...mine].sort(
    (a, b) => Number(b.assigned) - Number(a.assigned) || (a.claimedAt ?? '').localeCompare(b.claimedAt ?? ''),
  )
}

/** Whom the desk should think of first: the volunteers serving fewest, then by name. */
export function byLoad(volunteers: OnShiftVolunteer[]): OnShiftVolunteer[] {
  return [...volunteers].sort((a, b) => a.serving - b.serving || a.name.localeCompare(b.name, 'zh'))
}

const NEXT_STEP: Record<HelpStatus, (record: HelpRecord, escalated: boolean) => string> = {
  waiting: (record, escalated) =>
    escalated
      ? `请留在「${record.from}」，服务台已收到提醒，正在为您安排志愿者`
      : `请在「${record.from}」等候，志愿者接单后会到这里找您`,
  // The volunteer's name and team are on the patient's card already.
  claimed: (record) => `志愿者正在赶来，请留在「${record.from}」，之后陪您去${record.toDepartment}`,
  completed: (record) => (record.rating ? '服务已完成，感谢您的评价' : '服务已完成，欢迎为志愿者评价'),
  cancelled: () => '呼叫已取消，如仍需帮助可重新呼叫',
}

/** Where the patient waits and what happens next, in the patient's words. */
export const nextStep = (record: HelpRecord, now: Date) => NEXT_STEP[record.status](record, isEscalated(record, now))

import {
  CHECK_IN_CLOSES_AFTER_MINUTES,
  CHECK_IN_OPENS_BEFORE_MINUTES,
  CHECK_OUT_MIN_HOURS,
  checkOutWindow,
  type Audience,
  type AttendeeStatus,
  type RateRow,
} from '../../../contract'
import { HOUR_MS, MINUTE_MS } from '../../../contract/month'

/**
 * The study rules, once: who is expected, when check-in and check-out are open, what credit a
 * stay earns, how a person's status and a rate are told. The adapters ask these; where one keeps a
 * SQL view for speed, the contract suite checks it against the function here.
 */

export interface TimeRange {
  from: Date
  to: Date
}

/** A staff member as the audience rule sees them. */
export interface AudienceMember {
  departmentId: string | null
  partyMember: boolean
}

/** Who is expected (应到) at a session: everyone, party members, or the listed departments. */
export function expects(audience: Audience, person: AudienceMember | undefined): boolean {
  if (!person) return false
  if (audience === 'all') return true
  if (audience === 'party') return person.partyMember
  return person.departmentId !== null && audience.includes(person.departmentId)
}

/** 签退 is on by default for sessions longer than two hours; an organizer may say otherwise. */
export function defaultRequireCheckOut(startAt: Date, endAt: Date): boolean {
  return endAt.getTime() - startAt.getTime() > CHECK_OUT_MIN_HOURS * HOUR_MS
}

const minutesFrom = (at: Date, minutes: number) => new Date(at.getTime() + minutes * MINUTE_MS)

export function checkInWindow(startAt: Date): TimeRange {
  return {
    from: minutesFrom(startAt, -CHECK_IN_OPENS_BEFORE_MINUTES),
    to: minutesFrom(startAt, CHECK_IN_CLOSES_AFTER_MINUTES),
  }
}

export { checkOutWindow }

/**
 * Who is expected at a session is frozen when its check-in window opens: from then on a hire, a
 * transfer or a new party member does not change it. Before that it follows today's roster.
 */
export function audienceFrozenBy(startAt: Date, now: Date): boolean {
  return now >= checkInWindow(startAt).from
}

/** The latest start whose check-in window has opened by `now`: sessions starting by then are frozen. */
export function latestFrozenStart(now: Date): Date {
  return minutesFrom(now, CHECK_IN_OPENS_BEFORE_MINUTES)
}

/** What a session offers as credit, and whether it asks for 签退. */
export interface CreditTerms {
  startAt: string
  endAt: string
  /** Hours or points: the same rule earns study hours and CME credit. */
  credit: number
  requireCheckOut: boolean
}

export interface Stay {
  checkedInAt: string
  checkedOutAt: string | null
}

/** Credit in tenths, without binary fractions creeping in. */
const tenths = (value: number) => Math.round(value * 10) / 10

/**
 * Credit earned by one stay. Without check-in nothing. Where 签退 is required, no check-out earns
 * nothing (未签退) and leaving before the end pro-rates the time stayed; elsewhere check-in is enough.
 */
export function creditEarned(terms: CreditTerms, stay: Stay | null): number {
  if (!stay) return 0
  if (!terms.requireCheckOut) return terms.credit
  if (stay.checkedOutAt === null) return 0
  const start = Date.parse(terms.startAt)
  const end = Date.parse(terms.endAt)
  const out = Date.parse(stay.checkedOutAt)
  if (out >= end) return terms.credit
  const stayed = Math.max(0, out - Math.max(Date.parse(stay.checkedInAt), start))
  return tenths((terms.credit * stayed) / (end - start))
}

/** 未签退: checked in to a session that needs 签退, and its check-out window has closed without one. */
export function missedCheckOut(terms: CreditTerms, stay: Stay | null, now: Date): boolean {
  if (!stay || !terms.requireCheckOut || stay.checkedOutAt !== null) return false
  return now > checkOutWindow(new Date(terms.startAt), new Date(terms.endAt)).to
}

/** Sums of one-decimal credits. */
export function sumCredits(values: number[]): number {
  return tenths(values.reduce((total, value) => total + value, 0))
}

export function attendeeStatus(checkedIn: { late: boolean } | null, leaveApproved: boolean): AttendeeStatus {
  if (checkedIn) return checkedIn.late ? 'late' : 'present'
  return leaveApproved ? 'excused' : 'missing'
}

/** Attended / (expected − excused), to three places; `null` when nobody was due. */
export function rateOf<Row extends Omit<RateRow, 'rate'>>(row: Row): Row & { rate: number | null } {
  const due = row.expected - row.excused
  return { ...row, rate: due > 0 ? Math.round((row.attended / due) * 1000) / 1000 : null }
}

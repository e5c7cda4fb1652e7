import type {
  Attendee,
  CmeRequirement,
  Audience,
  Fence,
  PresenceProof,
  LeaveStatus,
  MyAttendance,
  MySession,
  SessionView,
  StudyType,
  TopLearner,
  TypeMonthRate,
  DepartmentRate,
  Role,
} from '../../../contract'

export interface SessionFields {
  type: StudyType
  title: string
  speaker: string | null
  location: string
  startAt: Date
  endAt: Date
  audience: Audience
  creditHours: number
  cmeCredits: number
  requireCheckOut: boolean
  fence: Fence | null
  wifiBssids: string[]
}

/** A session with who organised it, for the handlers' permission checks. */
export interface SessionRecord extends SessionView {
  organizerId: string
  organizerDepartmentId: string | null
  /** Whether who is expected has been frozen (when the check-in window opened). */
  audienceFrozen: boolean
}

/** What callers see: who organised it stays on the server. */
export function publicView({
  organizerId: _id,
  organizerDepartmentId: _department,
  audienceFrozen: _frozen,
  ...view
}: SessionRecord): SessionView {
  return view
}

/**
 * The caller as the kernel read them at the start of the call (today's department and roles). An
 * adapter may decide the roster's preview of who is expected from it instead of reading the person again.
 */
export interface StudyPerson {
  userId: string
  departmentId: string | null
  roles: readonly Role[]
}

/** What a handler has already read, so an adapter need not read it again. */
export interface KnownFacts {
  session?: SessionRecord
  person?: StudyPerson
}

import type { TimeRange } from './rules'

export type { TimeRange }

export interface AttendeeRecord extends Attendee {
  departmentId: string | null
  departmentName: string
}

/** One session of the person's year: expected at, attended, or excused from; the facts its credit follows from. */
export interface RecordRow {
  sessionId: string
  type: StudyType
  title: string
  startAt: string
  endAt: string
  creditHours: number
  cmeCredits: number
  requireCheckOut: boolean
  expected: boolean
  /** The person's check-in, `null` when they did not come. */
  stay: { checkedInAt: string; checkedOutAt: string | null; late: boolean } | null
  excused: boolean
}

export interface StatsTotals {
  sessions: number
  byDepartment: Omit<DepartmentRate, 'rate'>[]
  byTypeMonth: Omit<TypeMonthRate, 'rate'>[]
  topLearners: Omit<TopLearner, 'rank'>[]
}

/** One check-in to a session carrying CME credit, with whom it was and the facts its credit follows from. */
export interface CmeRow {
  userId: string
  name: string
  employeeNo: string | null
  departmentId: string | null
  departmentName: string
  sessionId: string
  title: string
  startAt: string
  endAt: string
  cmeCredits: number
  requireCheckOut: boolean
  checkedInAt: string
  checkedOutAt: string | null
}

/** A staff member as the CME progress counts them. */
export interface StaffPlace {
  userId: string
  departmentId: string | null
  departmentName: string
}

export interface StudyRepo {
  createSession(
    organizer: { id: string; departmentId: string | null; name: string },
    fields: SessionFields,
    at: Date,
  ): Promise<SessionView>
  /** `null` when the session is cancelled (or gone). */
  updateSession(id: string, fields: SessionFields, at: Date): Promise<SessionView | null>
  /** `null` when it was already cancelled. */
  cancelSession(id: string, at: Date): Promise<SessionView | null>
  findSession(id: string): Promise<SessionRecord | null>
  /** Sessions ending after `since`, of one organizing department or (null) all. */
  listOrganized(departmentId: string | null, since: Date): Promise<SessionView[]>
  /** Sessions ending after `since` that the user is expected at or has checked in to or asked leave for. */
  listForUser(person: StudyPerson, since: Date): Promise<MySession[]>
  findMySession(id: string, person: StudyPerson): Promise<MySession | null>
  /** Scheduled sessions starting by `startingBy` whose audience is not frozen yet, oldest first. */
  unfrozenSessionIds(startingBy: Date, limit: number): Promise<string[]>
  /**
   * Stores who is expected at a scheduled session now, by the audience rule and today's roster, once:
   * `false` when it was frozen before or another call is freezing it. From then on every count of the
   * session (expected, missing, rates, leave and credit tallies) reads the snapshot.
   */
  freezeAudience(sessionId: string, at: Date): Promise<boolean>
  /** Drops the snapshot (after an edit of who or when): until frozen again the roster decides. */
  thawAudience(sessionId: string): Promise<void>
  /** Scheduled sessions starting in [from, to], by id: the candidates for a short code. */
  sessionIdsStartingBetween(range: TimeRange): Promise<string[]>

  /**
   * Records the first check-in; a later one returns the first unchanged (`repeated`). Whether the
   * person is expected is decided in the same statement from the audience.
   */
  checkIn(
    sessionId: string,
    userId: string,
    at: Date,
    late: boolean,
    /** How the check-in showed presence; only this outcome is kept, never a location. Default `none`. */
    presence?: PresenceProof,
    /** The session (and the person, when it is the caller) as the handler read them. */
    known?: KnownFacts,
  ): Promise<{ attendance: MyAttendance; repeated: boolean }>
  findAttendance(sessionId: string, userId: string): Promise<(MyAttendance & { creditHours: number }) | null>
  /** Sets the check-out once; `null` when not checked in. Returns the (possibly earlier) check-out. */
  checkOut(sessionId: string, userId: string, at: Date): Promise<(MyAttendance & { creditHours: number }) | null>

  /**
   * The organizer's correction of 未签退: sets a check-out where none was recorded, at or after the
   * check-in. `missing`: not checked in; `recorded`: a check-out is already there; `early`: before the check-in.
   */
  correctCheckOut(sessionId: string, userId: string, at: Date): Promise<'done' | 'missing' | 'recorded' | 'early'>

  /** `false` when the leave was already decided. */
  requestLeave(sessionId: string, userId: string, reason: string, at: Date): Promise<boolean>
  /** Decides a pending request once: `missing` when there is none, `decided` when it was decided before. */
  decideLeave(
    sessionId: string,
    userId: string,
    status: LeaveStatus,
    decidedBy: string,
    at: Date,
  ): Promise<'done' | 'missing' | 'decided'>

  /** Everyone expected, checked in or asking leave, with their status at `now`. */
  listAttendees(sessionId: string): Promise<AttendeeRecord[]>
  /** Sessions started in the range (and before `now`), newest first. */
  recordRows(userId: string, range: TimeRange, now: Date): Promise<RecordRow[]>
  /** Sessions started in the range and before `now`; people of one department or (null) all. */
  stats(range: TimeRange, departmentId: string | null, now: Date, topLimit: number): Promise<StatsTotals>

  /** The admin's requirement for the year, `null` when none was set. */
  cmeRequirement(year: number): Promise<CmeRequirement | null>
  setCmeRequirement(requirement: CmeRequirement, setBy: string, at: Date): Promise<void>
  /** Check-ins to scheduled sessions with CME credit started in the range, of one department or (null) all. */
  cmeRows(range: TimeRange, departmentId: string | null): Promise<CmeRow[]>
  /** Today's staff, of one department or (null) all. */
  staffPlaces(departmentId: string | null): Promise<StaffPlace[]>
}

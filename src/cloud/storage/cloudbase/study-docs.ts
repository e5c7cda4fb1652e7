import type {
  Audience,
  Fence,
  LeaveStatus,
  MyAttendance,
  PresenceProof,
  SessionStatus,
  StudyType,
} from '../../../contract'
import { monthOf } from '../../../contract/month'
import type { SessionFields, StudyPerson, TimeRange } from '../../domain/study/repo'
import { creditEarned, defaultRequireCheckOut, expects as expectsAudience } from '../../domain/study/rules'
import { byIds, readAll, type CloudDb, type Doc, type Where } from './db'
import type { BindingDoc, DepartmentDoc, RosterDoc, UserDoc } from './identity-repo'
import { C } from './schema'

export interface SessionDoc extends Doc {
  type: StudyType
  title: string
  speaker: string | null
  location: string
  startAt: string
  endAt: string
  audienceKind: 'all' | 'party' | 'departments'
  audienceDepartments: string[]
  creditHours: number
  /** Absent on sessions stored before CME credit: none. */
  cmeCredits?: number
  /** Absent on sessions stored before 签退 could be required: the default rule decides. */
  requireCheckOut?: boolean
  /**
   * The fence, flat (all three or none): an update replaces each field, where a nested object would
   * be merged into the old one. Absent on sessions stored before presence checks: none.
   */
  fenceLatitude?: number | null
  fenceLongitude?: number | null
  fenceRadiusMeters?: number | null
  wifiBssids?: string[]
  status: SessionStatus
  organizerId: string
  /** The organizer's name when the session was created. Absent on sessions stored before: read from users. */
  organizerName?: string
  organizerDepartmentId: string | null
  /** Who is expected, as shown (the departments' names). Absent on sessions stored before: read from departments. */
  audienceLabel?: string
  createdAt: string
  updatedAt: string
  /**
   * Set once, when who is expected was frozen (study-audience.ts), with the writer whose parts hold
   * the snapshot. Null (or absent, on sessions stored before) until then: the roster decides.
   */
  audienceFrozenAt?: string | null
  audienceWriter?: string | null
  audienceParts?: number
}

/** `_id` is `<session>:<user>`: one leave request per person and session. */
export interface LeaveDoc extends Doc {
  sessionId: string
  userId: string
  reason: string
  status: LeaveStatus
  requestedAt: string
  decidedAt: string | null
  decidedBy: string | null
}

/** `_id` is `<session>:<user>`: the first check-in wins, whatever the races. */
export interface AttendanceDoc extends Doc {
  sessionId: string
  userId: string
  /** The department at check-in time, so later transfers do not rewrite history. */
  departmentId: string | null
  checkedInAt: string
  late: boolean
  expected: boolean
  checkedOutAt: string | null
  /** How presence was shown, never where the person was. Absent on check-ins stored before: `none`. */
  presence?: PresenceProof
}

/** Hospital staff: whoever holds a staff, manager or admin role. */
export interface StaffMember {
  userId: string
  name: string
  departmentId: string | null
  partyMember: boolean
}

const STAFF_ROLES = ['staff', 'manager', 'admin']
export const NO_DEPARTMENT = '未分配科室'

export const personKey = (sessionId: string, userId: string) => `${sessionId}:${userId}`

function audienceFields(audience: Audience): Pick<SessionDoc, 'audienceKind' | 'audienceDepartments'> {
  return typeof audience === 'string'
    ? { audienceKind: audience, audienceDepartments: [] }
    : { audienceKind: 'departments', audienceDepartments: audience }
}

export function sessionFields(fields: SessionFields) {
  return {
    type: fields.type,
    title: fields.title,
    speaker: fields.speaker,
    location: fields.location,
    startAt: fields.startAt.toISOString(),
    endAt: fields.endAt.toISOString(),
    ...audienceFields(fields.audience),
    creditHours: fields.creditHours,
    cmeCredits: fields.cmeCredits,
    requireCheckOut: fields.requireCheckOut,
    fenceLatitude: fields.fence?.latitude ?? null,
    fenceLongitude: fields.fence?.longitude ?? null,
    fenceRadiusMeters: fields.fence?.radiusMeters ?? null,
    wifiBssids: fields.wifiBssids,
  }
}

/** 全院职工, 全体党员, or the departments' names in their order. */
export function audienceLabelOf(
  session: Pick<SessionDoc, 'audienceKind' | 'audienceDepartments'>,
  departments: Map<string, DepartmentDoc>,
): string {
  if (session.audienceKind === 'all') return '全院职工'
  if (session.audienceKind === 'party') return '全体党员'
  return session.audienceDepartments
    .flatMap((id) => departments.get(id) ?? [])
    .sort((a, b) => a.sort - b.sort)
    .map((department) => department.name)
    .join('、')
}

/** A user as the staff reads need them: who they are, their roles and department. */
export type StaffUser = Pick<UserDoc, '_id' | 'name' | 'roles' | 'departmentId'>

/** The caller the kernel read, as a user for the staff reads (the name is not needed to decide who is expected). */
export const asUser = (person: StudyPerson): StaffUser => ({
  _id: person.userId,
  name: '',
  roles: [...person.roles],
  departmentId: person.departmentId,
})

export const audienceOf = (session: SessionDoc): Audience =>
  session.audienceKind === 'departments' ? session.audienceDepartments : session.audienceKind

export function fenceOf(session: SessionDoc): Fence | null {
  const { fenceLatitude: latitude, fenceLongitude: longitude, fenceRadiusMeters: radiusMeters } = session
  return latitude != null && longitude != null && radiusMeters != null ? { latitude, longitude, radiusMeters } : null
}

export const requiresCheckOut = (session: SessionDoc) =>
  session.requireCheckOut ?? defaultRequireCheckOut(new Date(session.startAt), new Date(session.endAt))

/** Whether who is expected was frozen (study-audience.ts): the session names the writer of its snapshot. */
export const isFrozen = (session: SessionDoc) => Boolean(session.audienceFrozenAt && session.audienceWriter)

/** Whether deciding these sessions' audiences from the roster asks who is a party member. */
export const asksParty = (sessions: SessionDoc[]) =>
  sessions.some((session) => !isFrozen(session) && session.audienceKind === 'party')

/** Who is expected (应到), by the domain's audience rule and today's roster. */
export const expects = (session: SessionDoc, person: StaffMember | undefined) =>
  expectsAudience(audienceOf(session), person)

/** Credit earned, by the domain's rule. */
export const creditOf = (session: SessionDoc, attendance: AttendanceDoc): number =>
  creditEarned(
    {
      startAt: session.startAt,
      endAt: session.endAt,
      credit: session.creditHours,
      requireCheckOut: requiresCheckOut(session),
    },
    attendance,
  )

export const toAttendance = (doc: AttendanceDoc): MyAttendance => ({
  checkedInAt: doc.checkedInAt,
  late: doc.late,
  expected: doc.expected,
  checkedOutAt: doc.checkedOutAt,
  presence: presenceOf(doc),
})

export const presenceOf = (doc: AttendanceDoc): PresenceProof => doc.presence ?? 'none'

export const toLeave = (doc: LeaveDoc | undefined) => (doc ? { status: doc.status, reason: doc.reason } : null)

export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Shanghai's calendar month of an instant. */
export const chinaMonth = (at: string) => monthOf(new Date(at))

export function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row])
  return groups
}

/** The reads both halves of the study repository share: staff with their party membership, a person's own rows, sessions started in a range. */
export function studyReads(db: CloudDb) {
  const _ = db.command
  /**
   * Staff among the users. Party membership takes two more reads (binding, roster), so it is read only
   * `forParty`: when a session whose audience is 全体党员 is decided from the roster.
   */
  const staffOf = async (users: StaffUser[], forParty = true): Promise<Map<string, StaffMember>> => {
    const staff = users.filter((user) => user.roles.some((role) => STAFF_ROLES.includes(role)))
    if (!forParty) {
      return new Map(
        staff.map((user) => [
          user._id,
          { userId: user._id, name: user.name, departmentId: user.departmentId, partyMember: false },
        ]),
      )
    }
    const bindings = await byIds<BindingDoc>(
      db,
      C.staffBindings,
      staff.map((user) => user._id),
      { status: 'approved' },
    )
    const roster = await byIds<RosterDoc>(
      db,
      C.roster,
      [...bindings.values()].map((binding) => binding.employeeNo),
    )
    return new Map(
      staff.map((user) => {
        const employeeNo = bindings.get(user._id)?.employeeNo
        const partyMember = employeeNo ? (roster.get(employeeNo)?.partyMember ?? false) : false
        return [user._id, { userId: user._id, name: user.name, departmentId: user.departmentId, partyMember }]
      }),
    )
  }
  const allStaff = async (forParty = true) =>
    staffOf(await readAll(db.collection<UserDoc>(C.users).where({ roles: _.in(STAFF_ROLES) })), forParty)
  const staffMember = async (userId: string, forParty = true) => {
    const { data: user } = await db.collection<UserDoc>(C.users).doc(userId).get()
    return user ? (await staffOf([user], forParty)).get(userId) : undefined
  }

  /** The user's check-ins and leave requests for these sessions, by session. */
  const mineIn = async (userId: string, sessionIds: string[]) => {
    const keys = sessionIds.map((id) => personKey(id, userId))
    const attended = await byIds<AttendanceDoc>(db, C.studyAttendance, keys)
    const asked = await byIds<LeaveDoc>(db, C.studyLeaves, keys)
    return {
      attendance: (sessionId: string) => attended.get(personKey(sessionId, userId)),
      leave: (sessionId: string) => asked.get(personKey(sessionId, userId)),
    }
  }

  /** Scheduled sessions started in the range and before `now`, by start. */
  const startedIn = (range: TimeRange, now: Date) => {
    const to = Math.min(range.to.getTime() - 1, now.getTime())
    return readAll(
      db
        .collection<SessionDoc>(C.studySessions)
        .where({
          status: 'scheduled',
          startAt: _.gte(range.from.toISOString()).and(_.lte(new Date(to).toISOString())),
        })
        .orderBy('startAt', 'asc'),
    )
  }

  const forSessions = async <T extends Doc>(collection: string, sessionIds: string[], where: Where = {}) =>
    sessionIds.length === 0
      ? []
      : readAll(db.collection<T>(collection).where({ ...where, sessionId: _.in(sessionIds) }))

  return { staffOf, allStaff, staffMember, mineIn, startedIn, forSessions }
}

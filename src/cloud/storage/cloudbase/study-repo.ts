import { randomUUID } from 'node:crypto'
import type {
  Audience,
  AttendeeStatus,
  LeaveStatus,
  MyAttendance,
  MySession,
  SessionStatus,
  StudyType,
} from '../../../contract'
import {
  publicView,
  type AttendeeRecord,
  type SessionFields,
  type SessionRecord,
  type StudyRepo,
  type TimeRange,
} from '../../domain/study/repo'
import { addOnce, byIds, readAll, type CloudDb, type Doc, type Where } from './db'
import type { BindingDoc, DepartmentDoc, RosterDoc, UserDoc } from './identity-repo'
import { C } from './schema'
import { monthOf } from '../../../contract/month'

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
  status: SessionStatus
  organizerId: string
  organizerDepartmentId: string | null
  createdAt: string
  updatedAt: string
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
}

/** Hospital staff: whoever holds a staff, manager or admin role. */
interface StaffMember {
  userId: string
  name: string
  departmentId: string | null
  partyMember: boolean
}

const STAFF_ROLES = ['staff', 'manager', 'admin']
const NO_DEPARTMENT = '未分配科室'

const personKey = (sessionId: string, userId: string) => `${sessionId}:${userId}`

function audienceFields(audience: Audience): Pick<SessionDoc, 'audienceKind' | 'audienceDepartments'> {
  return typeof audience === 'string'
    ? { audienceKind: audience, audienceDepartments: [] }
    : { audienceKind: 'departments', audienceDepartments: audience }
}

function sessionFields(fields: SessionFields) {
  return {
    type: fields.type,
    title: fields.title,
    speaker: fields.speaker,
    location: fields.location,
    startAt: fields.startAt.toISOString(),
    endAt: fields.endAt.toISOString(),
    ...audienceFields(fields.audience),
    creditHours: fields.creditHours,
  }
}

/** Who is expected (应到), by the audience rule and today's roster. */
function expects(session: SessionDoc, person: StaffMember | undefined): boolean {
  if (!person) return false
  if (session.audienceKind === 'all') return true
  if (session.audienceKind === 'party') return person.partyMember
  return person.departmentId !== null && session.audienceDepartments.includes(person.departmentId)
}

/** Credit earned: the session's, pro-rated when checking out before the end. */
export function creditOf(session: SessionDoc, attendance: AttendanceDoc): number {
  const end = Date.parse(session.endAt)
  if (attendance.checkedOutAt === null || Date.parse(attendance.checkedOutAt) >= end) return session.creditHours
  const start = Date.parse(session.startAt)
  const stayed = Math.max(0, Date.parse(attendance.checkedOutAt) - Math.max(Date.parse(attendance.checkedInAt), start))
  return Math.round((session.creditHours * stayed * 10) / (end - start)) / 10
}

const toAttendance = (doc: AttendanceDoc): MyAttendance => ({
  checkedInAt: doc.checkedInAt,
  late: doc.late,
  expected: doc.expected,
  checkedOutAt: doc.checkedOutAt,
})

const toLeave = (doc: LeaveDoc | undefined) => (doc ? { status: doc.status, reason: doc.reason } : null)

/** Sums of one-decimal credits, without binary fractions creeping in. */
const sumCredits = (values: number[]) => Math.round(values.reduce((total, value) => total + value * 10, 0)) / 10

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Shanghai's calendar month of an instant. */
const chinaMonth = (at: string) => monthOf(new Date(at))

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row])
  return groups
}

export function createStudyRepo(db: CloudDb): StudyRepo {
  const _ = db.command
  const sessions = () => db.collection<SessionDoc>(C.studySessions)
  const leaves = () => db.collection<LeaveDoc>(C.studyLeaves)
  const attendance = () => db.collection<AttendanceDoc>(C.studyAttendance)

  const staffOf = async (users: UserDoc[]): Promise<Map<string, StaffMember>> => {
    const staff = users.filter((user) => user.roles.some((role) => STAFF_ROLES.includes(role)))
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
  const allStaff = async () =>
    staffOf(await readAll(db.collection<UserDoc>(C.users).where({ roles: _.in(STAFF_ROLES) })))
  const staffMember = async (userId: string) => {
    const { data: user } = await db.collection<UserDoc>(C.users).doc(userId).get()
    return user ? (await staffOf([user])).get(userId) : undefined
  }

  const toRecords = async (docs: SessionDoc[]): Promise<SessionRecord[]> => {
    const organizers = await byIds<UserDoc>(
      db,
      C.users,
      docs.map((doc) => doc.organizerId),
    )
    const departments = await byIds<DepartmentDoc>(
      db,
      C.departments,
      docs.flatMap((doc) => doc.audienceDepartments),
    )
    const label = (doc: SessionDoc) => {
      if (doc.audienceKind === 'all') return '全院职工'
      if (doc.audienceKind === 'party') return '全体党员'
      return doc.audienceDepartments
        .flatMap((id) => departments.get(id) ?? [])
        .sort((a, b) => a.sort - b.sort)
        .map((department) => department.name)
        .join('、')
    }
    return docs.map((doc) => ({
      id: doc._id,
      type: doc.type,
      title: doc.title,
      speaker: doc.speaker,
      location: doc.location,
      startAt: doc.startAt,
      endAt: doc.endAt,
      audience: doc.audienceKind === 'departments' ? doc.audienceDepartments : doc.audienceKind,
      audienceLabel: label(doc),
      creditHours: doc.creditHours,
      status: doc.status,
      organizerName: organizers.get(doc.organizerId)?.name ?? '',
      organizerId: doc.organizerId,
      organizerDepartmentId: doc.organizerDepartmentId,
    }))
  }
  const recordById = async (id: string) => {
    const { data } = await sessions().doc(id).get()
    return data ? (await toRecords([data]))[0] : null
  }
  const viewById = async (id: string) => {
    const record = await recordById(id)
    return record ? publicView(record) : null
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

  const mySessions = async (userId: string, docs: SessionDoc[], keep: (doc: SessionDoc) => boolean) => {
    const mine = await mineIn(
      userId,
      docs.map((doc) => doc._id),
    )
    const person = await staffMember(userId)
    const kept = docs.filter(
      (doc) => keep(doc) || mine.attendance(doc._id) || mine.leave(doc._id) || expects(doc, person),
    )
    return (await toRecords(kept)).map((record): MySession => {
      const attended = mine.attendance(record.id)
      return {
        ...publicView(record),
        attendance: attended ? toAttendance(attended) : null,
        leave: toLeave(mine.leave(record.id)),
      }
    })
  }

  const attendanceWithCredit = async (sessionId: string, userId: string) => {
    const { data: attended } = await attendance().doc(personKey(sessionId, userId)).get()
    const { data: session } = await sessions().doc(sessionId).get()
    if (!attended || !session) return null
    return { ...toAttendance(attended), creditHours: creditOf(session, attended) }
  }

  /** Scheduled sessions started in the range and before `now`, by start. */
  const startedIn = (range: TimeRange, now: Date) => {
    const to = Math.min(range.to.getTime() - 1, now.getTime())
    return readAll(
      sessions()
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

  return {
    async createSession(organizer, fields, at) {
      const id = randomUUID()
      await sessions().add({
        data: {
          _id: id,
          ...sessionFields(fields),
          status: 'scheduled',
          organizerId: organizer.id,
          organizerDepartmentId: organizer.departmentId,
          createdAt: at.toISOString(),
          updatedAt: at.toISOString(),
        },
      })
      const view = await viewById(id)
      if (!view) throw new Error('session vanished right after insert')
      return view
    },

    async updateSession(id, fields, at) {
      const { stats } = await sessions()
        .where({ _id: id, status: 'scheduled' })
        .update({ data: { ...sessionFields(fields), updatedAt: at.toISOString() } })
      return stats.updated === 1 ? viewById(id) : null
    },

    async cancelSession(id, at) {
      const { stats } = await sessions()
        .where({ _id: id, status: 'scheduled' })
        .update({ data: { status: 'cancelled', updatedAt: at.toISOString() } })
      return stats.updated === 1 ? viewById(id) : null
    },

    findSession: recordById,

    async listOrganized(departmentId, since) {
      const where: Where = { endAt: _.gt(since.toISOString()) }
      if (departmentId !== null) where.organizerDepartmentId = departmentId
      const { data } = await sessions().where(where).orderBy('startAt', 'asc').limit(200).get()
      return (await toRecords(data)).map(publicView)
    },

    async listForUser(userId, since) {
      const docs = await readAll(
        sessions()
          .where({ endAt: _.gt(since.toISOString()) })
          .orderBy('startAt', 'asc')
          .orderBy('_id', 'asc'),
      )
      return (await mySessions(userId, docs, () => false)).slice(0, 100)
    },

    async findMySession(id, userId) {
      const { data } = await sessions().doc(id).get()
      return data ? ((await mySessions(userId, [data], () => true))[0] ?? null) : null
    },

    async sessionIdsStartingBetween(range) {
      const docs = await readAll(
        sessions().where({
          status: 'scheduled',
          startAt: _.gte(range.from.toISOString()).and(_.lte(range.to.toISOString())),
        }),
      )
      return docs.map((doc) => doc._id).sort(byText)
    },

    async checkIn(sessionId, userId, at, late) {
      const key = personKey(sessionId, userId)
      const { data: user } = await db.collection<UserDoc>(C.users).doc(userId).get()
      const { data: session } = await sessions().doc(sessionId).get()
      if (!user || !session) throw new Error('check-in for an unknown session or user')
      const first: AttendanceDoc = {
        _id: key,
        sessionId,
        userId,
        departmentId: user.departmentId,
        checkedInAt: at.toISOString(),
        late,
        expected: expects(session, (await staffOf([user])).get(userId)),
        checkedOutAt: null,
      }
      if (await addOnce(attendance(), first)) return { attendance: toAttendance(first), repeated: false }
      const { data: existing } = await attendance().doc(key).get()
      if (!existing) throw new Error('check-in neither added nor found')
      return { attendance: toAttendance(existing), repeated: true }
    },

    findAttendance: attendanceWithCredit,

    async checkOut(sessionId, userId, at) {
      await attendance()
        .where({ _id: personKey(sessionId, userId), checkedOutAt: null })
        .update({ data: { checkedOutAt: at.toISOString() } })
      return attendanceWithCredit(sessionId, userId)
    },

    async requestLeave(sessionId, userId, reason, at) {
      const key = personKey(sessionId, userId)
      const requestedAt = at.toISOString()
      const pending: LeaveDoc = {
        _id: key,
        sessionId,
        userId,
        reason,
        status: 'pending',
        requestedAt,
        decidedAt: null,
        decidedBy: null,
      }
      if (await addOnce(leaves(), pending)) return true
      const { stats } = await leaves().where({ _id: key, status: 'pending' }).update({ data: { reason, requestedAt } })
      if (stats.updated === 1) return true
      // The database counts an update that changes nothing as not updated: still pending is a success.
      const { data } = await leaves().doc(key).get()
      return data?.status === 'pending' && data.reason === reason && data.requestedAt === requestedAt
    },

    async decideLeave(sessionId, userId, status, decidedBy, at) {
      const key = personKey(sessionId, userId)
      const decidedAt = at.toISOString()
      const { stats } = await leaves().where({ _id: key }).update({ data: { status, decidedBy, decidedAt } })
      if (stats.updated === 1) return true
      const { data } = await leaves().doc(key).get()
      return data?.status === status && data.decidedBy === decidedBy && data.decidedAt === decidedAt
    },

    async listAttendees(sessionId) {
      const { data: session } = await sessions().doc(sessionId).get()
      const staff = await allStaff()
      const attended = new Map(
        (await forSessions<AttendanceDoc>(C.studyAttendance, [sessionId])).map((doc) => [doc.userId, doc]),
      )
      const asked = new Map((await forSessions<LeaveDoc>(C.studyLeaves, [sessionId])).map((doc) => [doc.userId, doc]))
      const expected = session ? [...staff.values()].filter((person) => expects(session, person)) : []
      const people = [...new Set([...expected.map((p) => p.userId), ...attended.keys(), ...asked.keys()])]
      const users = await byIds<UserDoc>(db, C.users, people)
      const departmentOf = (userId: string) =>
        attended.get(userId)?.departmentId ?? users.get(userId)?.departmentId ?? null
      const departments = await byIds<DepartmentDoc>(db, C.departments, people.map(departmentOf))
      const rows = people.flatMap((userId) => {
        const user = users.get(userId)
        if (!user) return []
        const checkedIn = attended.get(userId)
        const leave = asked.get(userId)
        const department = departments.get(departmentOf(userId) ?? '')
        let status: AttendeeStatus = 'missing'
        if (checkedIn) status = checkedIn.late ? 'late' : 'present'
        else if (leave?.status === 'approved') status = 'excused'
        const record: AttendeeRecord = {
          userId,
          name: user.name,
          status,
          expected: checkedIn ? checkedIn.expected : session !== null && expects(session, staff.get(userId)),
          checkedInAt: checkedIn?.checkedInAt ?? null,
          checkedOutAt: checkedIn?.checkedOutAt ?? null,
          leave: toLeave(leave),
          departmentId: department?._id ?? null,
          departmentName: department?.name ?? NO_DEPARTMENT,
        }
        return [{ record, sort: department?.sort ?? Infinity }]
      })
      rows.sort(
        (a, b) =>
          a.sort - b.sort ||
          byText(a.record.checkedInAt ?? '\uffff', b.record.checkedInAt ?? '\uffff') ||
          byText(a.record.name, b.record.name),
      )
      return rows.map((row) => row.record)
    },

    async recordRows(userId, range, now) {
      const docs = await startedIn(range, now)
      const mine = await mineIn(
        userId,
        docs.map((doc) => doc._id),
      )
      const person = await staffMember(userId)
      return docs
        .map((doc) => {
          const attended = mine.attendance(doc._id)
          return {
            sessionId: doc._id,
            type: doc.type,
            title: doc.title,
            startAt: doc.startAt,
            expected: expects(doc, person),
            attended: attended !== undefined,
            late: attended?.late ?? false,
            excused: !attended && mine.leave(doc._id)?.status === 'approved',
            creditHours: attended ? creditOf(doc, attended) : 0,
          }
        })
        .filter((row) => row.expected || row.attended || row.excused)
        .reverse()
    },

    async stats(range, departmentId, now, topLimit) {
      const docs = await startedIn(range, now)
      const ids = docs.map((doc) => doc._id)
      const staff = [...(await allStaff()).values()]
      const attended = await forSessions<AttendanceDoc>(C.studyAttendance, ids)
      const excusedKeys = new Set(
        (await forSessions<LeaveDoc>(C.studyLeaves, ids, { status: 'approved' })).map((doc) => doc._id),
      )
      const attendedKeys = new Set(attended.map((doc) => doc._id))
      const ofDepartment = (id: string | null) => departmentId === null || id === departmentId

      // Each expected person of each session, with whether they came or were excused.
      const expectedRows = docs.flatMap((session) =>
        staff
          .filter((person) => expects(session, person))
          .map((person) => {
            const key = personKey(session._id, person.userId)
            return {
              session,
              departmentId: person.departmentId,
              attended: attendedKeys.has(key),
              excused: !attendedKeys.has(key) && excusedKeys.has(key),
            }
          }),
      )
      const counted = expectedRows.filter((row) => ofDepartment(row.departmentId))
      const rate = (rows: typeof counted) => ({
        expected: rows.length,
        attended: rows.filter((row) => row.attended).length,
        excused: rows.filter((row) => row.excused).length,
      })

      const sessionsCount = docs.filter(
        (session) =>
          departmentId === null ||
          session.organizerDepartmentId === departmentId ||
          counted.some((row) => row.session === session),
      ).length

      const departments = await byIds<DepartmentDoc>(
        db,
        C.departments,
        counted.map((row) => row.departmentId),
      )
      const byDepartment = [...groupBy(counted, (row) => row.departmentId ?? '')]
        .flatMap(([id, rows]) => {
          const department = departments.get(id)
          return department ? [{ department, rows }] : []
        })
        .sort((a, b) => a.department.sort - b.department.sort)
        .map(({ department, rows }) => ({
          departmentId: department._id,
          departmentName: department.name,
          ...rate(rows),
        }))

      const byTypeMonth = [...groupBy(counted, (row) => `${chinaMonth(row.session.startAt)}|${row.session.type}`)]
        .map(([, rows]) => ({
          month: chinaMonth(rows[0].session.startAt),
          type: rows[0].session.type,
          sessions: new Set(rows.map((row) => row.session._id)).size,
          ...rate(rows),
        }))
        .sort((a, b) => byText(a.month, b.month) || byText(a.type, b.type))

      const sessionById = new Map(docs.map((doc) => [doc._id, doc]))
      const credits = attended.filter((doc) => ofDepartment(doc.departmentId))
      const learners = await byIds<UserDoc>(
        db,
        C.users,
        credits.map((doc) => doc.userId),
      )
      const learnerDepartments = await byIds<DepartmentDoc>(
        db,
        C.departments,
        [...learners.values()].map((user) => user.departmentId),
      )
      const topLearners = [...groupBy(credits, (doc) => doc.userId)]
        .flatMap(([userId, rows]) => {
          const user = learners.get(userId)
          if (!user) return []
          return [
            {
              userId,
              name: user.name,
              departmentName: learnerDepartments.get(user.departmentId ?? '')?.name ?? NO_DEPARTMENT,
              creditHours: sumCredits(
                rows.flatMap((doc) => {
                  const session = sessionById.get(doc.sessionId)
                  return session ? [creditOf(session, doc)] : []
                }),
              ),
              sessions: rows.length,
            },
          ]
        })
        .sort((a, b) => b.creditHours - a.creditHours || b.sessions - a.sessions || byText(a.name, b.name))
        .slice(0, topLimit)

      return { sessions: sessionsCount, byDepartment, byTypeMonth, topLearners }
    },
  }
}

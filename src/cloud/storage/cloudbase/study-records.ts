import type { AttendeeRecord, StudyRepo } from '../../domain/study/repo'
import { attendeeStatus, sumCredits } from '../../domain/study/rules'
import { byIds, type CloudDb } from './db'
import type { DepartmentDoc, UserDoc } from './identity-repo'
import { C } from './schema'
import { isFrozen, studyAudience } from './study-audience'
import {
  asksParty,
  byText,
  chinaMonth,
  creditOf,
  expects,
  groupBy,
  NO_DEPARTMENT,
  personKey,
  requiresCheckOut,
  studyReads,
  presenceOf,
  toLeave,
  type AttendanceDoc,
  type LeaveDoc,
  type SessionDoc,
} from './study-docs'

/** The study repository's reading side: who came to a session, a person's year, the organizers' statistics. */
export function createStudyRecords(db: CloudDb): Pick<StudyRepo, 'listAttendees' | 'recordRows' | 'stats'> {
  const sessions = () => db.collection<SessionDoc>(C.studySessions)
  const { allStaff, staffMember, mineIn, startedIn, forSessions } = studyReads(db)
  const audience = studyAudience(db)

  /** Each session's expected people with their department: the snapshot once frozen, today's roster before. */
  const expectedAt = async (docs: SessionDoc[]) => {
    const frozen = docs.filter(isFrozen)
    const snapshots = await audience.members(frozen)
    const staff = frozen.length < docs.length ? [...(await allStaff(asksParty(docs))).values()] : []
    return (session: SessionDoc): Map<string, string | null> =>
      isFrozen(session)
        ? (snapshots.get(session._id) ?? new Map())
        : new Map(staff.filter((person) => expects(session, person)).map((p) => [p.userId, p.departmentId]))
  }

  return {
    async listAttendees(sessionId) {
      const { data: session } = await sessions().doc(sessionId).get()
      const expected = session ? (await expectedAt([session]))(session) : new Map<string, string | null>()
      const attended = new Map(
        (await forSessions<AttendanceDoc>(C.studyAttendance, [sessionId])).map((doc) => [doc.userId, doc]),
      )
      const asked = new Map((await forSessions<LeaveDoc>(C.studyLeaves, [sessionId])).map((doc) => [doc.userId, doc]))
      const people = [...new Set([...expected.keys(), ...attended.keys(), ...asked.keys()])]
      const users = await byIds<UserDoc>(db, C.users, people)
      const departmentOf = (userId: string) =>
        attended.get(userId)?.departmentId ?? expected.get(userId) ?? users.get(userId)?.departmentId ?? null
      const departments = await byIds<DepartmentDoc>(db, C.departments, people.map(departmentOf))
      const rows = people.flatMap((userId) => {
        const user = users.get(userId)
        if (!user) return []
        const checkedIn = attended.get(userId)
        const leave = asked.get(userId)
        const department = departments.get(departmentOf(userId) ?? '')
        const record: AttendeeRecord = {
          userId,
          name: user.name,
          status: attendeeStatus(checkedIn ?? null, leave?.status === 'approved'),
          expected: checkedIn ? checkedIn.expected : expected.has(userId),
          checkedInAt: checkedIn?.checkedInAt ?? null,
          checkedOutAt: checkedIn?.checkedOutAt ?? null,
          presence: checkedIn ? presenceOf(checkedIn) : null,
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
      const frozen = docs.filter(isFrozen)
      const frozenFor = await audience.expecting(userId, frozen)
      const person = frozen.length < docs.length ? await staffMember(userId, asksParty(docs)) : undefined
      return docs
        .map((doc) => {
          const attended = mine.attendance(doc._id)
          return {
            sessionId: doc._id,
            type: doc.type,
            title: doc.title,
            startAt: doc.startAt,
            endAt: doc.endAt,
            creditHours: doc.creditHours,
            cmeCredits: doc.cmeCredits ?? 0,
            requireCheckOut: requiresCheckOut(doc),
            expected: isFrozen(doc) ? frozenFor.has(doc._id) : expects(doc, person),
            stay: attended
              ? { checkedInAt: attended.checkedInAt, checkedOutAt: attended.checkedOutAt, late: attended.late }
              : null,
            excused: !attended && mine.leave(doc._id)?.status === 'approved',
          }
        })
        .filter((row) => row.expected || row.stay !== null || row.excused)
        .reverse()
    },

    async stats(range, departmentId, now, topLimit) {
      const docs = await startedIn(range, now)
      const ids = docs.map((doc) => doc._id)
      const expectedOf = await expectedAt(docs)
      const attended = await forSessions<AttendanceDoc>(C.studyAttendance, ids)
      const excusedKeys = new Set(
        (await forSessions<LeaveDoc>(C.studyLeaves, ids, { status: 'approved' })).map((doc) => doc._id),
      )
      const attendedKeys = new Set(attended.map((doc) => doc._id))
      const ofDepartment = (id: string | null) => departmentId === null || id === departmentId

      // Each expected person of each session, with whether they came or were excused.
      const expectedRows = docs.flatMap((session) =>
        [...expectedOf(session)].map(([userId, departmentId]) => {
          const key = personKey(session._id, userId)
          return {
            session,
            departmentId,
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

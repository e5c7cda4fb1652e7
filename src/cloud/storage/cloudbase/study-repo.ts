import { randomUUID } from 'node:crypto'
import type { MySession } from '../../../contract'
import {
  publicView,
  type SessionFields,
  type SessionRecord,
  type StudyPerson,
  type StudyRepo,
} from '../../domain/study/repo'
import { addOnce, byIds, readAll, type CloudDb, type Where } from './db'
import type { DepartmentDoc, UserDoc } from './identity-repo'
import { C } from './schema'
import {
  asksParty,
  asUser,
  audienceLabelOf,
  audienceOf,
  byText,
  creditOf,
  expects,
  fenceOf,
  personKey,
  requiresCheckOut,
  sessionFields,
  studyReads,
  toAttendance,
  toLeave,
  type AttendanceDoc,
  type LeaveDoc,
  type SessionDoc,
} from './study-docs'
import { isFrozen, studyAudience } from './study-audience'
import { createStudyCme } from './study-cme'
import { createStudyRecords } from './study-records'

export type { AttendanceDoc, LeaveDoc, SessionDoc } from './study-docs'
export { creditOf } from './study-docs'

export function createStudyRepo(db: CloudDb): StudyRepo {
  const _ = db.command
  const sessions = () => db.collection<SessionDoc>(C.studySessions)
  const leaves = () => db.collection<LeaveDoc>(C.studyLeaves)
  const attendance = () => db.collection<AttendanceDoc>(C.studyAttendance)
  const { staffOf, mineIn } = studyReads(db)
  const audience = studyAudience(db)

  /** The adapter's own documents behind the records it hands out, so a handler's record spares a re-read. */
  const docOf = new WeakMap<SessionRecord, SessionDoc>()

  /**
   * Sessions keep their organizer's name and their audience's label (department names never change):
   * a list reads no users or departments. Sessions stored before read them, once per list.
   */
  const toRecords = async (docs: SessionDoc[]): Promise<SessionRecord[]> => {
    const organizers = await byIds<UserDoc>(
      db,
      C.users,
      docs.filter((doc) => doc.organizerName === undefined).map((doc) => doc.organizerId),
    )
    const departments = await byIds<DepartmentDoc>(
      db,
      C.departments,
      docs.filter((doc) => doc.audienceLabel === undefined).flatMap((doc) => doc.audienceDepartments),
    )
    return docs.map((doc) => {
      const record: SessionRecord = {
        id: doc._id,
        type: doc.type,
        title: doc.title,
        speaker: doc.speaker,
        location: doc.location,
        startAt: doc.startAt,
        endAt: doc.endAt,
        audience: audienceOf(doc),
        audienceLabel: doc.audienceLabel ?? audienceLabelOf(doc, departments),
        creditHours: doc.creditHours,
        cmeCredits: doc.cmeCredits ?? 0,
        requireCheckOut: requiresCheckOut(doc),
        fence: fenceOf(doc),
        wifiBssids: doc.wifiBssids ?? [],
        status: doc.status,
        organizerName: doc.organizerName ?? organizers.get(doc.organizerId)?.name ?? '',
        organizerId: doc.organizerId,
        organizerDepartmentId: doc.organizerDepartmentId,
        audienceFrozen: isFrozen(doc),
      }
      docOf.set(record, doc)
      return record
    })
  }
  /** The label a session keeps: its departments' names, read once when it is written. */
  const labelFields = async (fields: SessionFields) => {
    const audience = sessionFields(fields)
    const departments = await byIds<DepartmentDoc>(db, C.departments, audience.audienceDepartments)
    return { ...audience, audienceLabel: audienceLabelOf(audience, departments) }
  }
  const recordById = async (id: string) => {
    const { data } = await sessions().doc(id).get()
    return data ? (await toRecords([data]))[0] : null
  }
  const viewById = async (id: string) => {
    const record = await recordById(id)
    return record ? publicView(record) : null
  }

  /**
   * Whether the person is expected at each session: by its snapshot once frozen, by today's roster
   * before, from the person as the kernel read them (party membership only for a 全体党员 session).
   */
  const expectedAmong = async (person: StudyPerson, docs: SessionDoc[]) => {
    const frozen = docs.filter(isFrozen)
    const frozenFor = await audience.expecting(person.userId, frozen)
    const member = frozen.length < docs.length ? await staffOf([asUser(person)], asksParty(docs)) : new Map()
    return (doc: SessionDoc) => (isFrozen(doc) ? frozenFor.has(doc._id) : expects(doc, member.get(person.userId)))
  }

  const mySessions = async (person: StudyPerson, docs: SessionDoc[], keep: (doc: SessionDoc) => boolean) => {
    const mine = await mineIn(
      person.userId,
      docs.map((doc) => doc._id),
    )
    const expected = await expectedAmong(person, docs)
    const kept = docs.filter((doc) => keep(doc) || mine.attendance(doc._id) || mine.leave(doc._id) || expected(doc))
    return (await toRecords(kept)).map((record): MySession => {
      const attended = mine.attendance(record.id)
      return {
        ...publicView(record),
        attendance: attended ? toAttendance(attended) : null,
        leave: toLeave(mine.leave(record.id)),
      }
    })
  }

  /** The person by id, as `StudyPerson`, when the handler did not hand them over. */
  const personOf = async (userId: string): Promise<StudyPerson | undefined> => {
    const { data: user } = await db.collection<UserDoc>(C.users).doc(userId).get()
    return user ? { userId, departmentId: user.departmentId, roles: user.roles } : undefined
  }

  const attendanceWithCredit = async (sessionId: string, userId: string) => {
    const { data: attended } = await attendance().doc(personKey(sessionId, userId)).get()
    const { data: session } = await sessions().doc(sessionId).get()
    if (!attended || !session) return null
    return { ...toAttendance(attended), creditHours: creditOf(session, attended) }
  }

  return {
    async createSession(organizer, fields, at) {
      const id = randomUUID()
      await sessions().add({
        data: {
          _id: id,
          ...(await labelFields(fields)),
          status: 'scheduled',
          organizerId: organizer.id,
          organizerName: organizer.name,
          organizerDepartmentId: organizer.departmentId,
          audienceFrozenAt: null,
          audienceWriter: null,
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
        .update({ data: { ...(await labelFields(fields)), updatedAt: at.toISOString() } })
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

    async listForUser(person, since) {
      const docs = await readAll(
        sessions()
          .where({ endAt: _.gt(since.toISOString()) })
          .orderBy('startAt', 'asc')
          .orderBy('_id', 'asc'),
      )
      return (await mySessions(person, docs, () => false)).slice(0, 100)
    },

    async findMySession(id, person) {
      const { data } = await sessions().doc(id).get()
      return data ? ((await mySessions(person, [data], () => true))[0] ?? null) : null
    },

    async unfrozenSessionIds(startingBy, limit) {
      const { data } = await sessions()
        .where({ status: 'scheduled', audienceFrozenAt: null, startAt: _.lte(startingBy.toISOString()) })
        .orderBy('startAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(limit)
        .get()
      return data.map((doc) => doc._id)
    },

    freezeAudience: audience.freeze,
    thawAudience: audience.thaw,

    async sessionIdsStartingBetween(range) {
      const docs = await readAll(
        sessions().where({
          status: 'scheduled',
          startAt: _.gte(range.from.toISOString()).and(_.lte(range.to.toISOString())),
        }),
      )
      return docs.map((doc) => doc._id).sort(byText)
    },

    async checkIn(sessionId, userId, at, late, presence = 'none', known = {}) {
      const key = personKey(sessionId, userId)
      const given = known.session?.id === sessionId ? known.session && docOf.get(known.session) : undefined
      const session = given ?? (await sessions().doc(sessionId).get()).data
      const person = known.person?.userId === userId ? known.person : await personOf(userId)
      if (!person || !session) throw new Error('check-in for an unknown session or user')
      const first: AttendanceDoc = {
        _id: key,
        sessionId,
        userId,
        departmentId: person.departmentId,
        checkedInAt: at.toISOString(),
        late,
        expected: (await expectedAmong(person, [session]))(session),
        checkedOutAt: null,
        presence,
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

    async correctCheckOut(sessionId, userId, at) {
      const key = personKey(sessionId, userId)
      const { data: before } = await attendance().doc(key).get()
      if (!before) return 'missing'
      if (before.checkedOutAt !== null) return 'recorded'
      if (Date.parse(before.checkedInAt) > at.getTime()) return 'early'
      // Conditional on no check-out yet: a 签退 or another correction in between wins, and is told.
      const { stats } = await attendance()
        .where({ _id: key, checkedOutAt: null })
        .update({ data: { checkedOutAt: at.toISOString() } })
      return stats.updated === 1 ? 'done' : 'recorded'
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
      const { stats } = await leaves()
        .where({ _id: key, status: 'pending' })
        .update({ data: { status, decidedBy, decidedAt } })
      if (stats.updated === 1) return 'done'
      const { data } = await leaves().doc(key).get()
      return data ? 'decided' : 'missing'
    },

    ...createStudyRecords(db),
    ...createStudyCme(db),
  }
}

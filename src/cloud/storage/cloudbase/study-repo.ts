import { randomUUID } from 'node:crypto'
import type { MySession } from '../../../contract'
import { publicView, type SessionRecord, type StudyRepo } from '../../domain/study/repo'
import { addOnce, byIds, readAll, type CloudDb, type Where } from './db'
import type { DepartmentDoc, UserDoc } from './identity-repo'
import { C } from './schema'
import {
  asksParty,
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
  const { staffOf, staffMember, mineIn } = studyReads(db)
  const audience = studyAudience(db)

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
      audience: audienceOf(doc),
      audienceLabel: label(doc),
      creditHours: doc.creditHours,
      cmeCredits: doc.cmeCredits ?? 0,
      requireCheckOut: requiresCheckOut(doc),
      fence: fenceOf(doc),
      wifiBssids: doc.wifiBssids ?? [],
      status: doc.status,
      organizerName: organizers.get(doc.organizerId)?.name ?? '',
      organizerId: doc.organizerId,
      organizerDepartmentId: doc.organizerDepartmentId,
      audienceFrozen: isFrozen(doc),
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

  /** Whether the person is expected at each session: by its snapshot once frozen, by today's roster before. */
  const expectedAmong = async (userId: string, docs: SessionDoc[]) => {
    const frozen = docs.filter(isFrozen)
    const frozenFor = await audience.expecting(userId, frozen)
    const person = frozen.length < docs.length ? await staffMember(userId, asksParty(docs)) : undefined
    return (doc: SessionDoc) => (isFrozen(doc) ? frozenFor.has(doc._id) : expects(doc, person))
  }

  const mySessions = async (userId: string, docs: SessionDoc[], keep: (doc: SessionDoc) => boolean) => {
    const mine = await mineIn(
      userId,
      docs.map((doc) => doc._id),
    )
    const expected = await expectedAmong(userId, docs)
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
          ...sessionFields(fields),
          status: 'scheduled',
          organizerId: organizer.id,
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

    async checkIn(sessionId, userId, at, late, presence = 'none') {
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
        expected: isFrozen(session)
          ? (await audience.expecting(userId, [session])).has(sessionId)
          : expects(session, (await staffOf([user], asksParty([session]))).get(userId)),
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

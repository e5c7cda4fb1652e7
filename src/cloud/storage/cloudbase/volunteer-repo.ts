import { randomUUID } from 'node:crypto'
import type { RegistrationStatus } from '../../../contract'
import type { HelpRecord, VolunteerRepo } from '../../domain/volunteer/repo'
import { addOnce, readAll, type CloudDb } from './db'
import { grantRole, type UserDoc } from './identity-repo'
import { C } from './schema'
import { toProfile, type OpenRequestDoc, type ProfileDoc, type RatingDoc, type RequestDoc } from './volunteer-repo-docs'
import { helpRecords } from './volunteer-repo-help'
import { createVolunteerCertificates } from './volunteer-repo-certificates'
import { createVolunteerExcellent } from './volunteer-repo-excellent'
import { createVolunteerRecords } from './volunteer-repo-records'
import { createVolunteerShifts } from './volunteer-repo-shifts'
import { createVolunteerReports } from './volunteer-repo-reports'

export type { HoursDoc, OpenRequestDoc, ProfileDoc, RatingDoc, RequestDoc, ShiftDoc } from './volunteer-repo-docs'

/** Room in the hall's one read for the requests the volunteer is serving: a handful at most. */
const HALL_MINE_LIMIT = 50
/** The most documents the server returns for one read. */
const MAX_PAGE = 1000

class AlreadyOpen extends Error {}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

export function createVolunteerRepo(db: CloudDb): VolunteerRepo {
  const _ = db.command
  const requests = () => db.collection<RequestDoc>(C.helpRequests)

  const toHelp = (docs: RequestDoc[]) => helpRecords(db, docs)

  /** Ends an open request (completed or cancelled) and frees the patient to ask again, atomically. */
  const finishRequest = (id: string, allowed: (doc: RequestDoc) => boolean, patch: Partial<RequestDoc>) =>
    db.runTransaction(async (tx) => {
      const ref = tx.collection<RequestDoc>(C.helpRequests).doc(id)
      const { data: doc } = await ref.get()
      if (!doc || !allowed(doc)) return null
      await ref.update({ data: patch })
      await tx.collection<OpenRequestDoc>(C.openRequests).doc(doc.patientId).remove()
      return doc
    })

  return {
    ...createVolunteerShifts(db),
    ...createVolunteerRecords(db),
    ...createVolunteerReports(db),
    ...createVolunteerCertificates(db),
    ...createVolunteerExcellent(db),

    async register(userId, profile, at) {
      return db.runTransaction(async (tx) => {
        const ref = tx.collection<ProfileDoc>(C.volunteerProfiles).doc(userId)
        const { data } = await ref.get()
        if (data?.status === 'approved') return false
        await ref.set({
          data: {
            ...profile,
            status: 'pending',
            reason: null,
            requestedAt: at.toISOString(),
            decidedAt: null,
            decidedBy: null,
          },
        })
        return true
      })
    },

    async findProfile(userId) {
      const { data } = await db.collection<ProfileDoc>(C.volunteerProfiles).doc(userId).get()
      return data ? toProfile(data) : null
    },

    async listRegistrations(status) {
      const docs = await readAll(
        db.collection<ProfileDoc>(C.volunteerProfiles).where({ status }).orderBy('requestedAt', 'asc'),
      )
      return docs.map((doc) => {
        const { status: _status, reason: _reason, ...pending } = toProfile(doc)
        return pending
      })
    },

    async decide(userId, decision, decidedBy, at) {
      return db.runTransaction(async (tx) => {
        const ref = tx.collection<ProfileDoc>(C.volunteerProfiles).doc(userId)
        const { data: profile } = await ref.get()
        if (profile?.status !== 'pending') return null
        const status: RegistrationStatus = decision.approve ? 'approved' : 'rejected'
        const reason = decision.approve ? null : decision.reason
        await ref.update({ data: { status, reason, decidedAt: at.toISOString(), decidedBy } })
        if (decision.approve)
          await grantRole(tx, userId, 'volunteer', (u) => (u.name === '' ? { name: profile.name } : {}))
        return status
      })
    },

    async createRequest(patientId, request, at) {
      const id = randomUUID()
      try {
        await db.runTransaction(async (tx) => {
          if (!(await addOnce(tx.collection<OpenRequestDoc>(C.openRequests), { _id: patientId, requestId: id }))) {
            throw new AlreadyOpen()
          }
          await tx.collection<RequestDoc>(C.helpRequests).add({
            data: {
              _id: id,
              patientId,
              patientName: request.patientName,
              need: request.need,
              from: request.from,
              toDepartmentId: request.toDepartmentId,
              toDepartmentName: request.toDepartment,
              note: request.note,
              people: request.people,
              status: 'waiting',
              volunteerId: null,
              createdAt: at.toISOString(),
              claimedAt: null,
              assignedBy: null,
              completedAt: null,
              cancelledAt: null,
            },
          })
        })
      } catch (error) {
        if (error instanceof AlreadyOpen) return null
        throw error
      }
      return id
    },

    async findRequest(id) {
      const { data } = await requests().doc(id).get()
      return data ? (await toHelp([data]))[0] : null
    },

    async latestRequestOf(patientId) {
      const { data } = await requests()
        .where({ patientId })
        .orderBy('createdAt', 'desc')
        .orderBy('_id', 'desc')
        .limit(1)
        .get()
      return data[0] ? (await toHelp(data))[0] : null
    },

    async cancelRequest(id, patientId, at) {
      const cancelled = await finishRequest(
        id,
        (doc) => doc.patientId === patientId && (doc.status === 'waiting' || doc.status === 'claimed'),
        { status: 'cancelled', cancelledAt: at.toISOString() },
      )
      return cancelled ? { volunteerId: cancelled.volunteerId } : null
    },

    async claimRequest(id, volunteerId, at, assignedBy, named) {
      const { stats } = await requests()
        .where({ _id: id, status: 'waiting' })
        .update({
          data: {
            status: 'claimed',
            volunteerId,
            volunteerName: named?.name ?? null,
            volunteerTeam: named?.team ?? null,
            claimedAt: at.toISOString(),
            assignedBy,
          },
        })
      return stats.updated === 1
    },

    async releaseRequest(id, volunteerId) {
      const { stats } = await requests()
        .where({ _id: id, volunteerId, status: 'claimed' })
        .update({
          data: {
            status: 'waiting',
            volunteerId: null,
            volunteerName: null,
            volunteerTeam: null,
            claimedAt: null,
            assignedBy: null,
          },
        })
      return stats.updated === 1
    },

    async completeRequest(id, volunteerId, at) {
      const done = await finishRequest(id, (doc) => doc.volunteerId === volunteerId && doc.status === 'claimed', {
        status: 'completed',
        completedAt: at.toISOString(),
      })
      return done !== null
    },

    async rate(id, patientId, stars, comment, at) {
      const { data: request } = await requests().doc(id).get()
      if (!request || request.patientId !== patientId || request.status !== 'completed') return false
      if (!request.volunteerId || !request.completedAt) return false
      const rating: RatingDoc = {
        _id: id,
        volunteerId: request.volunteerId,
        stars,
        comment,
        createdAt: at.toISOString(),
        completedAt: request.completedAt,
      }
      return (await addOnce(db.collection<RatingDoc>(C.ratings), rating)) ? true : 'duplicate'
    },

    async listWaiting(limit) {
      const { data } = await requests()
        .where({ status: 'waiting' })
        .orderBy('createdAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(limit)
        .get()
      return toHelp(data)
    },

    async listHall(volunteerId, waitingLimit) {
      // One read for both lists: the hall's waiting requests, oldest first, and the volunteer's own.
      const mineOnly = { status: 'claimed', volunteerId }
      const where = waitingLimit > 0 ? _.or([{ status: 'waiting' }, mineOnly]) : mineOnly
      const limit = Math.min(waitingLimit + HALL_MINE_LIMIT, MAX_PAGE)
      const { data } = await requests()
        .where(where)
        .orderBy('createdAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(limit)
        .get()
      // A hall past the page (hundreds waiting) reads the volunteer's own requests on their own.
      const claimed =
        data.length < limit ? data.filter((doc) => doc.status === 'claimed') : await readAll(requests().where(mineOnly))
      const records = await toHelp([
        ...data.filter((doc) => doc.status === 'waiting').slice(0, waitingLimit),
        ...claimed,
      ])
      const byClaim = (a: HelpRecord, b: HelpRecord) => compareText(a.claimedAt ?? '', b.claimedAt ?? '')
      return {
        waiting: records.filter((record) => record.status === 'waiting'),
        mine: records.filter((record) => record.status === 'claimed').sort(byClaim),
      }
    },

    async listWaitingSince(before) {
      const { data } = await requests()
        .where({ status: 'waiting', createdAt: _.lt(before.toISOString()) })
        .orderBy('createdAt', 'asc')
        .limit(100)
        .get()
      return toHelp(data)
    },

    async listClaimedSince(before) {
      const { data } = await requests()
        .where({ status: 'claimed', claimedAt: _.lt(before.toISOString()) })
        .orderBy('claimedAt', 'asc')
        .limit(100)
        .get()
      return toHelp(data)
    },

    async volunteerExists(userId) {
      const { data } = await db.collection<UserDoc>(C.users).doc(userId).get()
      return data?.roles.includes('volunteer') ?? false
    },
  }
}

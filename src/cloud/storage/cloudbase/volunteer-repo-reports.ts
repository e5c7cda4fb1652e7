import { createHash, randomUUID } from 'node:crypto'
import type { ServiceReport, TeamLeader } from '../../../contract'
import type { VolunteerReportMethods } from '../../domain/volunteer/repo'
import { addOnce, readAll, runTransactionPatiently, type CloudDb, type Where } from './db'
import { C } from './schema'
import { keepMinutesOnShift } from './volunteer-repo-shifts'
import {
  volunteerNames,
  type HoursDoc,
  type ReportDayDoc,
  type ReportDoc,
  type ReportKeyDoc,
  type TeamLeaderDoc,
} from './volunteer-repo-docs'

class Refused extends Error {
  constructor(readonly outcome: 'duplicate' | 'dayFull') {
    super(outcome)
  }
}

const dayKey = (doc: Pick<ReportDoc, 'volunteerId' | 'date'>) => `${doc.volunteerId}#${doc.date}`
/** Place and content can be long and hold any character: a digest keeps the key short and safe as an `_id`. */
const serviceKey = (doc: Pick<ReportDoc, 'volunteerId' | 'date' | 'place' | 'content'>) =>
  `${dayKey(doc)}#${createHash('sha256')
    .update(JSON.stringify([doc.place, doc.content]))
    .digest('hex')
    .slice(0, 32)}`

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Self-reported service and the teams' leaders who approve it. */
export function createVolunteerReports(db: CloudDb): VolunteerReportMethods {
  const _ = db.command
  const reports = () => db.collection<ReportDoc>(C.serviceReports)

  const toReports = async (docs: ReportDoc[]): Promise<ServiceReport[]> => {
    const name = await volunteerNames(
      db,
      docs.map((d) => d.volunteerId),
    )
    const decider = await volunteerNames(
      db,
      docs.map((d) => d.decidedBy),
    )
    return docs.map((doc) => ({
      id: doc._id,
      volunteerId: doc.volunteerId,
      volunteerName: name(doc.volunteerId).name,
      team: doc.team,
      date: doc.date,
      place: doc.place,
      content: doc.content,
      minutes: doc.minutes,
      status: doc.status,
      note: doc.note,
      decidedBy: doc.decidedBy ? decider(doc.decidedBy).name : null,
      reportedAt: doc.reportedAt,
    }))
  }

  return {
    async addServiceReport(volunteerId, report, maxMinutesPerDay, at) {
      const doc: ReportDoc = {
        _id: randomUUID(),
        volunteerId,
        ...report,
        status: 'pending',
        note: null,
        decidedBy: null,
        decidedAt: null,
        reportedAt: at.toISOString(),
      }
      try {
        await runTransactionPatiently(db, async (tx) => {
          const key = { _id: serviceKey(doc), reportId: doc._id }
          if (!(await addOnce(tx.collection<ReportKeyDoc>(C.reportKeys), key))) throw new Refused('duplicate')
          const dayRef = tx.collection<ReportDayDoc>(C.reportDays).doc(dayKey(doc))
          const { data: day } = await dayRef.get()
          const minutes = (day?.minutes ?? 0) + doc.minutes
          if (minutes > maxMinutesPerDay) throw new Refused('dayFull')
          await dayRef.set({ data: { minutes } })
          await tx.collection<ReportDoc>(C.serviceReports).add({ data: doc })
        })
      } catch (error) {
        if (error instanceof Refused) return error.outcome
        throw error
      }
      return { id: doc._id }
    },

    async findServiceReport(id) {
      const { data } = await reports().doc(id).get()
      return data ? (await toReports([data]))[0] : null
    },

    async decideServiceReport(id, decision, decidedBy, at, countsAt) {
      const decided = await db.runTransaction(async (tx) => {
        const ref = tx.collection<ReportDoc>(C.serviceReports).doc(id)
        const { data: report } = await ref.get()
        if (report?.status !== 'pending') return null
        await ref.update({
          data: {
            status: decision.approve ? 'approved' : 'rejected',
            note: decision.note || null,
            decidedBy,
            decidedAt: at.toISOString(),
          },
        })
        if (decision.approve) {
          const hours: HoursDoc = {
            _id: `report:${id}`,
            volunteerId: report.volunteerId,
            kind: 'external',
            minutes: report.minutes,
            shiftId: null,
            reason: null,
            recordedBy: decidedBy,
            at: countsAt.toISOString(),
            reportId: id,
          }
          await tx.collection<HoursDoc>(C.hours).add({ data: hours })
        } else {
          await tx.collection<ReportKeyDoc>(C.reportKeys).doc(serviceKey(report)).remove()
          const dayRef = tx.collection<ReportDayDoc>(C.reportDays).doc(dayKey(report))
          const { data: day } = await dayRef.get()
          await dayRef.set({ data: { minutes: Math.max(0, (day?.minutes ?? 0) - report.minutes) } })
        }
        return report
      })
      if (decided && decision.approve) await keepMinutesOnShift(db, decided.volunteerId, decided.minutes)
      return decided !== null
    },

    async listServiceReports(filter, limit) {
      const where: Where =
        'volunteerId' in filter
          ? { volunteerId: filter.volunteerId }
          : filter.teams === 'all'
            ? { status: filter.status }
            : { status: filter.status, team: _.in(filter.teams) }
      const docs = await readAll(reports().where(where))
      docs.sort((a, b) => compare(b.reportedAt, a.reportedAt) || compare(a._id, b._id))
      return toReports(docs.slice(0, limit))
    },

    async setTeamLeader(team, userId, leader) {
      const ref = db.collection<TeamLeaderDoc>(C.teamLeaders).doc(`${team}#${userId}`)
      if (leader) await ref.set({ data: { team, userId } })
      else await ref.remove()
    },

    async listTeamLeaders(): Promise<TeamLeader[]> {
      const docs = await readAll(db.collection<TeamLeaderDoc>(C.teamLeaders).where({}))
      const name = await volunteerNames(
        db,
        docs.map((d) => d.userId),
      )
      return docs
        .map((doc) => ({ team: doc.team, userId: doc.userId, name: name(doc.userId).name }))
        .sort((a, b) => compare(a.team, b.team) || compare(a.name, b.name))
    },
  }
}

import type { Actor } from '../../domain/feedback/repo'
import {
  ERASED,
  eraseAreas,
  exportAreas,
  type AreaPersonalData,
  type PersonalDataHooks,
  type PersonalDataRepo,
} from '../../core/personal-data'
import { byIds, readAll, type CloudDb } from './db'
import type { ItemDoc } from './feedback-docs'
import { advanceItem } from './feedback-repo'
import { withdrawalOf } from '../../domain/feedback/lifecycle'
import { tagsId } from './voice-repo'
import type { BindingDoc, DepartmentDoc, EmployeeClaimDoc, UserDoc } from './identity-repo'
import type { IdempotencyDoc, OutboxDoc, RateDoc } from './platform-repo'
import { C } from './schema'
import type { AnsweredDoc, CampaignDoc } from './staff-survey-repo'
import { creditOf, type AttendanceDoc, type LeaveDoc, type SessionDoc } from './study-repo'
import type { HoursDoc, OpenRequestDoc, ProfileDoc, RatingDoc, RequestDoc, ShiftDoc } from './volunteer-repo'
import type { OpenShiftDoc } from './volunteer-repo-docs'
import type { CertificateDoc, ReportDoc } from './volunteer-repo-docs'
import type { ExcellentListDoc } from './volunteer-repo-excellent'
import { DAY_MS } from '../../../contract/month'

const identity: AreaPersonalData<CloudDb> = {
  async export(db, userId) {
    const { data: user } = await db.collection<UserDoc>(C.users).doc(userId).get()
    const { data: binding } = await db.collection<BindingDoc>(C.staffBindings).doc(userId).get()
    const department = user?.departmentId
      ? (await db.collection<DepartmentDoc>(C.departments).doc(user.departmentId).get()).data
      : null
    return {
      user: user && {
        name: user.name,
        roles: user.roles,
        department: department?.name ?? null,
        largeText: user.largeText,
        sensitiveText: user.sensitiveText ?? null,
        sensitiveTextAt: user.sensitiveTextAt ?? null,
        createdAt: user.createdAt,
      },
      staffBinding: binding && {
        employeeNo: binding.employeeNo,
        status: binding.status,
        requestedAt: binding.requestedAt,
        decidedAt: binding.decidedAt,
      },
    }
  },
  // Freeing the employee number as PGlite's unique index does once the binding row is gone; the
  // binding goes first, so no approved binding is ever left without its claim.
  async erase(db, userId) {
    await db.collection<BindingDoc>(C.staffBindings).doc(userId).remove()
    await db.collection<EmployeeClaimDoc>(C.employeeClaims).where({ userId }).remove()
    await db
      .collection<UserDoc>(C.users)
      .doc(userId)
      .update({
        data: {
          name: '',
          roles: ['patient'],
          departmentId: null,
          largeText: false,
          sensitiveText: null,
          sensitiveTextAt: null,
        },
      })
  },
}

/** Responses are stored without any link to the person who gave them: nothing to export or erase. */
const survey: AreaPersonalData<CloudDb> = {
  export: async () => null,
  erase: async () => undefined,
}

const volunteer: AreaPersonalData<CloudDb> = {
  async export(db, userId) {
    const { data: profile } = await db.collection<ProfileDoc>(C.volunteerProfiles).doc(userId).get()
    const requests = await readAll(
      db.collection<RequestDoc>(C.helpRequests).where({ patientId: userId }).orderBy('createdAt', 'asc'),
    )
    const departments = await byIds<DepartmentDoc>(
      db,
      C.departments,
      requests.map((r) => r.toDepartmentId),
    )
    const ratings = await byIds<RatingDoc>(
      db,
      C.ratings,
      requests.map((r) => r._id),
    )
    const closedShifts = await readAll(
      db.collection<ShiftDoc>(C.shifts).where({ volunteerId: userId }).orderBy('startedAt', 'asc'),
    )
    // A shift still open is kept on its marker until it closes.
    const { data: marker } = await db.collection<OpenShiftDoc>(C.openShifts).doc(userId).get()
    const open = marker?.station && marker.startedAt ? [{ station: marker.station, startedAt: marker.startedAt }] : []
    const shifts = [...closedShifts, ...open.map((s) => ({ ...s, endedAt: null, autoClosed: false }))]
    const hours = await readAll(db.collection<HoursDoc>(C.hours).where({ volunteerId: userId }).orderBy('at', 'asc'))
    const reports = await readAll(
      db.collection<ReportDoc>(C.serviceReports).where({ volunteerId: userId }).orderBy('reportedAt', 'asc'),
    )
    const certificates = await readAll(
      db.collection<CertificateDoc>(C.certificates).where({ volunteerId: userId }).orderBy('issuedAt', 'asc'),
    )
    return {
      profile: profile && {
        name: profile.name,
        phone: profile.phone,
        team: profile.team,
        skills: profile.skills,
        availability: profile.availability,
        status: profile.status,
        reason: profile.reason,
        requestedAt: profile.requestedAt,
      },
      requests: requests.map((r) => ({
        need: r.need,
        from: r.from,
        to: departments.get(r.toDepartmentId)?.name ?? '',
        note: r.note,
        people: r.people,
        status: r.status,
        createdAt: r.createdAt,
        stars: ratings.get(r._id)?.stars ?? null,
        comment: ratings.get(r._id)?.comment ?? null,
      })),
      shifts: shifts.map((s) => ({
        station: s.station,
        startedAt: s.startedAt,
        endedAt: s.endedAt,
        autoClosed: s.autoClosed,
      })),
      hours: hours.map((h) => ({ kind: h.kind, minutes: h.minutes, reason: h.reason, at: h.at })),
      reports: reports.map((r) => ({
        date: r.date,
        team: r.team,
        place: r.place,
        content: r.content,
        minutes: r.minutes,
        status: r.status,
        note: r.note,
        reportedAt: r.reportedAt,
        decidedAt: r.decidedAt,
      })),
      certificates: certificates.map((c) => ({
        number: c._id,
        name: c.name,
        idLast4: c.idLast4,
        periodFrom: c.periodFrom,
        periodTo: c.periodTo,
        minutes: c.minutes,
        services: c.services,
        content: c.content,
        issuer: c.issuer,
        issuedAt: c.issuedAt,
        status: c.status,
      })),
    }
  },
  // Shifts, the hours ledger and the reports it books stay (append-only, counted in rankings) under
  // the now nameless account. Certificates print the name: it goes, and so does their validity.
  async erase(db, userId, at) {
    const _ = db.command
    const certificates = db.collection<CertificateDoc>(C.certificates)
    await certificates
      .where({ volunteerId: userId, status: 'valid' })
      .update({ data: { status: 'revoked', revokedReason: ERASED.certificate, revokedAt: at.toISOString() } })
    await certificates.where({ volunteerId: userId }).update({ data: { name: '', idLast4: null } })
    // A published 优秀志愿者 list keeps its place for them, without the name; there is one list a year.
    const lists = db.collection<ExcellentListDoc>(C.excellentLists)
    for (const list of await readAll(lists)) {
      if (!list.volunteers.some((v) => v.userId === userId)) continue
      const volunteers = list.volunteers.map((v) => ({ ...v, name: v.userId === userId ? '' : v.name }))
      await lists.doc(list._id).update({ data: { volunteers } })
    }
    const requests = () => db.collection<RequestDoc>(C.helpRequests)
    await db.collection<ProfileDoc>(C.volunteerProfiles).doc(userId).remove()
    await requests()
      .where({ patientId: userId, status: _.in(['waiting', 'claimed']) })
      .update({ data: { status: 'cancelled', cancelledAt: at.toISOString() } })
    // After the cancel: a waiting request is never without the marker that keeps it the patient's only one.
    await db.collection<OpenRequestDoc>(C.openRequests).doc(userId).remove()
    await requests()
      .where({ patientId: userId })
      .update({ data: { note: null, from: ERASED.short, patientName: '' } })
    // Those they served show them as the accounts would: no name, no team.
    await requests()
      .where({ volunteerId: userId })
      .update({ data: { volunteerName: '', volunteerTeam: null } })
    const asked = await readAll(requests().where({ patientId: userId }))
    if (asked.length === 0) return
    await db
      .collection<RatingDoc>(C.ratings)
      .where({ _id: _.in(asked.map((r) => r._id)) })
      .update({ data: { comment: null } })
  },
}

const SYSTEM: Actor = { id: null, role: 'system' }

/** Praise awaiting review when its author leaves: rejected through the item's state machine, with its history row. */
const feedback: AreaPersonalData<CloudDb> = {
  async export(db, userId) {
    const items = await readAll(
      db.collection<ItemDoc>(C.feedbackItems).where({ patientId: userId }).orderBy('createdAt', 'asc'),
    )
    const departments = await byIds<DepartmentDoc>(
      db,
      C.departments,
      items.map((f) => f.departmentId),
    )
    return {
      items: items.map((f) => ({
        kind: f.kind,
        status: f.status,
        department: departments.get(f.departmentId)?.name ?? '',
        staffName: f.staffName,
        categories: f.categories,
        text: f.text,
        contactPhone: f.contactPhone,
        anonymous: f.anonymous,
        createdAt: f.createdAt,
        reply: f.replyText,
        upheld: f.upheld,
        rating: f.rating,
        reopenReason: f.reopenReason,
        closedAt: f.closedAt,
      })),
    }
  },
  /**
   * Items stay, so complaint counts, upheld complaints and service stars do not change; what the
   * person wrote and how to reach them goes. Praise not yet reviewed will never reach the wall.
   */
  async erase(db, userId, at) {
    const when = at.toISOString()
    const items = () => db.collection<ItemDoc>(C.feedbackItems)
    const pending = await readAll(items().where({ patientId: userId, kind: 'praise', status: 'pending' }))
    for (const item of pending) await advanceItem(db, item._id, withdrawalOf(userId, at), SYSTEM, when)
    await items()
      .where({ patientId: userId })
      .update({ data: { text: ERASED.text, contactPhone: null, reopenReason: null, anonymous: true } })
  },
}

const study: AreaPersonalData<CloudDb> = {
  async export(db, userId) {
    const attended = await readAll(
      db.collection<AttendanceDoc>(C.studyAttendance).where({ userId }).orderBy('checkedInAt', 'asc'),
    )
    const leaves = await readAll(db.collection<LeaveDoc>(C.studyLeaves).where({ userId }).orderBy('requestedAt', 'asc'))
    const sessions = await byIds<SessionDoc>(db, C.studySessions, [
      ...attended.map((a) => a.sessionId),
      ...leaves.map((l) => l.sessionId),
    ])
    return {
      attendance: attended.flatMap((a) => {
        const session = sessions.get(a.sessionId)
        if (!session) return []
        return [
          {
            type: session.type,
            title: session.title,
            startAt: session.startAt,
            checkedInAt: a.checkedInAt,
            late: a.late,
            expected: a.expected,
            checkedOutAt: a.checkedOutAt,
            creditHours: creditOf(session, a),
          },
        ]
      }),
      leaves: leaves.flatMap((l) => {
        const session = sessions.get(l.sessionId)
        if (!session) return []
        return [
          {
            title: session.title,
            startAt: session.startAt,
            reason: l.reason,
            status: l.status,
            requestedAt: l.requestedAt,
            decidedAt: l.decidedAt,
          },
        ]
      }),
    }
  },
  // Check-ins stay under the nameless account, with the department they were made in, so session
  // and department attendance keep adding up; decided leave keeps its status for the same reason.
  // Sessions they organized stay too, without the name kept on them (PGlite reads it from the account).
  async erase(db, userId) {
    await db
      .collection<SessionDoc>(C.studySessions)
      .where({ organizerId: userId })
      .update({ data: { organizerName: '' } })
    const leaves = () => db.collection<LeaveDoc>(C.studyLeaves)
    await leaves().where({ userId, status: 'pending' }).remove()
    await leaves()
      .where({ userId })
      .update({ data: { reason: ERASED.short } })
  },
}

/**
 * The lexicon names nobody (who changed a phrase is in the audit log). Tags quote the text they tag, so
 * the tags of an erased person's complaints and praise go with their words.
 */
const voice: AreaPersonalData<CloudDb> = {
  export: async () => null,
  async erase(db, userId) {
    const items = await readAll(db.collection<ItemDoc>(C.feedbackItems).where({ patientId: userId }))
    const ids = items.map((item) => tagsId(item.kind, item._id))
    if (ids.length > 0)
      await db
        .collection(C.voiceTags)
        .where({ _id: db.command.in(ids) })
        .remove()
  },
}

/** Every cloud function's hook. */
// Which staff surveys the person answered: the has-answered marks, never the anonymous answers. The
// marks stay on erasure, so the nameless account still cannot answer a campaign twice.
const staffSurvey: AreaPersonalData<CloudDb> = {
  async export(db, userId) {
    const marks = await readAll(db.collection<AnsweredDoc>(C.staffSurveyAnswered).where({ userId }))
    const campaigns = await byIds<CampaignDoc>(
      db,
      C.staffSurveyCampaigns,
      marks.map((mark) => mark.campaignId),
    )
    const answered = [...campaigns.values()]
      .map((c) => ({ title: c.title, opensOn: c.opensOn }))
      .sort((a, b) => (a.opensOn + a.title < b.opensOn + b.title ? -1 : 1))
    return { answered }
  },
  async erase() {},
}

export const PERSONAL_DATA: PersonalDataHooks<CloudDb> = {
  identity,
  survey,
  volunteer,
  feedback,
  study,
  staffSurvey,
  voice,
}

/**
 * Stored results, queued messages and rate counters name the user too. The deletion's own key is
 * still pending here and stays, so a retried deletion answers like the first; counters of windows
 * still running stay, so erasing oneself does not reset a rate limit.
 */
async function erasePlatform(db: CloudDb, userId: string, at: Date) {
  const _ = db.command
  await db.collection<IdempotencyDoc>(C.idempotency).where({ userId, state: 'done' }).remove()
  await db.collection<OutboxDoc>(C.outbox).where({ userId }).remove()
  const { data: user } = await db.collection<UserDoc>(C.users).doc(userId).get()
  if (!user) return
  // Counters are keyed `<bucket>:<OPENID>` and the SDK subset has no suffix match, so the windows
  // ended a day ago are read and the user's picked out by their key.
  const hits = db.collection<RateDoc>(C.rateHits)
  const stale = await readAll(hits.where({ windowStart: _.lt(new Date(at.getTime() - DAY_MS).toISOString()) }))
  const mine = stale.filter((hit) => hit.key.endsWith(`:${user.openid}`)).map((hit) => hit._id)
  if (mine.length > 0) await hits.where({ _id: _.in(mine) }).remove()
}

/**
 * A transaction on the cloud database holds only single-document operations, and a person's rows
 * are an unknown number of documents, so the deletion cannot be one transaction. Instead every
 * step is idempotent: a removal, a conditional `where(...).update()` that only moves what is still
 * in the old state (waiting requests, pending praise and leave), or a blanking that writes fixed
 * values. A deletion retried after a crash halfway therefore finishes the job, and the account is
 * blanked last because the other steps find the person's rows through it (its OPENID for rate
 * counters) and a half-erased account must still be recognised as its owner's.
 */
export function createPersonalDataRepo(db: CloudDb): PersonalDataRepo {
  return {
    exportUser: (userId) => exportAreas(PERSONAL_DATA, db, userId),
    eraseUser: (userId, at) => eraseAreas(PERSONAL_DATA, erasePlatform, db, userId, at),
  }
}

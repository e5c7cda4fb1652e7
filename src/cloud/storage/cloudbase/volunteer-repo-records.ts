import { randomUUID } from 'node:crypto'
import type { VolunteerRecordMethods } from '../../domain/volunteer/repo'
import { byIds, readAll, type Accumulator, type CloudDb, type Where } from './db'
import type { DepartmentDoc, UserDoc } from './identity-repo'
import { C } from './schema'
import {
  approvedProfiles,
  namedBy,
  volunteerNames,
  type HoursDoc,
  type RatingDoc,
  type RecordSectionDoc,
  type ReportDoc,
  type RequestDoc,
  type ShiftDoc,
} from './volunteer-repo-docs'
import { MINUTE_MS } from '../../../contract/month'
import { keepMinutesOnShift, ledgerMinutes } from './volunteer-repo-shifts'

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const minutesBetween = (from: string, to: string) =>
  Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / MINUTE_MS))
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)
const average = (values: number[]) => (values.length === 0 ? null : sum(values) / values.length)

/** Groups an aggregation reads at a time: at most a page of a query. */
const GROUP_PAGE = 1000

/**
 * Sums per volunteer over the documents `where` matches, added up by the database: one round trip per
 * thousand volunteers, whatever the number of documents. Documents without a volunteer are left out.
 */
async function sumsByVolunteer<R extends Record<string, number>>(
  db: CloudDb,
  collection: string,
  where: Where,
  sums: Record<keyof R & string, Accumulator>,
): Promise<Map<string, R>> {
  const found = new Map<string, R>()
  for (let skip = 0; ; skip += GROUP_PAGE) {
    const { list } = await db
      .collection(collection)
      .aggregate()
      .match(where)
      .group<{ _id: string | null } & R>({ _id: '$volunteerId', ...sums })
      .sort({ _id: 1 })
      .skip(skip)
      .limit(GROUP_PAGE)
      .end()
    for (const { _id, ...totals } of list) if (_id) found.set(_id, totals as unknown as R)
    if (list.length < GROUP_PAGE) return found
  }
}

/**
 * Completed requests and ledger rows as services, each joined to what it shows: each kind of detail
 * is one read by ids, whatever the number of services or volunteers.
 */
async function serviceRows(db: CloudDb, served: RequestDoc[], hours: HoursDoc[]) {
  const [departments, ratings, shifts, recorders, reports] = await Promise.all([
    byIds<DepartmentDoc>(
      db,
      C.departments,
      served.filter((r) => r.toDepartmentName === undefined).map((r) => r.toDepartmentId),
    ),
    byIds<RatingDoc>(
      db,
      C.ratings,
      served.map((r) => r._id),
    ),
    byIds<ShiftDoc>(
      db,
      C.shifts,
      hours.map((h) => h.shiftId),
    ),
    volunteerNames(
      db,
      hours.map((h) => h.recordedBy),
    ),
    byIds<ReportDoc>(
      db,
      C.serviceReports,
      hours.map((h) => h.reportId ?? null),
    ),
  ])
  return [
    ...served.map((r) => ({
      key: r._id,
      volunteerId: r.volunteerId ?? '',
      kind: 'request' as const,
      at: r.completedAt ?? r.createdAt,
      place: r.from,
      content: r.need,
      destination: r.toDepartmentName ?? departments.get(r.toDepartmentId)?.name ?? null,
      minutes: r.claimedAt && r.completedAt ? minutesBetween(r.claimedAt, r.completedAt) : 0,
      rating: ratings.get(r._id)?.stars ?? null,
      recordedBy: null,
      autoClosed: false,
    })),
    ...hours.map((h) => {
      const shift = h.shiftId ? shifts.get(h.shiftId) : undefined
      const report = h.reportId ? reports.get(h.reportId) : undefined
      return {
        key: h._id,
        volunteerId: h.volunteerId,
        kind: h.kind,
        at: h.at,
        place: shift?.station ?? report?.place ?? '',
        content: h.reason ?? report?.content ?? null,
        destination: null,
        minutes: h.minutes,
        rating: null,
        recordedBy: h.recordedBy ? recorders(h.recordedBy).name : null,
        autoClosed: shift?.autoClosed ?? false,
      }
    }),
  ]
}

/** The hours ledger and the volunteer's record: totals, the service list, training and awards, the ranking. */
export function createVolunteerRecords(db: CloudDb): VolunteerRecordMethods {
  const _ = db.command
  const requests = () => db.collection<RequestDoc>(C.helpRequests)

  return {
    async addAdjustment(volunteerId, minutes, reason, recordedBy, at) {
      await db.collection<HoursDoc>(C.hours).add({
        data: {
          _id: randomUUID(),
          volunteerId,
          kind: 'adjustment',
          minutes,
          shiftId: null,
          reason,
          recordedBy,
          at: at.toISOString(),
        },
      })
      await keepMinutesOnShift(db, volunteerId, minutes)
    },

    async totals(volunteerId, range) {
      const from = range.from.toISOString()
      const to = range.to.toISOString()
      const inRange = (at: string | null) => at !== null && at >= from && at < to
      // Three independent reads, sent together: one network wait instead of three.
      const [hours, served, ratings] = await Promise.all([
        readAll(db.collection<HoursDoc>(C.hours).where({ volunteerId })),
        readAll(requests().where({ volunteerId, status: 'completed' })),
        readAll(db.collection<RatingDoc>(C.ratings).where({ volunteerId })),
      ])
      const stars = ratings.map((r) => r.stars)
      return {
        minutesInRange: sum(hours.filter((h) => inRange(h.at)).map((h) => h.minutes)),
        minutesAllTime: sum(hours.map((h) => h.minutes)),
        servedInRange: served.filter((r) => inRange(r.completedAt)).length,
        servedAllTime: served.length,
        averageRating: average(stars),
        ratingCount: stars.length,
      }
    },

    async minutesAllTime(volunteerId) {
      return ledgerMinutes(db, volunteerId)
    },

    async listServices(volunteerId, page) {
      const [served, hours] = await Promise.all([
        readAll(requests().where({ volunteerId, status: 'completed' })),
        readAll(db.collection<HoursDoc>(C.hours).where({ volunteerId })),
      ])
      const rows = await serviceRows(db, served, hours)
      // Newest first; ties broken by id, so that pages never overlap.
      rows.sort((a, b) => (a.at === b.at ? compare(b.key, a.key) : compare(b.at, a.at)))
      return {
        total: rows.length,
        rows: rows.slice(page.offset, page.offset + page.limit).map(({ key: _key, volunteerId: _v, ...row }) => row),
      }
    },

    async listServicesIn(range) {
      const within = _.gte(range.from.toISOString()).and(_.lt(range.to.toISOString()))
      const [served, hours] = await Promise.all([
        readAll(requests().where({ status: 'completed', completedAt: within })),
        readAll(db.collection<HoursDoc>(C.hours).where({ at: within })),
      ])
      const rows = await serviceRows(db, served, hours)
      rows.sort((a, b) => (a.at === b.at ? compare(a.key, b.key) : compare(a.at, b.at)))
      return rows.map(({ key: _key, ...row }) => row)
    },

    async addRecordSection(volunteerId, entry, recordedBy, at) {
      await db.collection<RecordSectionDoc>(C.recordSections).add({
        data: { _id: randomUUID(), volunteerId, ...entry, recordedBy, recordedAt: at.toISOString() },
      })
    },

    async listRecordSections(volunteerId) {
      const docs = await readAll(
        db.collection<RecordSectionDoc>(C.recordSections).where({ volunteerId }).orderBy('date', 'asc'),
      )
      return docs
        .sort((a, b) => compare(a.date, b.date) || compare(a.recordedAt, b.recordedAt))
        .map(({ section, title, date, detail }) => ({ section, title, date, detail }))
    },

    async ranking(range, limit) {
      const within = _.gte(range.from.toISOString()).and(_.lt(range.to.toISOString()))
      const $ = _.aggregate
      // The database adds up the year's three collections per volunteer, sent together: three round
      // trips whatever the hours, services and ratings (one more per thousand volunteers).
      const [hours, served, ratings] = await Promise.all([
        sumsByVolunteer<{ minutes: number }>(db, C.hours, { at: within }, { minutes: $.sum('$minutes') }),
        sumsByVolunteer<{ served: number }>(
          db,
          C.helpRequests,
          { status: 'completed', completedAt: within },
          { served: $.sum(1) },
        ),
        sumsByVolunteer<{ stars: number; ratings: number }>(
          db,
          C.ratings,
          { completedAt: within },
          { stars: $.sum('$stars'), ratings: $.sum(1) },
        ),
      ])
      const ids = [...new Set([...hours.keys(), ...served.keys()])]
      // The accounts both name the volunteers and leave out those erased: one read for both.
      const [users, profiles, allHours] = await Promise.all([
        byIds<UserDoc>(db, C.users, ids),
        approvedProfiles(db, ids),
        ids.length
          ? sumsByVolunteer<{ minutes: number }>(
              db,
              C.hours,
              { volunteerId: _.in(ids) },
              { minutes: $.sum('$minutes') },
            )
          : new Map<string, { minutes: number }>(),
      ])
      const name = namedBy(users, profiles)
      const rows = ids
        .filter((id) => users.has(id))
        .map((userId) => {
          const rated = ratings.get(userId)
          return {
            userId,
            ...name(userId),
            minutes: hours.get(userId)?.minutes ?? 0,
            served: served.get(userId)?.served ?? 0,
            averageRating: rated && rated.ratings > 0 ? rated.stars / rated.ratings : null,
            minutesAllTime: allHours.get(userId)?.minutes ?? 0,
          }
        })
      rows.sort(
        (a, b) =>
          b.minutes - a.minutes ||
          b.served - a.served ||
          (b.averageRating ?? -1) - (a.averageRating ?? -1) ||
          (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
      )
      return rows.slice(0, limit)
    },
  }
}

import type { FeedbackRepo, RosterStaff, StaffTally } from '../../domain/feedback/repo'
import { byIds, readAll, type CloudDb, type Doc } from './db'
import { byText } from './feedback-phrases'
import type { ItemDoc } from './feedback-docs'
import type { DepartmentDoc, RosterDoc } from './identity-repo'
import { C } from './schema'
import type { StaffMentionDoc } from './survey-responses'

/** A month's published stars in one document (`_id` is the month), so republishing replaces it atomically. */
interface StarsDoc extends Doc {
  stars: { employeeNo: string; departmentId: string; score: number }[]
  count: number
  publishedAt: string
  publishedBy: string
}

export const toStaff = (doc: RosterDoc): RosterStaff => ({
  employeeNo: doc._id,
  name: doc.name,
  title: doc.title,
  departmentId: doc.departmentId,
})

/** Service stars: the month's tallies and the published picks. */
export function starMethods(db: CloudDb): Pick<FeedbackRepo, 'tallyMonth' | 'publishStars' | 'publishedStars'> {
  const _ = db.command
  const items = () => db.collection<ItemDoc>(C.feedbackItems)
  return {
    async tallyMonth(month) {
      const mentions = await readAll(
        db.collection<StaffMentionDoc>(C.staffMentions).where({ month, employeeNo: _.neq(null) }),
      )
      const upheld = await readAll(items().where({ kind: 'complaint', upheld: true, month, employeeNo: _.neq(null) }))
      const count = (employeeNo: string, docs: { employeeNo: string | null }[]) =>
        docs.filter((d) => d.employeeNo === employeeNo).length
      const roster = await byIds<RosterDoc>(
        db,
        C.roster,
        [...mentions, ...upheld].map((d) => d.employeeNo),
      )
      const departments = await byIds<DepartmentDoc>(
        db,
        C.departments,
        [...roster.values()].map((r) => r.departmentId),
      )
      const tallies: (StaffTally & { sort: number })[] = []
      for (const staff of roster.values()) {
        const department = departments.get(staff.departmentId)
        if (!department) continue
        tallies.push({
          ...toStaff(staff),
          departmentName: department.name,
          praise: count(
            staff._id,
            mentions.filter((m) => m.source === 'praise'),
          ),
          surveyMentions: count(
            staff._id,
            mentions.filter((m) => m.source === 'survey'),
          ),
          upheldComplaints: count(staff._id, upheld),
          sort: department.sort,
        })
      }
      tallies.sort((a, b) => a.sort - b.sort || byText(a.employeeNo, b.employeeNo))
      return tallies.map(({ sort: _sort, ...tally }) => tally)
    },

    async publishStars(month, stars, by, at) {
      await db
        .collection<StarsDoc>(C.feedbackStars)
        .doc(month)
        .set({ data: { stars, count: stars.length, publishedAt: at.toISOString(), publishedBy: by } })
    },

    async publishedStars(month) {
      const stars = db.collection<StarsDoc>(C.feedbackStars)
      const doc = month
        ? (await stars.doc(month).get()).data
        : ((
            await stars
              .where({ count: _.gt(0) })
              .orderBy('_id', 'desc')
              .limit(1)
              .get()
          ).data[0] ?? null)
      if (!doc || doc.count === 0) return null
      const roster = await byIds<RosterDoc>(
        db,
        C.roster,
        doc.stars.map((s) => s.employeeNo),
      )
      const departments = await byIds<DepartmentDoc>(
        db,
        C.departments,
        doc.stars.map((s) => s.departmentId),
      )
      const rows = doc.stars.flatMap((star) => {
        const staff = roster.get(star.employeeNo)
        const department = departments.get(star.departmentId)
        if (!staff || !department) return []
        return [{ star, staff, department }]
      })
      rows.sort(
        (a, b) =>
          a.department.sort - b.department.sort ||
          b.star.score - a.star.score ||
          byText(a.star.employeeNo, b.star.employeeNo),
      )
      return {
        month: doc._id,
        stars: rows.map(({ star, staff, department }) => ({
          employeeNo: star.employeeNo,
          name: staff.name,
          title: staff.title,
          departmentId: star.departmentId,
          departmentName: department.name,
          score: star.score,
          publishedAt: doc.publishedAt,
        })),
      }
    },
  }
}

import { randomUUID } from 'node:crypto'
import type { CampaignRecord, ItemCounts, StaffSurveyRepo, Tally } from '../../domain/staff-survey/repo'
import type { StaffAnswers } from '../../domain/staff-survey/questionnaire'
import { addOnce, byIds, readAll, type CloudDb, type Doc } from './db'
import type { UserDoc } from './identity-repo'
import { C } from './schema'
import { counterId, emptyTally, staffSurveyCounts, talliesOf } from './staff-survey-counts'

export interface CampaignDoc extends Doc {
  title: string
  opensOn: string
  closesOn: string
  questionnaireVersion: number
  invited: Record<string, number>
  createdBy: string
  createdAt: string
  /**
   * Set on campaigns created since answers add their counts (staff-survey-counts.ts): their results
   * read the counts. Absent on campaigns created before, whose results still add up their answers.
   */
  countsKept?: true
}

/** `_id` is `<campaign>:<user>`: the has-answered mark, and nothing else. */
export interface AnsweredDoc extends Doc {
  campaignId: string
  userId: string
}

/** Anonymous: a random `_id`, the department and the day; no user, no time. */
export interface StaffAnswerDoc extends Doc {
  campaignId: string
  departmentId: string | null
  questionnaireVersion: number
  answers: StaffAnswers
  recommend: number
  comment: string | null
  submittedOn: string
}

const STAFF_ROLES = ['staff', 'manager', 'admin']
const markId = (campaignId: string, userId: string) => `${campaignId}:${userId}`
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

const toRecord = (doc: CampaignDoc): CampaignRecord => ({
  id: doc._id,
  title: doc.title,
  opensOn: doc.opensOn,
  closesOn: doc.closesOn,
  questionnaireVersion: doc.questionnaireVersion,
  invited: doc.invited,
})

/** Adds one answer to its group's tally, on the items asked for. */
function count(tally: Tally, doc: StaffAnswerDoc, itemIds: string[]): void {
  tally.responses += 1
  tally.recommendSum += doc.recommend
  if (doc.comment) tally.comments.push(doc.comment)
  for (const itemId of itemIds) {
    const score = doc.answers[itemId]
    if (score === undefined) continue
    const counts: ItemCounts = tally.items[itemId] ?? [0, 0, 0, 0, 0, 0]
    counts[score === null ? 5 : score - 1] += 1
    tally.items[itemId] = counts
  }
}

export function createStaffSurveyRepo(db: CloudDb): StaffSurveyRepo {
  const _ = db.command
  const campaigns = () => db.collection<CampaignDoc>(C.staffSurveyCampaigns)
  const answered = () => db.collection<AnsweredDoc>(C.staffSurveyAnswered)
  const answers = () => db.collection<StaffAnswerDoc>(C.staffSurveyAnswers)
  const counts = staffSurveyCounts(db)
  /** Whether each campaign keeps counts: a campaign never changes, so this instance remembers it once read. */
  const keepsCounts = new Map<string, boolean>()
  const remember = (doc: CampaignDoc) => {
    keepsCounts.set(doc._id, doc.countsKept === true)
    return toRecord(doc)
  }
  /** The campaigns among these that keep counts, and those created before (counted from their answers). */
  const byCounting = async (campaignIds: string[]) => {
    const unknown = campaignIds.filter((id) => !keepsCounts.has(id))
    for (const doc of (await byIds<CampaignDoc>(db, C.staffSurveyCampaigns, unknown)).values()) remember(doc)
    const counted = campaignIds.filter((id) => keepsCounts.get(id) === true)
    return { counted, legacy: campaignIds.filter((id) => !counted.includes(id)) }
  }
  const answersOf = (campaignIds: string[], departmentId: string | null = null) =>
    campaignIds.length === 0
      ? Promise.resolve([])
      : readAll(
          answers()
            .where({
              campaignId: _.in(campaignIds),
              ...(departmentId === null ? {} : { departmentId }),
            })
            .orderBy('_id', 'asc'),
        )

  return {
    async createCampaign(fields, createdBy, at) {
      const staff = await readAll(
        db
          .collection<UserDoc>(C.users)
          .where({ roles: _.in(STAFF_ROLES) })
          .orderBy('_id', 'asc'),
      )
      const invited: Record<string, number> = {}
      for (const user of staff) invited[user.departmentId ?? ''] = (invited[user.departmentId ?? ''] ?? 0) + 1
      const doc: CampaignDoc = {
        _id: randomUUID(),
        ...fields,
        invited,
        createdBy,
        createdAt: at.toISOString(),
        countsKept: true,
      }
      await campaigns().add({ data: doc })
      return { campaign: remember(doc), invitees: staff.map((user) => user._id) }
    },

    async listCampaigns() {
      const docs = await readAll(campaigns().orderBy('opensOn', 'desc').orderBy('createdAt', 'desc'))
      return docs.slice(0, 200).map(remember)
    },

    async findCampaign(id) {
      const { data } = await campaigns().doc(id).get()
      return data ? remember(data) : null
    },

    async responseCounts(campaignIds) {
      const { counted, legacy } = await byCounting(campaignIds)
      const responses = new Map<string, number>(campaignIds.map((id) => [id, 0]))
      for (const doc of await counts.of(counted, null)) {
        responses.set(doc.campaignId, (responses.get(doc.campaignId) ?? 0) + doc.responses)
      }
      for (const id of legacy) responses.set(id, (await answers().where({ campaignId: id }).count()).total)
      return responses
    },

    async answeredBy(userId, campaignIds) {
      if (campaignIds.length === 0) return new Set()
      const ids = campaignIds.map((id) => markId(id, userId))
      const docs = await readAll(answered().where({ _id: _.in(ids) }))
      return new Set(docs.map((doc) => doc.campaignId))
    },

    async markAnswered(campaignId, userId) {
      return addOnce(answered(), { _id: markId(campaignId, userId), campaignId, userId })
    },

    async unmarkAnswered(campaignId, userId) {
      await answered().doc(markId(campaignId, userId)).remove()
    },

    /** The answer and its own pending counts, in one transaction: both or neither. */
    async addAnswer(answer) {
      await db.runTransaction(async (tx) => {
        await tx.collection<StaffAnswerDoc>(C.staffSurveyAnswers).add({ data: { _id: randomUUID(), ...answer } })
        await counts.addPending(tx, answer)
      })
    },

    rollUpCounts: () => counts.rollUp(),

    async tallies(campaignIds, departmentId, itemIds) {
      const { counted, legacy } = await byCounting(campaignIds)
      const groups = new Map<string, Tally>()
      for (const tally of talliesOf(await counts.of(counted, departmentId), itemIds)) {
        groups.set(counterId(tally.campaignId, tally.departmentId), tally)
      }
      for (const doc of await answersOf(legacy, departmentId)) {
        const key = counterId(doc.campaignId, doc.departmentId)
        const tally = groups.get(key) ?? emptyTally(doc.campaignId, doc.departmentId)
        count(tally, doc, itemIds)
        groups.set(key, tally)
      }
      return [...groups.values()].map((tally) => ({ ...tally, comments: tally.comments.sort(byText) }))
    },
  }
}

import { randomUUID } from 'node:crypto'
import type { CampaignRecord, ItemCounts, StaffSurveyRepo, Tally } from '../../domain/staff-survey/repo'
import type { StaffAnswers } from '../../domain/staff-survey/questionnaire'
import { addOnce, readAll, type CloudDb, type Doc } from './db'
import type { UserDoc } from './identity-repo'
import { C } from './schema'

export interface CampaignDoc extends Doc {
  title: string
  opensOn: string
  closesOn: string
  questionnaireVersion: number
  invited: Record<string, number>
  createdBy: string
  createdAt: string
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
      const doc: CampaignDoc = { _id: randomUUID(), ...fields, invited, createdBy, createdAt: at.toISOString() }
      await campaigns().add({ data: doc })
      return { campaign: toRecord(doc), invitees: staff.map((user) => user._id) }
    },

    async listCampaigns() {
      const docs = await readAll(campaigns().orderBy('opensOn', 'desc').orderBy('createdAt', 'desc'))
      return docs.slice(0, 200).map(toRecord)
    },

    async findCampaign(id) {
      const { data } = await campaigns().doc(id).get()
      return data ? toRecord(data) : null
    },

    async responseCounts(campaignIds) {
      const counts = new Map<string, number>()
      for (const id of campaignIds) counts.set(id, (await answers().where({ campaignId: id }).count()).total)
      return counts
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

    async addAnswer(answer) {
      await answers().add({ data: { _id: randomUUID(), ...answer } })
    },

    async tallies(campaignIds, departmentId, itemIds) {
      const groups = new Map<string, Tally>()
      for (const doc of await answersOf(campaignIds, departmentId)) {
        const key = `${doc.campaignId}|${doc.departmentId ?? ''}`
        const tally = groups.get(key) ?? {
          campaignId: doc.campaignId,
          departmentId: doc.departmentId,
          responses: 0,
          recommendSum: 0,
          items: {},
          comments: [],
        }
        count(tally, doc, itemIds)
        groups.set(key, tally)
      }
      return [...groups.values()].map((tally) => ({ ...tally, comments: tally.comments.sort(byText) }))
    },
  }
}

import { randomUUID } from 'node:crypto'
import type { ItemCounts, NewResponse, SurveyRepo } from '../../domain/survey/repo'
import { addOnce, isDuplicateKey, readAll, type CloudDb, type Doc, type Patch, type Transaction } from './db'
import type { RosterDoc } from './identity-repo'
import type { AlertDoc } from './survey-alerts'
import { C } from './schema'
import { tagsDoc, tagsId, type TagsDoc } from './voice-repo'

/** Anonymous: no user, no OPENID, no visit, and only the day it was given. */
interface ResponseDoc
  extends Doc, Omit<NewResponse, 'visitId' | 'praiseStaff' | 'lowScore' | 'contactPhone' | 'day' | 'voiceTags'> {
  submittedOn: string
}

interface ItemCounterDoc extends Doc {
  departmentId: string
  month: string
  itemId: string
  n1: number
  n2: number
  n3: number
  n4: number
  n5: number
  na: number
}

interface MonthCounterDoc extends Doc {
  departmentId: string
  month: string
  responses: number
  recommendSum: number
  promoters: number
  detractors: number
}

export interface StaffMentionDoc extends Doc {
  source: 'survey' | 'praise'
  departmentId: string
  employeeNo: string | null
  staffName: string
  month: string
  createdAt: string
}

const counterId = (...parts: string[]) => parts.join('|')

const toCounts = (doc: ItemCounterDoc): ItemCounts => ({
  departmentId: doc.departmentId,
  month: doc.month,
  itemId: doc.itemId,
  scores: [doc.n1, doc.n2, doc.n3, doc.n4, doc.n5],
  notApplicable: doc.na,
})

type ResponsesRepo = Pick<
  SurveyRepo,
  'submitResponse' | 'itemCountsAll' | 'itemCounts' | 'monthCounts' | 'recentComments'
>

class AlreadyAnswered extends Error {}

/** A response retried after losing a race to create a counter finds it there the second time. */
const COUNTER_RACE_ATTEMPTS = 3

/** Anonymous responses and the counters the boards read, on the cloud database. */
export function createSurveyResponsesRepo(db: CloudDb): ResponsesRepo {
  const _ = db.command
  const monthRange = (from: string, to: string) => _.gte(from).and(_.lte(to))

  /**
   * Adds to a counter inside the response's transaction, creating the document there when it is
   * new, so a response that rolls back leaves no empty counter behind. Two first responses racing
   * to create it collide on its `_id`; `submitResponse` then runs the loser again.
   */
  const bump = async <T extends Doc>(tx: Transaction, collection: string, fresh: T, by: Patch) => {
    const ref = tx.collection<T>(collection).doc(fresh._id)
    if (!(await ref.get()).data) await tx.collection<T>(collection).add({ data: fresh })
    await ref.update({ data: by })
  }

  return {
    async submitResponse(r) {
      const { data: already } = await db.collection<Doc>(C.answeredVisits).doc(r.visitId).get()
      if (already) return 'answered'
      const entries = Object.entries(r.answers)
      const itemIds = entries.map(([itemId]) => counterId(r.departmentId, r.month, itemId))
      const monthId = counterId(r.departmentId, r.month)
      const praised = r.praiseStaff
        ? (
            await db
              .collection<RosterDoc>(C.roster)
              .where({ departmentId: r.departmentId, name: r.praiseStaff })
              .limit(2)
              .get()
          ).data
        : []
      const newItemCounter = (itemId: string, i: number): ItemCounterDoc => ({
        _id: itemIds[i],
        departmentId: r.departmentId,
        month: r.month,
        itemId,
        ...{ n1: 0, n2: 0, n3: 0, n4: 0, n5: 0, na: 0 },
      })
      const newMonthCounter: MonthCounterDoc = {
        _id: monthId,
        departmentId: r.departmentId,
        month: r.month,
        responses: 0,
        recommendSum: 0,
        promoters: 0,
        detractors: 0,
      }
      const store = () =>
        db.runTransaction(async (tx) => {
          // The visit's own document: a second response for it fails here and rolls everything back.
          if (!(await addOnce(tx.collection<Doc>(C.answeredVisits), { _id: r.visitId }))) throw new AlreadyAnswered()
          const responseId = randomUUID()
          const response: ResponseDoc = {
            _id: responseId,
            departmentId: r.departmentId,
            visitType: r.visitType,
            month: r.month,
            questionnaireId: r.questionnaireId,
            questionnaireVersion: r.questionnaireVersion,
            answers: r.answers,
            overall: r.overall,
            recommend: r.recommend,
            comment: r.comment,
            submittedOn: r.day,
          }
          await tx.collection<ResponseDoc>(C.responses).add({ data: response })
          if (r.voiceTags) {
            const target = { source: 'survey', sourceId: responseId, ...r } as const
            await tx
              .collection<TagsDoc>(C.voiceTags)
              .doc(tagsId('survey', responseId))
              .set({ data: tagsDoc(target, r.voiceTags.tagging, r.voiceTags.version) })
          }
          for (const [i, [itemId, score]] of entries.entries()) {
            const field = score === null ? 'na' : `n${score}`
            await bump(tx, C.itemCounters, newItemCounter(itemId, i), { [field]: _.inc(1) })
          }
          await bump(tx, C.monthCounters, newMonthCounter, {
            responses: _.inc(1),
            recommendSum: _.inc(r.recommend),
            promoters: _.inc(r.recommend >= 9 ? 1 : 0),
            detractors: _.inc(r.recommend <= 6 ? 1 : 0),
          })
          if (r.praiseStaff) {
            await tx.collection<StaffMentionDoc>(C.staffMentions).add({
              data: {
                _id: randomUUID(),
                source: 'survey',
                departmentId: r.departmentId,
                employeeNo: praised.length === 1 ? praised[0]._id : null,
                staffName: r.praiseStaff,
                month: r.month,
                // The day only, like every survey-side document.
                createdAt: `${r.day}T00:00:00.000Z`,
              },
            })
          }
          if (!r.lowScore) return { alertId: null }
          const alertId = randomUUID()
          await tx.collection<AlertDoc>(C.alerts).add({
            data: {
              _id: alertId,
              responseId,
              departmentId: r.departmentId,
              visitType: r.visitType,
              month: r.month,
              overall: r.overall,
              recommend: r.recommend,
              comment: r.comment,
              answers: r.answers,
              status: 'open',
              createdOn: r.day,
              contactPhone: r.contactPhone,
              closedAt: null,
              events: 0,
            },
          })
          return { alertId }
        })
      for (let attempt = 1; ; attempt++) {
        try {
          return await store()
        } catch (error) {
          if (error instanceof AlreadyAnswered) return 'answered'
          // A racing first response created a counter this one was creating too: it exists now.
          if (isDuplicateKey(error) && attempt < COUNTER_RACE_ATTEMPTS) continue
          throw error
        }
      }
    },

    async itemCountsAll(itemId, from, to) {
      const docs = await readAll(
        db.collection<ItemCounterDoc>(C.itemCounters).where({ itemId, month: monthRange(from, to) }),
      )
      return docs.map(toCounts)
    },

    async itemCounts(departmentId, from, to) {
      const docs = await readAll(
        db
          .collection<ItemCounterDoc>(C.itemCounters)
          .where({ departmentId, month: monthRange(from, to) })
          .orderBy('month', 'asc')
          .orderBy('itemId', 'asc'),
      )
      return docs.map(toCounts)
    },

    async monthCounts(departmentId, from, to) {
      const docs = await readAll(
        db.collection<MonthCounterDoc>(C.monthCounters).where({ departmentId, month: monthRange(from, to) }),
      )
      return docs.reduce(
        (sum, d) => ({
          responses: sum.responses + d.responses,
          recommendSum: sum.recommendSum + d.recommendSum,
          promoters: sum.promoters + d.promoters,
          detractors: sum.detractors + d.detractors,
        }),
        { responses: 0, recommendSum: 0, promoters: 0, detractors: 0 },
      )
    },

    async recentComments(departmentId, from, to, limit) {
      const { data } = await db
        .collection<ResponseDoc>(C.responses)
        .where({ departmentId, month: monthRange(from, to), comment: _.neq(null) })
        .orderBy('submittedOn', 'desc')
        .orderBy('_id', 'desc')
        .limit(limit)
        .get()
      return data.map((d) => ({ month: d.month, visitType: d.visitType, overall: d.overall, comment: d.comment ?? '' }))
    },
  }
}

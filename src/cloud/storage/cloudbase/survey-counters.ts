import { randomUUID } from 'node:crypto'
import type { VisitType } from '../../../contract'
import { addMonthCounts, monthCountsByType, NO_MONTH_COUNTS } from '../../domain/survey/figures'
import type { ItemCounts, MonthCounts, NewResponse, SurveyRepo } from '../../domain/survey/repo'
import { readAll, runTransactionPatiently, type CloudDb, type Doc, type Transaction } from './db'
import { C } from './schema'

/*
 * The counters the boards read, with no document every answer writes. An answer adds two documents
 * of its own inside its transaction (its scores to the item counters, its totals to the month
 * counters), so concurrent answers never touch the same document and never conflict. The timer's
 * sweep folds those pending documents into one counter per department, month (and item), in a
 * transaction per department-month that only competes with another run of the sweep. A read sums
 * counters and pending documents from the same query, so it is exact at any moment and costs the same
 * round trips whatever the volume: pending documents are only those since the last sweep.
 */

/**
 * Documents written before the counters carried the visit type have none; they count as outpatient,
 * the questionnaire every early deployment started with (see docs/cloud-database.md).
 */
interface Typed {
  visitType?: VisitType
}
const LEGACY_VISIT_TYPE: VisitType = 'outpatient'
const typeOf = (doc: Typed): VisitType => doc.visitType ?? LEGACY_VISIT_TYPE

interface ItemCounterDoc extends Doc, Typed {
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

/** Marks an answer's own scores in the item counters; no questionnaire item has this id. */
const PENDING_ITEM = '*'

/** One answer's scores, not yet folded: anonymous like the answer, and dated by its month only. */
interface PendingItemsDoc extends Doc, Typed {
  departmentId: string
  month: string
  itemId: typeof PENDING_ITEM
  answers: Record<string, number | null>
}

/** A department-month's totals; `pending` marks one answer's own, not yet folded. */
interface MonthCounterDoc extends Doc, Typed, MonthCounts {
  departmentId: string
  month: string
  pending?: true
}

type ItemDoc = ItemCounterDoc | PendingItemsDoc

const isPendingItems = (doc: ItemDoc): doc is PendingItemsDoc => doc.itemId === PENDING_ITEM

const counterId = (...parts: string[]) => parts.join('|')

/** Scores 1..5 then 不适用, as counter fields. */
const FIELDS = ['n1', 'n2', 'n3', 'n4', 'n5', 'na'] as const
type Tally = [number, number, number, number, number, number]
const slotOf = (score: number | null) => (score === null ? 5 : score - 1)

/** Adds an answer's pending counts inside its transaction: two new documents, nothing shared. */
export async function addPendingCounts(tx: Transaction, r: NewResponse) {
  await tx.collection<PendingItemsDoc>(C.itemCounters).add({
    data: {
      _id: randomUUID(),
      departmentId: r.departmentId,
      month: r.month,
      visitType: r.visitType,
      itemId: PENDING_ITEM,
      answers: r.answers,
    },
  })
  await tx.collection<MonthCounterDoc>(C.monthCounters).add({
    data: {
      _id: randomUUID(),
      departmentId: r.departmentId,
      month: r.month,
      visitType: r.visitType,
      pending: true,
      ...monthDelta(r.recommend),
    },
  })
}

const monthDelta = (recommend: number): MonthCounts => ({
  responses: 1,
  recommendSum: recommend,
  promoters: recommend >= 9 ? 1 : 0,
  detractors: recommend <= 6 ? 1 : 0,
})

/** Counters and pending answers as one count per department, month, visit type and item (of `only`, when given). */
function itemCountsOf(docs: ItemDoc[], only?: string): ItemCounts[] {
  const counts = new Map<string, Tally>()
  const tallyOf = (doc: ItemDoc, itemId: string) => {
    const key = counterId(doc.departmentId, doc.month, typeOf(doc), itemId)
    return counts.get(key) ?? counts.set(key, [0, 0, 0, 0, 0, 0]).get(key)!
  }
  for (const doc of docs) {
    if (!isPendingItems(doc)) {
      const tally = tallyOf(doc, doc.itemId)
      FIELDS.forEach((field, i) => (tally[i] += doc[field]))
      continue
    }
    for (const [itemId, score] of Object.entries(doc.answers)) {
      if (only === undefined || itemId === only) tallyOf(doc, itemId)[slotOf(score)]++
    }
  }
  return [...counts.entries()]
    .map(([key, [n1, n2, n3, n4, n5, na]]): ItemCounts => {
      const [departmentId, month, visitType, itemId] = key.split('|')
      return {
        departmentId,
        month,
        visitType: visitType as VisitType,
        itemId,
        scores: [n1, n2, n3, n4, n5],
        notApplicable: na,
      }
    })
    .sort(
      (a, b) =>
        a.month.localeCompare(b.month) || b.visitType.localeCompare(a.visitType) || a.itemId.localeCompare(b.itemId),
    )
}

type CountersRepo = Pick<SurveyRepo, 'itemCountsAll' | 'itemCounts' | 'monthCounts' | 'rollUpCounters'>

export function createSurveyCountersRepo(db: CloudDb): CountersRepo {
  const _ = db.command
  const monthRange = (from: string, to: string) => _.gte(from).and(_.lte(to))
  const items = () => db.collection<ItemDoc>(C.itemCounters)

  return {
    async itemCountsAll(itemId, from, to) {
      const docs = await readAll(items().where({ itemId: _.in([itemId, PENDING_ITEM]), month: monthRange(from, to) }))
      return itemCountsOf(docs, itemId)
    },

    async itemCounts(departmentId, from, to) {
      return itemCountsOf(await readAll(items().where({ departmentId, month: monthRange(from, to) })))
    },

    async monthCounts(departmentId, from, to) {
      const docs = await readAll(
        db.collection<MonthCounterDoc>(C.monthCounters).where({ departmentId, month: monthRange(from, to) }),
      )
      return monthCountsByType(docs.map((doc) => ({ ...doc, visitType: typeOf(doc) })))
    },

    rollUpCounters: () => rollUp(db),
  }
}

/** Answers folded per transaction (two reads and two removals each, plus a counter per item). */
const FOLD_BATCH = 50
/** Batches per sweep run, so one run stays well inside the function's timeout; the next run goes on. */
const FOLD_ROUNDS = 20

async function rollUp(db: CloudDb): Promise<number> {
  let folded = 0
  for (let round = 0; round < FOLD_ROUNDS; round++) {
    const [{ data: pendingItems }, { data: pendingMonths }] = await Promise.all([
      db.collection<PendingItemsDoc>(C.itemCounters).where({ itemId: PENDING_ITEM }).limit(FOLD_BATCH).get(),
      db.collection<MonthCounterDoc>(C.monthCounters).where({ pending: true }).limit(FOLD_BATCH).get(),
    ])
    if (pendingItems.length === 0 && pendingMonths.length === 0) break
    const groups = new Map<string, { itemIds: string[]; monthIds: string[] }>()
    const groupOf = (doc: { departmentId: string; month: string } & Typed) => {
      const key = counterId(doc.departmentId, doc.month, typeOf(doc))
      return groups.get(key) ?? groups.set(key, { itemIds: [], monthIds: [] }).get(key)!
    }
    for (const doc of pendingItems) groupOf(doc).itemIds.push(doc._id)
    for (const doc of pendingMonths) groupOf(doc).monthIds.push(doc._id)
    for (const [key, group] of groups) {
      const [departmentId, month, visitType] = key.split('|')
      folded += await fold(
        db,
        { departmentId, month, visitType: visitType as VisitType },
        group.itemIds,
        group.monthIds,
      )
    }
  }
  return folded
}

interface CounterKey {
  departmentId: string
  month: string
  visitType: VisitType
}

/**
 * Moves one department-month-type's pending documents into its counters, all in one transaction.
 * Each pending document is re-read inside it: one a racing run already folded is gone and skipped.
 */
function fold(db: CloudDb, key: CounterKey, itemIds: string[], monthIds: string[]) {
  const { departmentId, month, visitType } = key
  const _ = db.command
  return runTransactionPatiently(db, async (tx) => {
    const itemDocs = tx.collection<ItemDoc>(C.itemCounters)
    const tallies = new Map<string, Tally>()
    let answers = 0
    for (const id of itemIds) {
      const { data } = await itemDocs.doc(id).get()
      if (!data || !isPendingItems(data)) continue
      answers++
      for (const [itemId, score] of Object.entries(data.answers)) {
        const tally = tallies.get(itemId) ?? tallies.set(itemId, [0, 0, 0, 0, 0, 0]).get(itemId)!
        tally[slotOf(score)]++
      }
      await itemDocs.doc(id).remove()
    }
    for (const [itemId, tally] of tallies) {
      const counter = itemDocs.doc(counterId(departmentId, month, visitType, itemId))
      const fields = Object.fromEntries(FIELDS.map((field, i) => [field, tally[i]]))
      if ((await counter.get()).data) {
        await counter.update({ data: Object.fromEntries(FIELDS.map((field, i) => [field, _.inc(tally[i])])) })
      } else {
        await itemDocs.add({
          data: {
            _id: counterId(departmentId, month, visitType, itemId),
            departmentId,
            month,
            visitType,
            itemId,
            ...fields,
          } as ItemCounterDoc,
        })
      }
    }
    const monthDocs = tx.collection<MonthCounterDoc>(C.monthCounters)
    let delta = NO_MONTH_COUNTS
    for (const id of monthIds) {
      const { data } = await monthDocs.doc(id).get()
      if (!data?.pending) continue
      delta = addMonthCounts(delta, data)
      await monthDocs.doc(id).remove()
    }
    if (delta.responses > 0) {
      const counter = monthDocs.doc(counterId(departmentId, month, visitType))
      if ((await counter.get()).data) {
        await counter.update({
          data: {
            responses: _.inc(delta.responses),
            recommendSum: _.inc(delta.recommendSum),
            promoters: _.inc(delta.promoters),
            detractors: _.inc(delta.detractors),
          },
        })
      } else {
        await monthDocs.add({
          data: { _id: counterId(departmentId, month, visitType), departmentId, month, visitType, ...delta },
        })
      }
    }
    return answers
  })
}

import { randomUUID } from 'node:crypto'
import type { ItemCounts, StaffAnswer, Tally } from '../../domain/staff-survey/repo'
import { readAll, runTransactionPatiently, type CloudDb, type Doc, type Transaction } from './db'
import { C } from './schema'

/*
 * The staff survey's counts, kept as the answers arrive, with no document every answer writes (the
 * cloud's counterpart of PGlite's migration 502, on the pattern of survey-counters.ts). An answer's
 * transaction adds its own pending count document beside the answer: the campaign, the department,
 * its scores, its recommend score and its comment; no person and no time, like the answer. The timer's
 * sweep folds pending documents into one counter per campaign and department, in a transaction per
 * group that competes only with another run of the sweep. A read sums counters and pending documents
 * from one query, so it is exact at any moment and reads a few documents instead of every answer.
 */

/** A campaign-department's counts: the counter (`_id` campaign|department) or one answer's own (`pending`). */
export interface CountDoc extends Doc, Tally {
  pending?: true
}

/** A counter's `_id`, and the key a read groups a campaign-department's counts by. */
export const counterId = (campaignId: string, departmentId: string | null) => `${campaignId}|${departmentId ?? ''}`

/** A campaign-department with nothing counted yet. */
export const emptyTally = (campaignId: string, departmentId: string | null): Tally => ({
  campaignId,
  departmentId,
  responses: 0,
  recommendSum: 0,
  items: {},
  comments: [],
})
const slotOf = (score: number | null) => (score === null ? 5 : score - 1)
const NO_COUNTS = (): ItemCounts => [0, 0, 0, 0, 0, 0]

/** One answer's counts, as the pending document its transaction adds. */
export function pendingCounts(answer: StaffAnswer): CountDoc {
  const items: Record<string, ItemCounts> = {}
  for (const [itemId, score] of Object.entries(answer.answers)) {
    const counts = NO_COUNTS()
    counts[slotOf(score)] = 1
    items[itemId] = counts
  }
  return {
    _id: randomUUID(),
    campaignId: answer.campaignId,
    departmentId: answer.departmentId,
    responses: 1,
    recommendSum: answer.recommend,
    items,
    comments: answer.comment ? [answer.comment] : [],
    pending: true,
  }
}

/** Adds `from` into `into`: counts, sums and comments. */
function addCounts(into: Omit<CountDoc, '_id'>, from: Omit<CountDoc, '_id'>): void {
  into.responses += from.responses
  into.recommendSum += from.recommendSum
  into.comments.push(...from.comments)
  for (const [itemId, counts] of Object.entries(from.items)) {
    const sum = (into.items[itemId] ??= NO_COUNTS())
    counts.forEach((n, slot) => (sum[slot] += n))
  }
}

/** Counters and pending documents as one tally per campaign and department, on the items asked for. */
export function talliesOf(docs: CountDoc[], itemIds: string[]): Tally[] {
  const groups = new Map<string, Tally>()
  for (const doc of docs) {
    const key = counterId(doc.campaignId, doc.departmentId)
    const tally = groups.get(key) ?? emptyTally(doc.campaignId, doc.departmentId)
    addCounts(tally, {
      ...doc,
      items: Object.fromEntries(itemIds.flatMap((id) => (doc.items[id] ? [[id, doc.items[id]]] : []))),
    })
    groups.set(key, tally)
  }
  return [...groups.values()]
}

export function staffSurveyCounts(db: CloudDb) {
  const _ = db.command
  const counts = () => db.collection<CountDoc>(C.staffSurveyCounts)
  return {
    /** Inside the answer's transaction: one new document, nothing shared. */
    addPending: (tx: Transaction, answer: StaffAnswer) =>
      tx.collection<CountDoc>(C.staffSurveyCounts).add({ data: pendingCounts(answer) }),

    /** Every counter and pending document of these campaigns (of one department or, null, all): one query. */
    of: (campaignIds: string[], departmentId: string | null) =>
      campaignIds.length === 0
        ? Promise.resolve([])
        : readAll(
            counts().where({ campaignId: _.in(campaignIds), ...(departmentId === null ? {} : { departmentId }) }),
          ),

    rollUp: () => rollUp(db),
  }
}

/** Answers folded per transaction (a read and a removal each, plus the counter's read and write). */
const FOLD_BATCH = 50
/** Batches per sweep run, so one run stays well inside the function's timeout; the next run goes on. */
const FOLD_ROUNDS = 20

async function rollUp(db: CloudDb): Promise<number> {
  let folded = 0
  for (let round = 0; round < FOLD_ROUNDS; round++) {
    const { data: pending } = await db
      .collection<CountDoc>(C.staffSurveyCounts)
      .where({ pending: true })
      .limit(FOLD_BATCH)
      .get()
    if (pending.length === 0) break
    const groups = new Map<string, { campaignId: string; departmentId: string | null; ids: string[] }>()
    for (const doc of pending) {
      const key = counterId(doc.campaignId, doc.departmentId)
      const group = groups.get(key) ?? { campaignId: doc.campaignId, departmentId: doc.departmentId, ids: [] }
      group.ids.push(doc._id)
      groups.set(key, group)
    }
    for (const group of groups.values()) folded += await fold(db, group.campaignId, group.departmentId, group.ids)
  }
  return folded
}

/**
 * Moves one campaign-department's pending documents into its counter, in one transaction. Each is
 * re-read inside it: one a racing run already folded is gone and skipped.
 */
function fold(db: CloudDb, campaignId: string, departmentId: string | null, ids: string[]) {
  return runTransactionPatiently(db, async (tx) => {
    const docs = tx.collection<CountDoc>(C.staffSurveyCounts)
    const counter = docs.doc(counterId(campaignId, departmentId))
    const { data: before } = await counter.get()
    const sum: Omit<CountDoc, '_id'> = before
      ? {
          campaignId,
          departmentId,
          responses: before.responses,
          recommendSum: before.recommendSum,
          items: before.items,
          comments: before.comments,
        }
      : { campaignId, departmentId, responses: 0, recommendSum: 0, items: {}, comments: [] }
    let answers = 0
    for (const id of ids) {
      const { data } = await docs.doc(id).get()
      if (!data?.pending) continue
      answers++
      addCounts(sum, data)
      await docs.doc(id).remove()
    }
    if (answers > 0) await counter.set({ data: sum })
    return answers
  })
}

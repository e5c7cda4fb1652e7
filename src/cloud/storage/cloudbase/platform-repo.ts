import { createHash, randomInt } from 'node:crypto'
import {
  staleBefore,
  type AuditRecord,
  type OutboxMessage,
  type OutboxRecord,
  type PlatformRepo,
  type Reminder,
  type RequestKey,
} from '../../core/platform-repo'
import { addOnce, byIds, isDuplicateKey, type CloudDb, type Doc, type Patch, type Transaction, type Where } from './db'
import type { UserDoc } from './identity-repo'
import { C } from './schema'

export interface IdempotencyDoc extends Doc {
  userId: string
  fn: string
  action: string
  requestId: string
  /** The input the id is bound to (see core/input-digest.ts); absent on records made before the binding. */
  inputHash?: string
  state: 'pending' | 'done'
  /** JSON text: results may hold keys the database refuses (`.`, `$`). */
  result: string | null
  createdAt: string
}

export interface RateDoc extends Doc {
  key: string
  windowStart: string
  hits: number
}

export interface OutboxDoc extends Doc {
  seq: number
  userId: string
  template: string
  payload: Record<string, string | number>
  status: OutboxRecord['status']
  attempts: number
  nextAttemptAt: string
  lastError: string | null
  createdAt: string
  sentAt: string | null
}

/**
 * Numbers for the outbox and the audit log: the millisecond, then three digits drawn at random, and
 * always above the instance's previous number. They order entries by time like a sequence would (and
 * an instance's own entries of one millisecond by when they were written), without the one sequence
 * document every entry would read and write in a transaction (five round trips, and a hot spot: a burst
 * conflicts on it). Two instances drawing the same number collide on `_id` and draw again. The number
 * stays a safe integer until the year 2255.
 */
function timeSequence(): (at: Date) => number {
  let last = 0
  return (at) => {
    last = Math.max(last + 1, at.getTime() * 1000 + randomInt(1000))
    return last
  }
}

const outboxSeq = timeSequence()
const auditSeq = timeSequence()

const outboxDoc = (message: OutboxMessage, at: Date): OutboxDoc => {
  const seq = outboxSeq(at)
  return {
    _id: String(seq),
    seq,
    ...message,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: at.toISOString(),
    lastError: null,
    createdAt: at.toISOString(),
    sentAt: null,
  }
}

/** Two instances drawing the same number collide on `_id`: draw again. */
const NUMBER_DRAWS = 3

async function drawingAgain<R>(queue: () => Promise<R>): Promise<R> {
  for (let draw = 1; ; draw++) {
    try {
      return await queue()
    } catch (error) {
      if (!isDuplicateKey(error) || draw >= NUMBER_DRAWS) throw error
    }
  }
}

const MARKER_BATCH = 500

interface OutboxOnceDoc extends Doc {
  at: string
}

interface AuditDoc extends Doc {
  seq: number
  actorId: string
  fn: string
  action: string
  target: string
  details: string
  at: string
}

interface CounterDoc extends Doc {
  value: number
}

/** The next number of a sequence, inside the caller's transaction (conflicting writers retry). */
export async function nextSeq(tx: Transaction, name: string): Promise<number> {
  const counter = tx.collection<CounterDoc>(C.counters).doc(name)
  const { data } = await counter.get()
  const value = (data?.value ?? 0) + 1
  await counter.set({ data: { value } })
  return value
}

const keyId = (key: RequestKey) =>
  createHash('sha256')
    .update(JSON.stringify([key.userId, key.fn, key.action, key.requestId]))
    .digest('hex')

export const toOutboxRecord = (doc: OutboxDoc): OutboxRecord => ({
  id: doc.seq,
  userId: doc.userId,
  template: doc.template,
  payload: doc.payload,
  status: doc.status,
  attempts: doc.attempts,
  createdAt: doc.createdAt,
})

/** Rate windows this instance has added or counted into, so its next hit tries the likely call first. */
class SeenWindows {
  private readonly ids = new Set<string>()
  has(id: string): boolean {
    return this.ids.has(id)
  }
  see(id: string): void {
    // Windows end within a day; forgetting them all now and then costs a second call at most.
    if (this.ids.size >= SEEN_WINDOWS_MAX) this.ids.clear()
    this.ids.add(id)
  }
}

const SEEN_WINDOWS_MAX = 10_000

export function createPlatformRepo(db: CloudDb): PlatformRepo {
  const _ = db.command
  const windowsSeen = new SeenWindows()
  const requests = () => db.collection<IdempotencyDoc>(C.idempotency)

  return {
    async claimRequest(request, at) {
      const _id = keyId(request)
      const fresh: IdempotencyDoc = { _id, ...request, state: 'pending', result: null, createdAt: at.toISOString() }
      // A fresh request costs this one write; a retry reads the first run's record, and only a stale claim is taken over.
      if (await addOnce(requests(), fresh)) return { state: 'new' }
      const { data } = await requests().doc(_id).get()
      if (data?.inputHash !== undefined && data.inputHash !== request.inputHash) return { state: 'mismatch' }
      if (data?.state === 'done')
        return { state: 'done', result: data.result === null ? null : JSON.parse(data.result) }
      if (!data || data.createdAt >= staleBefore(at).toISOString()) return { state: 'pending' }
      const takeOver = await requests()
        .where({
          _id,
          state: 'pending',
          createdAt: _.lt(staleBefore(at).toISOString()),
          // null also matches a record made before the binding, which has no hash.
          inputHash: _.in([request.inputHash, null]),
        })
        .update({ data: { createdAt: fresh.createdAt, inputHash: request.inputHash } })
      return takeOver.stats.updated === 1 ? { state: 'new' } : { state: 'pending' }
    },

    async completeRequest(key, result) {
      await requests()
        .doc(keyId(key))
        .update({ data: { state: 'done', result: JSON.stringify(result) } })
    },

    async releaseRequest(key) {
      await requests()
        .where({ _id: keyId(key), state: 'pending' })
        .remove()
    },

    async hitRateLimit(key, windowStart) {
      const _id = `${key}|${windowStart.toISOString()}`
      const hits = db.collection<RateDoc>(C.rateHits)
      for (;;) {
        const { stats } = await hits.doc(_id).update({ data: { hits: _.inc(1) } })
        if (stats.updated === 1) break
        if (await addOnce(hits, { _id, key, windowStart: windowStart.toISOString(), hits: 1 })) return 1
      }
      const { data } = await hits.doc(_id).get()
      return data?.hits ?? 1
    },

    async takeRateSlot(key, windowStart, limit) {
      if (limit < 1) return false
      const _id = `${key}|${windowStart.toISOString()}`
      const hits = db.collection<RateDoc>(C.rateHits)
      const counted = async () =>
        (await hits.where({ _id, hits: _.lt(limit) }).update({ data: { hits: _.inc(1) } })).stats.updated === 1
      const added = () => addOnce(hits, { _id, key, windowStart: windowStart.toISOString(), hits: 1 })
      // One call when this instance guessed right: a window it has seen is counted into, one it has not is
      // added. The guess only orders the calls; the database decides (hits never go down, so a window that
      // exists and counts nothing is full).
      if (windowsSeen.has(_id)) return (await counted()) || (await added())
      windowsSeen.see(_id)
      return (await added()) || counted()
    },

    async rateHits(key, windowStart) {
      const { data } = await db.collection<RateDoc>(C.rateHits).doc(`${key}|${windowStart.toISOString()}`).get()
      return data?.hits ?? 0
    },

    async prune(before) {
      const requests = await db
        .collection<IdempotencyDoc>(C.idempotency)
        .where({ state: 'done', createdAt: _.lt(before.requests.toISOString()) })
        .remove()
      const windows = await db
        .collection<RateDoc>(C.rateHits)
        .where({ windowStart: _.lt(before.rateWindows.toISOString()) })
        .remove()
      return requests.stats.removed + windows.stats.removed
    },

    async addOutbox(message, at) {
      // One document and nothing shared: no transaction needed.
      await drawingAgain(() => db.collection<OutboxDoc>(C.outbox).add({ data: outboxDoc(message, at) }))
    },

    async addReminders(reminders, at) {
      const markerId = (r: Reminder) => `${r.userId}|${r.once}`
      // Most runs meet only reminders queued before: one read of their markers, no transaction.
      const seen = new Set<string>()
      for (let i = 0; i < reminders.length; i += MARKER_BATCH) {
        const ids = reminders.slice(i, i + MARKER_BATCH).map(markerId)
        for (const id of (await byIds(db, C.outboxOnce, ids)).keys()) seen.add(id)
      }
      let queued = 0
      for (const reminder of reminders.filter((r) => !seen.has(markerId(r)))) {
        const { once: _once, ...message } = reminder
        const added = await drawingAgain(() =>
          db.runTransaction(async (tx) => {
            // Racing sweeps both write this marker, so one of them conflicts and re-reads it.
            const marker = tx.collection<OutboxOnceDoc>(C.outboxOnce).doc(markerId(reminder))
            if ((await marker.get()).data) return false
            await marker.set({ data: { at: at.toISOString() } })
            await tx.collection<OutboxDoc>(C.outbox).add({ data: outboxDoc(message, at) })
            return true
          }),
        )
        if (added) queued += 1
      }
      return queued
    },

    async listOutbox(userId) {
      const outbox = db.collection<OutboxDoc>(C.outbox)
      const { data } = await (userId ? outbox.where({ userId }) : outbox).orderBy('seq', 'desc').limit(200).get()
      return data.map(toOutboxRecord)
    },

    async dueOutbox(now, limit) {
      const { data } = await db
        .collection<OutboxDoc>(C.outbox)
        .where({ status: 'pending', nextAttemptAt: _.lte(now.toISOString()) })
        .orderBy('nextAttemptAt', 'asc')
        .orderBy('seq', 'asc')
        .limit(limit)
        .get()
      return data.map(toOutboxRecord)
    },

    async leaseOutbox(id, now, until) {
      const { stats } = await db
        .collection<OutboxDoc>(C.outbox)
        .where({ _id: String(id), status: 'pending', nextAttemptAt: _.lte(now.toISOString()) })
        .update({ data: { nextAttemptAt: until.toISOString() } })
      return stats.updated === 1
    },

    async settleOutbox(id, outcome, at) {
      const message = db.collection<OutboxDoc>(C.outbox).doc(String(id))
      if (outcome.sent) {
        await message.update({ data: { status: 'sent', attempts: _.inc(1), sentAt: at.toISOString() } })
        return
      }
      const retry: Patch = outcome.retryAt ? { nextAttemptAt: outcome.retryAt.toISOString() } : { status: 'failed' }
      await message.update({ data: { attempts: _.inc(1), lastError: outcome.error.slice(0, 500), ...retry } })
    },

    async appendAudit(entry, at) {
      await drawingAgain(() => {
        const seq = auditSeq(at)
        const details = JSON.stringify(entry.details)
        return db
          .collection<AuditDoc>(C.audit)
          .add({ data: { _id: String(seq), seq, ...entry, details, at: at.toISOString() } })
      })
    },

    async listAudit(limit, filter = {}) {
      const _ = db.command
      const where: Where = {}
      if (filter.target) where.target = filter.target
      if (filter.to) where.at = _.lt(filter.to.toISOString())
      const { data } = await db.collection<AuditDoc>(C.audit).where(where).orderBy('seq', 'desc').limit(limit).get()
      // Newest first and `at` grows with `seq`, so dropping entries before `from` keeps the newest `limit` in range.
      const from = filter.from?.toISOString()
      const entries = from ? data.filter((doc) => doc.at >= from) : data
      const actorIds = [...new Set(entries.map((doc) => doc.actorId))]
      const actors = actorIds.length
        ? (
            await db
              .collection<UserDoc>(C.users)
              .where({ _id: _.in(actorIds) })
              .limit(actorIds.length)
              .get()
          ).data
        : []
      const nameOf = new Map(actors.map((user) => [user._id, user.name]))
      return entries.map((doc): AuditRecord => ({
        id: doc.seq,
        actorId: doc.actorId,
        actorName: nameOf.get(doc.actorId) ?? '',
        fn: doc.fn,
        action: doc.action,
        target: doc.target,
        details: JSON.parse(doc.details),
        at: doc.at,
      }))
    },
  }
}

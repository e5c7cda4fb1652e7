import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'
import type {
  Aggregate,
  CloudDb,
  Command,
  Scalar,
  Collection,
  Doc,
  DocRef,
  Query,
  QueryOperator,
  Transaction,
  TxCollection,
  Where,
} from '../../src/cloud/storage/cloudbase/db'
import {
  isTransactionConflict,
  TRANSACTION_ATTEMPTS,
  Workspace,
  type CommittedData,
  type Stored,
  type TableView,
} from './cloud-db-workspace'
import { applyPatch, command, compare, duplicateKey, matches } from './cloud-db-query'
import { aggregateCommand, runStages, type Stage } from './cloud-db-aggregate'

/**
 * STAND-IN, NOT THE WECHAT CLOUD DATABASE. An in-memory implementation of exactly the subset of
 * the `wx-server-sdk` database API declared in `storage/cloudbase/db.ts`, so that every cloudbase
 * adapter code path runs in CI. It enforces what the adapter relies on: unique `_id`, the unique
 * indexes `setup-cloud-db` creates, conditional `where().update()` with `stats.updated`, server
 * page limits (100 by default, at most 1000), no promised order for a skipped page of an unsorted
 * query (it comes back shuffled) and transactions that commit or roll back as a whole.
 * Every call yields to the event loop first, so concurrent callers interleave between calls.
 *
 * By default it serialises: a transaction holds a global lock while it runs, and plain calls wait
 * for it. With `{ concurrent: true }` it behaves like the real database under contention instead:
 * transactions run concurrently, each writing to its own workspace that commits at the end, and a
 * transaction that touches a document written by anyone else since it began aborts with the
 * database's conflict error; `runTransaction` retries a conflicted transaction up to 3 times in all,
 * as wx-server-sdk does, then rejects with that error. Its latency and quotas are still not shown.
 */

const DEFAULT_LIMIT = 100
const MAX_LIMIT = 1000

/** Per collection, the field sets that must be unique (each set one compound index). */
export type UniqueIndexes = Record<string, string[][]>

/** Database calls so far. Each read and write is one network round trip in WeChat; a transaction adds two (start, commit). */
export interface RoundTrips {
  reads: number
  writes: number
  transactions: number
}

export const roundTripsOf = (calls: RoundTrips) => calls.reads + calls.writes + 2 * calls.transactions

type CallKind = 'read' | 'write'
type Step = <R>(kind: CallKind, run: () => R) => Promise<R>

export class CloudDbStandIn implements CloudDb, CommittedData {
  readonly command: Command = { ...command, aggregate: aggregateCommand }
  private data = new Map<string, Map<string, Stored>>()
  private lock: Promise<void> = Promise.resolve()
  private inTransaction = new AsyncLocalStorage<true>()
  readonly calls: RoundTrips = { reads: 0, writes: 0, transactions: 0 }
  /** Transactions that ran into a conflict, whether or not a retry then succeeded. */
  conflicts = 0
  /** Concurrent mode: the attempts each finished transaction took (1 = no retry), in finishing order. */
  readonly attempts: number[] = []
  private versions = new Map<string, number>()
  private writeSeq = 0

  constructor(
    private readonly unique: UniqueIndexes = {},
    private readonly options: { concurrent?: boolean } = {},
  ) {}

  /** Test setup and assertions: the raw documents of a collection. */
  documents(name: string): Stored[] {
    return [...this.table(name).values()].map((doc) => structuredClone(doc))
  }

  collection<T extends Doc>(name: string): Collection<T> {
    const plain: Step = (kind, run) => this.plain(kind, run)
    const query = (
      where: (Where | QueryOperator)[],
      order: [string, 'asc' | 'desc'][],
      skip: number,
      limit?: number,
    ): Query<T> => {
      const select = () => {
        if (limit !== undefined && limit > MAX_LIMIT) throw new Error(`stand-in: limit ${limit} over ${MAX_LIMIT}`)
        const found = [...this.table(name).values()].filter((doc) => where.every((w) => matches(doc, w)))
        found.sort((a, b) => {
          for (const [field, direction] of order) {
            const c = compare(a[field], b[field])
            if (c !== 0) return direction === 'asc' ? c : -c
          }
          return 0
        })
        // Without a sort the real database promises no order, and it may differ from page to page.
        return order.length === 0 && skip > 0 ? shuffled(found) : found
      }
      return {
        where: (condition) => query([...where, condition], order, skip, limit),
        orderBy: (field, direction) => query(where, [...order, [field, direction]], skip, limit),
        skip: (count) => query(where, order, count, limit),
        limit: (count) => query(where, order, skip, count),
        get: () =>
          plain('read', () => ({
            data: select()
              .slice(skip, skip + (limit ?? DEFAULT_LIMIT))
              .map(clone<T>),
          })),
        count: () => plain('read', () => ({ total: select().length })),
        update: ({ data }) =>
          plain('write', () => {
            let updated = 0
            for (const doc of select()) {
              const next = structuredClone(doc)
              if (applyPatch(next, data)) {
                this.checkUnique(name, next)
                this.committed(name).set(String(next._id), next)
                updated++
              }
            }
            return { stats: { updated } }
          }),
        remove: () =>
          plain('write', () => {
            const found = select()
            for (const doc of found) this.committed(name).delete(String(doc._id))
            return { stats: { removed: found.length } }
          }),
      }
    }
    const aggregate = (stages: Stage[]): Aggregate<T> => ({
      match: (condition) => aggregate([...stages, { match: condition }]),
      group: <R extends { _id: Scalar }>(spec: Record<string, unknown>) =>
        aggregate([...stages, { group: spec }]) as unknown as Aggregate<R>,
      sort: (spec) => aggregate([...stages, { sort: spec }]),
      skip: (count) => aggregate([...stages, { skip: count }]),
      limit: (count) => aggregate([...stages, { limit: count }]),
      end: () => plain('read', () => ({ list: runStages([...this.table(name).values()], stages).map(clone<T>) })),
    })
    const single = this.single<T>(name, plain)
    return { ...query([], [], 0), doc: single.doc, add: single.add, aggregate: () => aggregate([]) }
  }

  async runTransaction<R>(run: (tx: Transaction) => Promise<R>): Promise<R> {
    this.calls.transactions++
    if (this.options.concurrent) return this.concurrentTransaction(run)
    return this.exclusive(async () => {
      const snapshot = new Map([...this.data].map(([name, table]) => [name, structuredClone(table)]))
      const tx: Transaction = {
        collection: <T extends Doc>(name: string) =>
          this.single<T>(name, (kind, step) => {
            this.count(kind)
            return new Promise((resolve) => resolve(step()))
          }),
      }
      try {
        return await this.inTransaction.run(true, () => run(tx))
      } catch (error) {
        this.data = snapshot
        throw error
      }
    })
  }

  private async concurrentTransaction<R>(run: (tx: Transaction) => Promise<R>): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      await new Promise((resolve) => setImmediate(resolve))
      const workspace = new Workspace(this, this.writeSeq)
      const tx: Transaction = {
        collection: <T extends Doc>(name: string) =>
          this.single<T>(
            name,
            async (kind, step) => {
              this.count(kind)
              // Other callers' calls land between this transaction's calls, as over the network.
              await new Promise((resolve) => setImmediate(resolve))
              return step()
            },
            () => workspace.view(name),
          ),
      }
      try {
        const result = await this.inTransaction.run(true, () => run(tx))
        workspace.commit()
        this.attempts.push(attempt)
        return result
      } catch (error) {
        if (isTransactionConflict(error)) this.conflicts++
        if (!isTransactionConflict(error) || attempt >= TRANSACTION_ATTEMPTS) {
          this.attempts.push(attempt)
          throw error
        }
      }
    }
  }

  /** The committed documents of a collection; every write through it is a new version of that document. */
  committed(name: string): TableView {
    const table = this.table(name)
    const bump = (id: string) => this.versions.set(`${name}/${id}`, ++this.writeSeq)
    const view: TableView = {
      get: (id) => table.get(id),
      has: (id) => table.has(id),
      set: (id, doc) => {
        table.set(id, doc)
        bump(id)
        return view as Map<string, Stored>
      },
      delete: (id) => {
        const existed = table.delete(id)
        if (existed) bump(id)
        return existed
      },
    }
    return view
  }

  versionOf(name: string, id: string): number {
    return this.versions.get(`${name}/${id}`) ?? 0
  }

  checkUniqueOf(name: string, doc: Stored) {
    this.checkUnique(name, doc)
  }

  private single<T extends Doc>(
    name: string,
    step: Step,
    view: () => TableView = () => this.committed(name),
  ): TxCollection<T> {
    const table = view
    const doc = (id: string): DocRef<T> => ({
      get: () => step('read', () => ({ data: table().has(id) ? clone<T>(table().get(id) as Stored) : null })),
      update: ({ data }) =>
        step('write', () => {
          const current = table().get(id)
          if (!current) return { stats: { updated: 0 } }
          const next = structuredClone(current)
          const changed = applyPatch(next, data)
          this.checkUnique(name, next)
          table().set(id, next)
          return { stats: { updated: changed ? 1 : 0 } }
        }),
      set: ({ data }) =>
        step('write', () => {
          const next = { ...structuredClone(data as unknown as Stored), _id: id }
          this.checkUnique(name, next)
          table().set(id, next)
          return { _id: id }
        }),
      remove: () => step('write', () => ({ stats: { removed: table().delete(id) ? 1 : 0 } })),
    })
    const add = ({ data }: { data: T }) =>
      step('write', () => {
        const next = structuredClone(data as unknown as Stored)
        const id = typeof next._id === 'string' ? next._id : randomUUID()
        next._id = id
        if (table().has(id)) throw duplicateKey(name, `{ _id: "${id}" }`)
        this.checkUnique(name, next)
        table().set(id, next)
        return { _id: id }
      })
    return { doc, add }
  }

  private checkUnique(name: string, doc: Stored) {
    for (const fields of this.unique[name] ?? []) {
      const key = JSON.stringify(fields.map((field) => doc[field] ?? null))
      for (const other of this.table(name).values()) {
        if (other._id !== doc._id && JSON.stringify(fields.map((field) => other[field] ?? null)) === key) {
          throw duplicateKey(name, `{ ${fields.join(', ')}: ${key} }`)
        }
      }
    }
  }

  private table(name: string): Map<string, Stored> {
    let table = this.data.get(name)
    if (!table) this.data.set(name, (table = new Map()))
    return table
  }

  /** A plain call: waits for any running transaction, after letting other callers interleave. */
  private plain<R>(kind: CallKind, run: () => R): Promise<R> {
    if (this.inTransaction.getStore()) {
      return Promise.reject(new Error('stand-in: plain database call inside runTransaction (use the transaction)'))
    }
    this.count(kind)
    return this.exclusive(() => new Promise<R>((resolve) => resolve(run())))
  }

  private count(kind: CallKind) {
    if (kind === 'read') this.calls.reads++
    else this.calls.writes++
  }

  private exclusive<R>(run: () => Promise<R>): Promise<R> {
    const result = this.lock.then(async () => {
      await new Promise((resolve) => setImmediate(resolve))
      return run()
    })
    this.lock = result.then(
      () => undefined,
      () => undefined,
    )
    return result
  }
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j], copy[i]]
  }
  return copy
}

function clone<T>(doc: Stored): T {
  return structuredClone(doc) as unknown as T
}

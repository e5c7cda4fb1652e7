/**
 * The subset of the `wx-server-sdk` database API (`cloud.database({ throwOnNotFound: false })`)
 * the cloudbase repositories use, typed. The SDK itself is untyped; `cloud-repos.ts` hands its
 * database over as this interface, and tests hand over the in-process stand-in.
 */

declare const queryBrand: unique symbol
declare const updateBrand: unique symbol
declare const accumulatorBrand: unique symbol

/** `_.eq(..)`, `_.lt(..)`, `_.in(..)` … : only ever built by `db.command`. */
export interface QueryOperator {
  readonly [queryBrand]: true
  /** Both conditions on the same field, e.g. `_.gte(from).and(_.lt(to))`. */
  and(other: QueryOperator): QueryOperator
}

/** `_.inc(..)`, `_.remove()`: only ever built by `db.command`. */
export interface UpdateOperator {
  readonly [updateBrand]: true
}

/** `$.sum('$minutes')`, `$.sum(1)`, `$.avg('$stars')`: a group stage's accumulators, built by `db.command.aggregate`. */
export interface Accumulator {
  readonly [accumulatorBrand]: true
}

export interface AggregateCommand {
  /** The sum of a field (`'$field'`) over the group, or a constant per document (`1` counts them). */
  sum(of: string | number): Accumulator
}

export type Scalar = string | number | boolean | null
export type Value = Scalar | Value[] | { [key: string]: Value }

export interface Doc {
  _id: string
}

/** Field -> value (equality; an array field matches when it contains the value) or operator. */
export type Where = Record<string, Scalar | QueryOperator>
export type Patch = Record<string, Value | UpdateOperator>

export interface Command {
  eq(value: Scalar): QueryOperator
  neq(value: Scalar): QueryOperator
  lt(value: string | number): QueryOperator
  lte(value: string | number): QueryOperator
  gt(value: string | number): QueryOperator
  gte(value: string | number): QueryOperator
  in(values: Scalar[]): QueryOperator
  nin(values: Scalar[]): QueryOperator
  /** A whole-document condition, given to `where` alone: matches when any of the conditions does. */
  or(conditions: Where[]): QueryOperator
  inc(by: number): UpdateOperator
  remove(): UpdateOperator
  readonly aggregate: AggregateCommand
}

export interface WriteStats {
  stats: { updated: number }
}

export interface RemoveStats {
  stats: { removed: number }
}

export interface Query<T extends Doc> {
  where(condition: Where | QueryOperator): Query<T>
  orderBy(field: string, direction: 'asc' | 'desc'): Query<T>
  skip(count: number): Query<T>
  /** The server caps a page at 1000 documents (100 when no limit is given). */
  limit(count: number): Query<T>
  get(): Promise<{ data: T[] }>
  count(): Promise<{ total: number }>
  /** Atomic per document: the condition is re-checked as each document is written. */
  update(options: { data: Patch }): Promise<WriteStats>
  remove(): Promise<RemoveStats>
}

/**
 * An aggregation (`collection.aggregate()…end()`, wx-server-sdk 0.8.1 and later): one round trip that
 * returns one document per group, however many documents the match stage meets. The repositories
 * always give a limit: the SDK's default output is small.
 */
export interface Aggregate<T> {
  match(condition: Where): Aggregate<T>
  /** `_id: '$field'` names the grouping field; every other key is an accumulator. */
  group<R extends { _id: Scalar }>(spec: { _id: string } & Record<string, Accumulator | string>): Aggregate<R>
  sort(spec: Record<string, 1 | -1>): Aggregate<T>
  skip(count: number): Aggregate<T>
  limit(count: number): Aggregate<T>
  end(): Promise<{ list: T[] }>
}

export interface DocRef<T extends Doc> {
  /** `data: null` when absent (the database is opened with `throwOnNotFound: false`). */
  get(): Promise<{ data: T | null }>
  update(options: { data: Patch }): Promise<WriteStats>
  /** Replaces the whole document, creating it when absent. */
  set(options: { data: Omit<T, '_id'> }): Promise<unknown>
  remove(): Promise<RemoveStats>
}

export interface Collection<T extends Doc> extends Query<T> {
  doc(id: string): DocRef<T>
  /** Rejects with a duplicate-key error when a document with this `_id` (or unique index key) exists. */
  add(options: { data: T }): Promise<{ _id: string }>
  aggregate(): Aggregate<T>
}

/** Inside a transaction only single-document operations exist (no `where`, no aggregate). */
export interface TxCollection<T extends Doc> {
  doc(id: string): DocRef<T>
  add(options: { data: T }): Promise<{ _id: string }>
}

export interface Transaction {
  collection<T extends Doc>(name: string): TxCollection<T>
}

export interface CloudDb {
  readonly command: Command
  collection<T extends Doc>(name: string): Collection<T>
  /** Commits when `run` resolves, rolls back when it throws; the SDK retries on write conflicts. */
  runTransaction<R>(run: (tx: Transaction) => Promise<R>): Promise<R>
}

/**
 * A unique-index violation. wx-server-sdk reports it as `DATABASE_DUPLICATE_WRITE` or wraps
 * MongoDB's `E11000 duplicate key error` in errCode -502001.
 */
export function isDuplicateKey(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { code, errCode, errMsg, message } = error as Record<string, unknown>
  if (code === 'DATABASE_DUPLICATE_WRITE' || errCode === 'DATABASE_DUPLICATE_WRITE') return true
  if (code === 11000 || errCode === 11000) return true
  return [errMsg, message].some((text) => typeof text === 'string' && /E11000 duplicate key error/.test(text))
}

/** Adds the document; `false` when that `_id` (or unique key) is already taken. */
export async function addOnce<T extends Doc>(collection: TxCollection<T>, data: T): Promise<boolean> {
  try {
    await collection.add({ data })
    return true
  } catch (error) {
    if (isDuplicateKey(error)) return false
    throw error
  }
}

const PAGE = 1000

/**
 * Every document the query matches. One page needs no order; past a page the database may return
 * an unsorted query in a different order for each page, so pages could skip or repeat documents:
 * it is read again in `_id` order (after any sort the query has), a page at a time.
 */
export async function readAll<T extends Doc>(query: Query<T>): Promise<T[]> {
  const { data: first } = await query.limit(PAGE).get()
  if (first.length < PAGE) return first
  const all: T[] = []
  const ordered = query.orderBy('_id', 'asc')
  for (;;) {
    const { data } = await ordered.skip(all.length).limit(PAGE).get()
    all.push(...data)
    if (data.length < PAGE) return all
  }
}

/** The documents with these ids (nulls and repeats ignored), by id. */
export async function byIds<T extends Doc>(
  db: CloudDb,
  collection: string,
  ids: (string | null)[],
  where: Where = {},
): Promise<Map<string, T>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))]
  if (unique.length === 0) return new Map()
  const docs = await readAll(db.collection<T>(collection).where({ ...where, _id: db.command.in(unique) }))
  return new Map(docs.map((doc) => [doc._id, doc]))
}

const CONFLICT_CODE = 'DATABASE_TRANSACTION_CONFLICT'
/** Attempts beyond the SDK's own retries, for a document many callers write at once. */
const PATIENT_ATTEMPTS = 8

const isTransactionConflict = (error: unknown) =>
  error instanceof Error &&
  ((error as { errCode?: unknown }).errCode === CONFLICT_CODE || error.message.includes(CONFLICT_CODE))

/**
 * A transaction on a document several people may write in the same moment (a volunteer's day
 * total): the SDK gives up after three conflicts, so it is run again after a short random wait.
 */
export async function runTransactionPatiently<R>(db: CloudDb, run: (tx: Transaction) => Promise<R>): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.runTransaction(run)
    } catch (error) {
      if (!isTransactionConflict(error) || attempt >= PATIENT_ATTEMPTS) throw error
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt))
    }
  }
}

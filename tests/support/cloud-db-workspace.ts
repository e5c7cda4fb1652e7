import type { Value } from '../../src/cloud/storage/cloudbase/db'

// The stand-in's concurrent mode (cloud-db-stand-in.ts): a transaction's private workspace and the
// conflict it ends in, as the WeChat cloud database's optimistic transactions behave.

export type Stored = Record<string, Value>

/** Where single-document operations read and write: the committed data, or a transaction's workspace. */
export type TableView = Pick<Map<string, Stored>, 'get' | 'has' | 'set' | 'delete'>

/** What a workspace needs of the database: its committed documents and their versions. */
export interface CommittedData {
  committed(name: string): TableView
  versionOf(name: string, id: string): number
  checkUniqueOf(name: string, doc: Stored): void
}
/** As wx-server-sdk's `runTransaction(callback, times = 3)`: attempts in all before a conflict surfaces. */
export const TRANSACTION_ATTEMPTS = 3

/** The shape of the database's write-conflict error. */
export function transactionConflict(collection: string, id: string): Error {
  return Object.assign(
    new Error(`DATABASE_TRANSACTION_CONFLICT: ${collection}/${id} changed since the transaction began`),
    {
      errCode: 'DATABASE_TRANSACTION_CONFLICT',
      errMsg: 'database request fail: transaction conflict',
    },
  )
}

export const isTransactionConflict = (error: unknown) =>
  typeof error === 'object' &&
  error !== null &&
  (error as { errCode?: unknown }).errCode === 'DATABASE_TRANSACTION_CONFLICT'

/** One attempt of a concurrent transaction: what it saw (the version of each document) and what it will write. */
export class Workspace {
  private readonly seen = new Map<string, number>()
  private readonly pending = new Map<string, Map<string, Stored | null>>()

  constructor(
    private readonly db: CommittedData,
    private readonly began: number,
  ) {}

  view(name: string): TableView {
    const own = () => this.pending.get(name) ?? this.pending.set(name, new Map()).get(name)!
    const current = (id: string) => {
      this.touch(name, id)
      return own().has(id) ? (own().get(id) ?? undefined) : this.db.committed(name).get(id)
    }
    const view: TableView = {
      get: current,
      has: (id) => current(id) !== undefined,
      set: (id, doc) => {
        this.touch(name, id)
        own().set(id, doc)
        return view as Map<string, Stored>
      },
      delete: (id) => {
        const existed = current(id) !== undefined
        own().set(id, null)
        return existed
      },
    }
    return view
  }

  /** Conflicts once a document this transaction touches has been written by someone else since it began. */
  private touch(name: string, id: string) {
    const key = `${name}/${id}`
    if (this.db.versionOf(name, id) > this.began) throw transactionConflict(name, id)
    this.seen.set(key, this.db.versionOf(name, id))
  }

  /** Re-checks everything touched, then applies every write at once: nothing can interleave. */
  commit() {
    for (const key of this.seen.keys()) {
      const [name, id] = key.split('/')
      if (this.db.versionOf(name, id) > this.began) throw transactionConflict(name, id)
    }
    for (const [name, docs] of this.pending) {
      for (const doc of docs.values()) if (doc) this.db.checkUniqueOf(name, doc)
      const table = this.db.committed(name)
      for (const [id, doc] of docs) {
        if (doc) table.set(id, doc)
        else table.delete(id)
      }
    }
  }
}

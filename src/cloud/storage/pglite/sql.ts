import { PGlite, type Transaction } from '@electric-sql/pglite'
import { TurnQueue } from './turns'

/** The slice of PostgreSQL the repositories use; inside a transaction it is the transaction. */
export interface Sql {
  query<T>(text: string, params?: unknown[]): Promise<T[]>
  exec(text: string): Promise<void>
  transaction<T>(run: (tx: Sql) => Promise<T>): Promise<T>
}

function wrapTransaction(tx: Transaction): Sql {
  const sql: Sql = {
    query: async <T>(text: string, params?: unknown[]) => (await tx.query<T>(text, params)).rows,
    exec: async (text) => void (await tx.exec(text)),
    transaction: (run) => run(sql),
  }
  return sql
}

/** A statement or a whole transaction is one job of the turn queue; a transaction's own statements never queue again. */
export function wrapDatabase(db: PGlite): Sql {
  const turns = new TurnQueue()
  return {
    query: <T>(text: string, params?: unknown[]) => turns.run(async () => (await db.query<T>(text, params)).rows),
    exec: (text) => turns.run(async () => void (await db.exec(text))),
    transaction: (run) => turns.run(() => db.transaction((tx) => run(wrapTransaction(tx)))),
  }
}

const UNIQUE_VIOLATION = '23505'

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNIQUE_VIOLATION
}

export function iso(value: Date | string | null): string | null {
  if (value === null) return null
  return (value instanceof Date ? value : new Date(value)).toISOString()
}

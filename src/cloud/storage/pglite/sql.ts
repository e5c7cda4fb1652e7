import { PGlite, type Transaction } from '@electric-sql/pglite'

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

export function wrapDatabase(db: PGlite): Sql {
  return {
    query: async <T>(text: string, params?: unknown[]) => (await db.query<T>(text, params)).rows,
    exec: async (text) => void (await db.exec(text)),
    transaction: (run) => db.transaction((tx) => run(wrapTransaction(tx))),
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

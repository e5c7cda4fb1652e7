import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Sql } from './sql'

const MIGRATIONS_DIR = join(__dirname, 'migrations')

/**
 * Applies `migrations/NNN_name.sql` in order, each in its own transaction, once.
 * Areas own number ranges (identity 0xx, survey 1xx, feedback 2xx, volunteer 3xx, study 4xx, staffSurvey 5xx).
 */
export async function migrate(sql: Sql, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  await sql.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  )
  const applied = new Set(
    (await sql.query<{ name: string }>('SELECT name FROM schema_migrations')).map((row) => row.name),
  )
  const pending = readdirSync(dir)
    .filter((file) => /^\d{3}_[\w-]+\.sql$/.test(file) && !applied.has(file))
    .sort()
  for (const file of pending) {
    await sql.transaction(async (tx) => {
      await tx.exec(readFileSync(join(dir, file), 'utf8'))
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file])
    })
  }
  return pending
}

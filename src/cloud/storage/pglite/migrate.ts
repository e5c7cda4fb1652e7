import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Sql } from './sql'
import { seedLexicon } from './voice-repo'

const MIGRATIONS_DIR = join(__dirname, 'migrations')

/** Data migrations whose data lives in TypeScript, applied in name order with the SQL files, once each. */
const CODE_MIGRATIONS: Record<string, (tx: Sql) => Promise<void>> = {
  '511_voice_lexicon_seed_rows': seedLexicon,
}

/**
 * Applies `migrations/NNN_name.sql` and the code migrations in name order, each in its own transaction, once.
 * Areas own number ranges (identity 0xx, survey 1xx, feedback 2xx, volunteer 3xx, study 4xx, staffSurvey 5xx).
 */
export async function migrate(
  sql: Sql,
  dir: string = MIGRATIONS_DIR,
  code: Record<string, (tx: Sql) => Promise<void>> = CODE_MIGRATIONS,
): Promise<string[]> {
  await sql.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  )
  const applied = new Set(
    (await sql.query<{ name: string }>('SELECT name FROM schema_migrations')).map((row) => row.name),
  )
  const files = readdirSync(dir).filter((file) => /^\d{3}_[\w-]+\.sql$/.test(file))
  const pending = [...files, ...Object.keys(code)].filter((name) => !applied.has(name)).sort()
  for (const name of pending) {
    await sql.transaction(async (tx) => {
      const step = code[name]
      if (step) await step(tx)
      else await tx.exec(readFileSync(join(dir, name), 'utf8'))
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name])
    })
  }
  return pending
}

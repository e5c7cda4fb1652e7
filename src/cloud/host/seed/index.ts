import type { Sql } from '../../storage/pglite/sql'
import { seedFeedback } from './feedback'
import { seedIdentity } from './identity'
import { seedStudy } from './study'
import { seedSurvey } from './survey'
import { seedVolunteer } from './volunteer'

/**
 * `base`: departments, roster and demo users (what tests start from).
 * `demo`: base plus months of history so every board has something to show.
 */
export type SeedMode = 'none' | 'base' | 'demo'

type AreaSeed = (sql: Sql, now: Date, mode: Exclude<SeedMode, 'none'>) => Promise<void>

const AREA_SEEDS: AreaSeed[] = [seedIdentity, seedSurvey, seedVolunteer, seedFeedback, seedStudy]

/** Seeds an empty database once; a database that has departments is left as it is. */
export async function seedIfEmpty(sql: Sql, mode: SeedMode, now: Date): Promise<boolean> {
  if (mode === 'none') return false
  const [{ count }] = await sql.query<{ count: number }>('SELECT count(*)::int AS count FROM departments')
  if (count > 0) return false
  for (const seed of AREA_SEEDS) await seed(sql, now, mode)
  return true
}

import { PGlite } from '@electric-sql/pglite'
import type { Repos } from '../../domain/repos'
import { createFeedbackRepo } from './feedback-repo'
import { createIdentityRepo } from './identity-repo'
import { migrate } from './migrate'
import { earlyPgliteModule } from './wasm'
import { createPersonalDataRepo } from './personal-data'
import { createPlatformRepo } from './platform-repo'
import { createStaffSurveyRepo } from './staff-survey-repo'
import { createStudyRepo } from './study-repo'
import { BoardChanges, createSurveyRepo, SURVEY_BOARD_CHANGED } from './survey-repo'
import { createVolunteerRepo } from './volunteer-repo'
import { createVoiceRepo } from './voice-repo'
import { wrapDatabase, type Sql } from './sql'
import { PROFILES_CHANGED, USERS_CHANGED, UserCache } from './user-cache'

export interface PgliteStore {
  sql: Sql
  repos: Repos
  /** The migrations this open applied. */
  migrated: string[]
  close(): Promise<void>
}

export function createPgliteRepos(sql: Sql, users: UserCache, boardChanges: BoardChanges): Repos {
  return {
    platform: createPlatformRepo(sql),
    identity: createIdentityRepo(sql, users),
    feedback: createFeedbackRepo(sql),
    survey: createSurveyRepo(sql, boardChanges),
    volunteer: createVolunteerRepo(sql),
    study: createStudyRepo(sql),
    staffSurvey: createStaffSurveyRepo(sql),
    personalData: createPersonalDataRepo(sql),
    voice: createVoiceRepo(sql),
  }
}

/**
 * PostgreSQL's default 128 MB of shared buffers is WebAssembly memory PGlite grows and fills at
 * every start, most of a start on a seeded data directory: PGlite.create on the seeded host
 * directory, median of 5 at load ~15 on 2 cores, 3.1 s with 128 MB, 2.3 s with 64 MB, 1.6 s with
 * 32 MB. 32 MB made a full scan of a 61 MB table 1.5-2x slower, 64 MB did not, so 64 MB: the seeded
 * directory's tables (41 MB in all) and the counters stay in buffers.
 *
 * The filling was Emscripten's anonymous mmap zeroing the segment with a WebAssembly memset, which
 * runs on V8's baseline compiler: about 0.4 s of CPU for 64 MB. A System V segment is zeroed by a
 * native fill instead, the same memory for the same buffers (`npm run bench host-start` prints
 * both starts and both scans).
 */
export const PGLITE_START_PARAMS = [
  ...PGlite.defaultStartParams,
  '-c',
  'shared_buffers=64MB',
  '-c',
  'shared_memory_type=sysv',
]

/**
 * Opens (creating if needed) a file-backed database; `undefined` keeps it in memory. `done` hears
 * each step as it ends, for the host's start timings.
 */
export async function openPgliteStore(
  dataDir: string | undefined,
  done: (step: string) => void = () => {},
): Promise<PgliteStore> {
  const db = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    startParams: PGLITE_START_PARAMS,
    pgliteWasmModule: await earlyPgliteModule(),
  })
  done('PGlite WASM + postgres on the data directory')
  const sql = wrapDatabase(db)
  const migrated = await migrate(sql)
  done('migrations check')
  const users = new UserCache()
  await db.listen(USERS_CHANGED, (openid) => users.forget(openid))
  await db.listen(PROFILES_CHANGED, () => users.forgetProfiles())
  const boardChanges = new BoardChanges()
  await db.listen(SURVEY_BOARD_CHANGED, () => boardChanges.bump())
  done('cache listeners')
  return { sql, repos: createPgliteRepos(sql, users, boardChanges), migrated, close: () => db.close() }
}

/**
 * PGlite runs no autovacuum, so without statistics the planner picks slow plans. Statistics are kept
 * in the data directory, so a start pays for ANALYZE (seconds on a seeded directory) only when it
 * migrated or seeded, or when the directory has none yet.
 */
export async function analyzeIfNeeded(store: PgliteStore, seeded: boolean): Promise<boolean> {
  // pg_statistic itself: the pg_stats view checks privileges column by column, ~0.1 s of a start.
  const known = await store.sql.query(
    "SELECT 1 FROM pg_statistic s JOIN pg_class c ON c.oid = s.starelid WHERE c.relnamespace = 'public'::regnamespace LIMIT 1",
  )
  if (!seeded && store.migrated.length === 0 && known.length > 0) return false
  await store.sql.query('ANALYZE')
  return true
}

import { PGlite } from '@electric-sql/pglite'
import type { Repos } from '../repos'
import { createFeedbackRepo } from './feedback-repo'
import { createIdentityRepo } from './identity-repo'
import { migrate } from './migrate'
import { createPersonalDataRepo } from './personal-data'
import { createPlatformRepo } from './platform-repo'
import { createStudyRepo } from './study-repo'
import { createSurveyRepo } from './survey-repo'
import { createVolunteerRepo } from './volunteer-repo'
import { createVoiceRepo } from './voice-repo'
import { wrapDatabase, type Sql } from './sql'

export interface PgliteStore {
  sql: Sql
  repos: Repos
  close(): Promise<void>
}

export function createPgliteRepos(sql: Sql): Repos {
  return {
    platform: createPlatformRepo(sql),
    identity: createIdentityRepo(sql),
    feedback: createFeedbackRepo(sql),
    survey: createSurveyRepo(sql),
    volunteer: createVolunteerRepo(sql),
    study: createStudyRepo(sql),
    personalData: createPersonalDataRepo(sql),
    voice: createVoiceRepo(sql),
  }
}

/** Opens (creating if needed) a file-backed database; `undefined` keeps it in memory. */
export async function openPgliteStore(dataDir: string | undefined): Promise<PgliteStore> {
  const db = await PGlite.create(dataDir ? { dataDir } : {})
  const sql = wrapDatabase(db)
  await migrate(sql)
  return { sql, repos: createPgliteRepos(sql), close: () => db.close() }
}

import { openPgliteStore } from '../pglite'
import type { QuestionnaireDoc } from './survey-repo'

/**
 * The questionnaire versions the SQL migrations define, as cloud documents: the migrations stay
 * the one source of questionnaire content for both databases. Runs an in-memory PGlite (seconds:
 * a whole initdb), once per process, so it is for the setup script and tests, never for a deployed
 * function. Each caller gets its own copy.
 */
export async function migratedQuestionnaires(): Promise<QuestionnaireDoc[]> {
  migrated ??= readMigratedQuestionnaires()
  migrated.catch(() => (migrated = undefined))
  return structuredClone(await migrated)
}

let migrated: Promise<QuestionnaireDoc[]> | undefined

async function readMigratedQuestionnaires(): Promise<QuestionnaireDoc[]> {
  const store = await openPgliteStore(undefined)
  try {
    const rows = await store.sql.query<Omit<QuestionnaireDoc, '_id'>>(
      `SELECT id, version, visit_type AS "visitType", title, items, active FROM survey_questionnaires ORDER BY id, version`,
    )
    return rows.map((row) => ({ _id: `${row.id}@${row.version}`, ...row }))
  } finally {
    await store.close()
  }
}

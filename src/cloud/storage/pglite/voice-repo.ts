import type { CustomLexiconEntry } from '../../../contract'
import type { VoiceRepo } from '../../domain/voice/repo'
import type { Sql } from './sql'

const BUMP = 'UPDATE voice_lexicon_version SET version = version + 1'

export function createVoiceRepo(sql: Sql): VoiceRepo {
  return {
    async customLexicon() {
      const rows = await sql.query<Omit<CustomLexiconEntry, 'updatedAt'> & { updatedAt: Date }>(
        `SELECT phrase, kind, theme, weight, enabled, updated_at AS "updatedAt"
         FROM voice_lexicon ORDER BY updated_at DESC, phrase`,
      )
      return rows.map((row) => ({ ...row, updatedAt: new Date(row.updatedAt).toISOString() }))
    },

    async saveLexiconEntry(draft, at) {
      await sql.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO voice_lexicon (phrase, kind, theme, weight, enabled, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (phrase) DO UPDATE SET kind = $2, theme = $3, weight = $4, enabled = $5, updated_at = $6`,
          [draft.phrase, draft.kind, draft.theme, draft.weight, draft.enabled, at.toISOString()],
        )
        await tx.query(BUMP)
      })
    },

    async removeLexiconEntry(phrase) {
      return sql.transaction(async (tx) => {
        const removed = await tx.query('DELETE FROM voice_lexicon WHERE phrase = $1 RETURNING phrase', [phrase])
        if (removed.length === 0) return false
        await tx.query(BUMP)
        return true
      })
    },

    async lexiconVersion() {
      const [row] = await sql.query<{ version: number }>('SELECT version FROM voice_lexicon_version')
      return row.version
    },
  }
}

import type { CustomLexiconEntry, LexiconEntry, Tagging, TaggedSource } from '../../../contract'
import { BUILT_IN_LEXICON } from '../../domain/voice/builtin-lexicon'
import { textKey, type BackfillCursor, type StoredTags, type TagTarget, type VoiceRepo } from '../../domain/voice/repo'
import type { Sql } from './sql'

const TARGET_COLUMNS = `t.source, t.source_id AS "sourceId", t.department_id AS "departmentId", t.month, t.visit_type AS "visitType"`

const BUMP = 'UPDATE voice_lexicon_version SET version = version + 1'

/** An older tagging that arrives late (a slow submit racing the re-tag sweep) loses to the newer one. */
export async function writeTags(sql: Sql, target: TagTarget, tagging: Tagging, version: number) {
  await sql.query(
    `INSERT INTO voice_tags (source, source_id, department_id, month, visit_type, version, tagging)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (source, source_id) DO UPDATE SET version = $6, tagging = $7 WHERE voice_tags.version <= $6`,
    [target.source, target.sourceId, target.departmentId, target.month, target.visitType, version, tagging],
  )
}

/** Migration 511: the built-in lexicon, as rows, in one statement. */
export async function seedLexicon(tx: Sql, entries: readonly LexiconEntry[] = BUILT_IN_LEXICON) {
  await tx.query(
    `INSERT INTO voice_lexicon_seed (phrase, kind, theme, weight)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[])`,
    [
      entries.map((e) => e.phrase),
      entries.map((e) => e.kind),
      entries.map((e) => e.theme),
      entries.map((e) => e.weight),
    ],
  )
}

/**
 * Every text with no tags, keyed in scan order: complaints and praise (`f:` and the id), then survey
 * comments (`s:` and the id, zero-padded so the keys sort as the numbers do). Compared byte-wise.
 */
const UNTAGGED = `
  SELECT 'f:' || f.id::text AS key, f.kind AS source, f.id::text AS "sourceId", f.department_id AS "departmentId",
         f.month, NULL::text AS "visitType", f.body AS text
  FROM feedback_items f
  WHERE NOT EXISTS (SELECT 1 FROM voice_tags t WHERE t.source = f.kind AND t.source_id = f.id::text)
  UNION ALL
  SELECT 's:' || lpad(r.id::text, 20, '0'), 'survey', r.id::text, r.department_id, r.month, r.visit_type, r.comment
  FROM survey_responses r
  WHERE r.comment <> '' AND NOT EXISTS (SELECT 1 FROM voice_tags t WHERE t.source = 'survey' AND t.source_id = r.id::text)`

export function createVoiceRepo(sql: Sql): VoiceRepo {
  return {
    async seededLexicon() {
      return sql.query<LexiconEntry>('SELECT phrase, kind, theme, weight FROM voice_lexicon_seed ORDER BY phrase')
    },

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

    async saveTags(target, tagging, version) {
      await writeTags(sql, target, tagging, version)
    },

    async staleTags(version, limit) {
      const rows = await sql.query<TagTarget & { text: string }>(
        `SELECT ${TARGET_COLUMNS}, COALESCE(f.body, r.comment, '') AS text
         FROM voice_tags t
         LEFT JOIN feedback_items f ON t.source IN ('complaint', 'praise') AND f.id::text = t.source_id
         LEFT JOIN survey_responses r ON t.source = 'survey' AND r.id::text = t.source_id
         WHERE t.version < $1 ORDER BY t.version, t.month DESC LIMIT $2`,
        [version, limit],
      )
      return rows.map(({ text, ...target }) => ({ target, text }))
    },

    async untaggedTexts(after, limit) {
      const rows = await sql.query<TagTarget & { key: string; text: string }>(
        `SELECT * FROM (${UNTAGGED}) u WHERE $1::text IS NULL OR u.key COLLATE "C" > $1
         ORDER BY u.key COLLATE "C" LIMIT $2`,
        [after, limit],
      )
      const texts = rows.map(({ key: _key, text, ...target }) => ({ target, text }))
      return { texts, next: rows.length < limit ? null : rows[rows.length - 1].key }
    },

    async backfillCursor() {
      const [row] = await sql.query<{ backfill: BackfillCursor | null }>('SELECT backfill FROM voice_lexicon_version')
      return row.backfill
    },

    async saveBackfillCursor(cursor) {
      await sql.query('UPDATE voice_lexicon_version SET backfill = $1', [cursor])
    },

    async tagsOf(source, ids) {
      const rows = await sql.query<StoredTags>(
        `SELECT ${TARGET_COLUMNS}, t.tagging FROM voice_tags t WHERE t.source = $1 AND t.source_id = ANY($2::text[])`,
        [source, ids],
      )
      return new Map(rows.map((row) => [row.sourceId, row]))
    },

    async textsOf(targets) {
      const ids = (feedback: boolean) =>
        targets.filter((t) => (t.source !== 'survey') === feedback).map((t) => t.sourceId)
      const rows = await sql.query<{ source: TaggedSource; sourceId: string; text: string }>(
        `SELECT kind AS source, id::text AS "sourceId", body AS text FROM feedback_items WHERE id::text = ANY($1::text[])
         UNION ALL
         SELECT 'survey', id::text, COALESCE(comment, '') FROM survey_responses WHERE id::text = ANY($2::text[])`,
        [ids(true), ids(false)],
      )
      return new Map(rows.map((row) => [textKey(row), row.text]))
    },

    async tagsIn({ from, to, departmentId }) {
      return sql.query<StoredTags>(
        `SELECT ${TARGET_COLUMNS}, t.tagging FROM voice_tags t
         WHERE t.month BETWEEN $1 AND $2 AND ($3::uuid IS NULL OR t.department_id = $3)
         ORDER BY t.month, t.source, t.source_id`,
        [from, to, departmentId],
      )
    },
  }
}

import type { CampaignRecord, ItemCounts, StaffSurveyRepo, Tally } from '../../domain/staff-survey/repo'
import type { Sql } from './sql'

/** A 5-point score's place in ItemCounts; 不适用 (JSON null) takes the sixth. */
const SCORE_SLOTS = new Map(['1', '2', '3', '4', '5'].map((score, i) => [score, i]))

const STAFF = `roles && ARRAY['staff', 'manager', 'admin']`

const CAMPAIGN_SELECT = `
  SELECT id, title, to_char(opens_on, 'YYYY-MM-DD') AS "opensOn", to_char(closes_on, 'YYYY-MM-DD') AS "closesOn",
         questionnaire_version AS "questionnaireVersion", invited
  FROM staff_survey_campaigns`

export function createStaffSurveyRepo(sql: Sql): StaffSurveyRepo {
  return {
    async createCampaign(fields, createdBy, at) {
      return sql.transaction(async (tx) => {
        const [campaign] = await tx.query<CampaignRecord>(
          `INSERT INTO staff_survey_campaigns (title, opens_on, closes_on, questionnaire_version, invited, created_by, created_at)
           SELECT $1, $2, $3, $4,
                  COALESCE((SELECT jsonb_object_agg(department, n) FROM (
                    SELECT COALESCE(department_id::text, '') AS department, count(*) AS n
                    FROM users WHERE ${STAFF} GROUP BY 1) g), '{}'),
                  $5, $6
           RETURNING id, title, to_char(opens_on, 'YYYY-MM-DD') AS "opensOn",
                     to_char(closes_on, 'YYYY-MM-DD') AS "closesOn",
                     questionnaire_version AS "questionnaireVersion", invited`,
          [fields.title, fields.opensOn, fields.closesOn, fields.questionnaireVersion, createdBy, at],
        )
        const invitees = await tx.query<{ id: string }>(`SELECT id FROM users WHERE ${STAFF} ORDER BY id`)
        return { campaign, invitees: invitees.map((row) => row.id) }
      })
    },

    async listCampaigns() {
      return sql.query<CampaignRecord>(`${CAMPAIGN_SELECT} ORDER BY opens_on DESC, created_at DESC LIMIT 200`)
    },

    async findCampaign(id) {
      const [row] = await sql.query<CampaignRecord>(`${CAMPAIGN_SELECT} WHERE id = $1`, [id])
      return row ?? null
    },

    async responseCounts(campaignIds) {
      const rows = await sql.query<{ campaignId: string; responses: number }>(
        `SELECT campaign_id AS "campaignId", count(*)::int AS responses FROM staff_survey_answers
         WHERE campaign_id = ANY ($1::uuid[]) GROUP BY campaign_id`,
        [campaignIds],
      )
      return new Map(rows.map((row) => [row.campaignId, row.responses]))
    },

    async answeredBy(userId, campaignIds) {
      const rows = await sql.query<{ campaignId: string }>(
        `SELECT campaign_id AS "campaignId" FROM staff_survey_answered WHERE user_id = $1 AND campaign_id = ANY ($2::uuid[])`,
        [userId, campaignIds],
      )
      return new Set(rows.map((row) => row.campaignId))
    },

    async markAnswered(campaignId, userId) {
      const rows = await sql.query(
        'INSERT INTO staff_survey_answered (campaign_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1',
        [campaignId, userId],
      )
      return rows.length > 0
    },

    async unmarkAnswered(campaignId, userId) {
      await sql.query('DELETE FROM staff_survey_answered WHERE campaign_id = $1 AND user_id = $2', [campaignId, userId])
    },

    async addAnswer(answer) {
      await sql.query(
        `INSERT INTO staff_survey_answers (campaign_id, department_id, questionnaire_version, answers, recommend, comment,
           submitted_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          answer.campaignId,
          answer.departmentId,
          answer.questionnaireVersion,
          JSON.stringify(answer.answers),
          answer.recommend,
          answer.comment,
          answer.submittedOn,
        ],
      )
    },

    // The answers' statement trigger counts in the answer's own write (migration 502): nothing waits.
    rollUpCounts: async () => 0,

    // Two grouped passes: the answers per campaign and department, then each item's scores from one
    // expansion of every answer (a count per score and 不适用), rather than 6 filters per item per row.
    async tallies(campaignIds, departmentId, itemIds) {
      // The counts the answers' trigger keeps (migration 502), and the comments of the answers that have one.
      const scope = `campaign_id = ANY ($1::uuid[]) AND ($2::uuid IS NULL OR department_id = $2)`
      const groups = await sql.query<Omit<Tally, 'items'>>(
        `SELECT t.campaign_id AS "campaignId", t.department_id AS "departmentId", t.responses,
                t.recommend_sum AS "recommendSum", COALESCE(c.comments, '{}') AS comments
         FROM staff_survey_tallies t
         LEFT JOIN (SELECT campaign_id, department_id, array_agg(comment ORDER BY id) AS comments
                    FROM staff_survey_answers WHERE ${scope} AND comment IS NOT NULL GROUP BY 1, 2) c
           ON c.campaign_id = t.campaign_id AND c.department_id IS NOT DISTINCT FROM t.department_id
         WHERE t.campaign_id = ANY ($1::uuid[]) AND ($2::uuid IS NULL OR t.department_id = $2)`,
        [campaignIds, departmentId],
      )
      const scores = await sql.query<{
        campaignId: string
        departmentId: string | null
        itemId: string
        value: string | null
        count: number
      }>(
        `SELECT campaign_id AS "campaignId", department_id AS "departmentId", item_id AS "itemId", score AS value, count
         FROM staff_survey_item_counts
         WHERE ${scope} AND item_id = ANY ($3::text[])`,
        [campaignIds, departmentId, itemIds],
      )
      const key = (campaignId: string, department: string | null) => `${campaignId}:${department ?? ''}`
      const counted = new Map<string, Record<string, ItemCounts>>()
      for (const row of scores) {
        const slot = row.value === null ? 5 : SCORE_SLOTS.get(row.value)
        if (slot === undefined) continue
        const items = counted.get(key(row.campaignId, row.departmentId)) ?? {}
        const counts = (items[row.itemId] ??= [0, 0, 0, 0, 0, 0])
        counts[slot] += row.count
        counted.set(key(row.campaignId, row.departmentId), items)
      }
      return groups.map((tally) => {
        const items = counted.get(key(tally.campaignId, tally.departmentId)) ?? {}
        return {
          ...tally,
          items: Object.fromEntries(itemIds.map((id): [string, ItemCounts] => [id, items[id] ?? [0, 0, 0, 0, 0, 0]])),
        }
      })
    },
  }
}

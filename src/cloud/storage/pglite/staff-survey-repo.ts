import type { CampaignRecord, ItemCounts, StaffSurveyRepo, Tally } from '../../domain/staff-survey/repo'
import type { Sql } from './sql'

const STAFF = `roles && ARRAY['staff', 'manager', 'admin']`

const CAMPAIGN_SELECT = `
  SELECT id, title, to_char(opens_on, 'YYYY-MM-DD') AS "opensOn", to_char(closes_on, 'YYYY-MM-DD') AS "closesOn",
         questionnaire_version AS "questionnaireVersion", invited
  FROM staff_survey_campaigns`

interface ItemRow {
  campaignId: string
  departmentId: string | null
  itemId: string
  counts: ItemCounts
}

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

    async tallies(campaignIds, departmentId) {
      const params = [campaignIds, departmentId]
      const scope = `campaign_id = ANY ($1::uuid[]) AND ($2::uuid IS NULL OR department_id = $2)`
      const groups = await sql.query<Omit<Tally, 'items'>>(
        `SELECT campaign_id AS "campaignId", department_id AS "departmentId", count(*)::int AS responses,
                sum(recommend)::int AS "recommendSum",
                COALESCE(array_agg(comment ORDER BY id) FILTER (WHERE comment IS NOT NULL), '{}') AS comments
         FROM staff_survey_answers WHERE ${scope} GROUP BY campaign_id, department_id`,
        params,
      )
      const items = await sql.query<ItemRow>(
        `SELECT campaign_id AS "campaignId", department_id AS "departmentId", e.key AS "itemId",
                ARRAY[count(*) FILTER (WHERE e.value = '1'), count(*) FILTER (WHERE e.value = '2'),
                      count(*) FILTER (WHERE e.value = '3'), count(*) FILTER (WHERE e.value = '4'),
                      count(*) FILTER (WHERE e.value = '5'), count(*) FILTER (WHERE e.value = 'null')]::int[] AS counts
         FROM staff_survey_answers a, jsonb_each(a.answers) e
         WHERE ${scope} GROUP BY campaign_id, department_id, e.key`,
        params,
      )
      const key = (row: { campaignId: string; departmentId: string | null }) =>
        `${row.campaignId}|${row.departmentId ?? ''}`
      const byGroup = new Map(groups.map((group): [string, Tally] => [key(group), { ...group, items: {} }]))
      for (const row of items) {
        const tally = byGroup.get(key(row))
        if (tally) tally.items[row.itemId] = row.counts
      }
      return [...byGroup.values()]
    },
  }
}

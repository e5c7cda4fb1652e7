import type { AlertFilter, Improvement, QuestionnaireItem, VisitType } from '../../../contract'
import { labelsByType, monthCountsByType } from '../../domain/survey/figures'
import type {
  AlertRecord,
  ItemCounts,
  MonthCounts,
  QuestionnaireRecord,
  SurveyRepo,
  VisitRecord,
} from '../../domain/survey/repo'
import { writeTags } from './voice-repo'
import { iso, selectAsJson, type Sql } from './sql'

interface QuestionnaireRow {
  id: string
  version: number
  visitType: VisitType
  title: string
  items: QuestionnaireItem[]
}

const QUESTIONNAIRE_COLUMNS = `id, version, visit_type AS "visitType", title, items`

interface CounterRow {
  departmentId: string
  month: string
  visitType: VisitType
  itemId: string
  n1: number
  n2: number
  n3: number
  n4: number
  n5: number
  na: number
}

const COUNTER_COLUMNS = `department_id AS "departmentId", month, visit_type AS "visitType", item_id AS "itemId",
  n1, n2, n3, n4, n5, na`

const toCounts = (row: CounterRow): ItemCounts => ({
  departmentId: row.departmentId,
  month: row.month,
  visitType: row.visitType,
  itemId: row.itemId,
  scores: [row.n1, row.n2, row.n3, row.n4, row.n5],
  notApplicable: row.na,
})

type AlertRow = Omit<AlertRecord, 'history'> & {
  history: (Omit<AlertRecord['history'][number], 'at'> & { at: string })[] | null
}

const ALERT_SELECT = `
  SELECT a.id, a.department_id AS "departmentId", d.name AS "departmentName", r.visit_type AS "visitType",
         r.month, a.status, to_char(a.created_on, 'YYYY-MM-DD') AS "createdOn", a.contact_phone AS "contactPhone", r.overall::int AS overall, r.recommend::int AS recommend,
         r.comment, r.answers,
         (SELECT jsonb_object_agg(item->>'id', item->>'label') FROM survey_questionnaires q, jsonb_array_elements(q.items) item
          WHERE q.id = r.questionnaire_id AND q.version = r.questionnaire_version) AS "itemLabels",
         (SELECT json_agg(json_build_object('kind', e.kind, 'action', e.action, 'note', e.note,
                   'actorName', e.actor_name, 'at', e.at) ORDER BY e.id)
          FROM survey_alert_events e WHERE e.alert_id = a.id) AS history
  FROM survey_alerts a JOIN survey_responses r ON r.id = a.response_id JOIN departments d ON d.id = a.department_id`

const toAlert = (row: AlertRow): AlertRecord => ({
  ...row,
  history: (row.history ?? []).map((e) => ({ ...e, at: iso(e.at) ?? '' })),
})

/** Improvements read from `source`: the table, or the rows an INSERT just returned. */
const improvementsFrom = (source: string) => `
  SELECT i.id, i.department_id AS "departmentId", d.name AS "departmentName", i.said, i.did,
         to_char(i.published_on, 'YYYY-MM-DD') AS "publishedOn"
  FROM ${source} i JOIN departments d ON d.id = i.department_id`

/** The channel `106_survey_board_notify.sql` notifies on every change the 满意度公示 board shows. */
export const SURVEY_BOARD_CHANGED = 'survey_board_changed'

/**
 * The board's version: a count of those notifications. Only this process writes the database, and
 * PGlite delivers a notification before the writing statement's promise resolves, so a board built
 * before a change never carries the count after it.
 */
export class BoardChanges {
  private count = 0

  bump() {
    this.count += 1
  }

  get version() {
    return String(this.count)
  }
}

export function createSurveyRepo(sql: Sql, boardChanges: BoardChanges): SurveyRepo {
  const questionnaireWhere = async (where: string, params: unknown[]): Promise<QuestionnaireRecord | null> => {
    const [row] = await sql.query<QuestionnaireRow>(
      `SELECT ${QUESTIONNAIRE_COLUMNS} FROM survey_questionnaires WHERE ${where}`,
      params,
    )
    return row ?? null
  }

  const visitWhere = async (where: string, value: string): Promise<VisitRecord | null> => {
    const [row] = await sql.query<VisitRecord>(
      `SELECT v.id, v.visit_type AS type, v.department_id AS "departmentId", d.name AS "departmentName",
              to_char(v.visit_date, 'YYYY-MM-DD') AS "visitDate", v.doctor, v.short_code AS "shortCode",
              EXISTS (SELECT 1 FROM survey_answered_visits a WHERE a.visit_id = v.id) AS answered
       FROM survey_visits v JOIN departments d ON d.id = v.department_id WHERE ${where}`,
      [value],
    )
    return row ?? null
  }

  return {
    async insertVisits(visits, at) {
      // No conflict target: a taken id and a taken short code are both skipped, then told apart.
      const rows = await sql.query<{ id: string }>(
        `INSERT INTO survey_visits (id, visit_type, department_id, visit_date, doctor, short_code, imported_at)
         SELECT v.id, v.type, v.dept, v.day, v.doctor, v.code, $7
         FROM unnest($1::text[], $2::text[], $3::uuid[], $4::date[], $5::text[], $6::text[])
           AS v(id, type, dept, day, doctor, code)
         ON CONFLICT DO NOTHING RETURNING id`,
        [
          visits.map((v) => v.id),
          visits.map((v) => v.type),
          visits.map((v) => v.departmentId),
          visits.map((v) => v.visitDate),
          visits.map((v) => v.doctor),
          visits.map((v) => v.shortCode),
          at,
        ],
      )
      const added = new Set(rows.map((r) => r.id))
      const skipped = visits.filter((v) => !added.has(v.id)).map((v) => v.id)
      const existing = new Set(
        skipped.length === 0
          ? []
          : (await sql.query<{ id: string }>('SELECT id FROM survey_visits WHERE id = ANY($1)', [skipped])).map(
              (r) => r.id,
            ),
      )
      return { added: [...added], codeTaken: skipped.filter((id) => !existing.has(id)) }
    },

    findVisit: (id) => visitWhere('v.id = $1', id),

    findVisitByShortCode: (shortCode) => visitWhere('v.short_code = $1', shortCode),

    activeQuestionnaire: (visitType) => questionnaireWhere('visit_type = $1 AND active', [visitType]),

    findQuestionnaire: (visitType, version) =>
      questionnaireWhere('visit_type = $1 AND version = $2', [visitType, version]),

    async itemLabels() {
      // Per type, the active set first, then retired versions: the first label seen wins.
      const rows = await sql.query<{ visitType: VisitType; id: string; label: string }>(
        `SELECT q.visit_type AS "visitType", item->>'id' AS id, item->>'label' AS label
         FROM survey_questionnaires q, jsonb_array_elements(q.items) WITH ORDINALITY AS i(item, pos)
         ORDER BY q.active DESC, q.version DESC, i.pos`,
      )
      return labelsByType(rows)
    },

    async submitResponse(r) {
      return sql.transaction(async (tx) => {
        const claimed = await tx.query(
          'INSERT INTO survey_answered_visits (visit_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING 1',
          [r.visitId],
        )
        if (claimed.length === 0) return 'answered' as const
        const [response] = await tx.query<{ id: string }>(
          `INSERT INTO survey_responses (department_id, visit_type, month, questionnaire_id, questionnaire_version,
             answers, overall, recommend, comment, submitted_on)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           RETURNING id::text AS id`,
          [
            r.departmentId,
            r.visitType,
            r.month,
            r.questionnaireId,
            r.questionnaireVersion,
            JSON.stringify(r.answers),
            r.overall,
            r.recommend,
            r.comment,
            r.day,
          ],
        )
        if (r.voiceTags) {
          const target = { source: 'survey', sourceId: response.id, ...r } as const
          await writeTags(tx, target, r.voiceTags.tagging, r.voiceTags.version)
        }
        const entries = Object.entries(r.answers)
        await tx.query(
          `INSERT INTO survey_item_counters AS c (department_id, month, visit_type, item_id, n1, n2, n3, n4, n5, na)
           SELECT $1, $2, $5, a.item, (a.score IS NOT DISTINCT FROM 1)::int, (a.score IS NOT DISTINCT FROM 2)::int, (a.score IS NOT DISTINCT FROM 3)::int,
                  (a.score IS NOT DISTINCT FROM 4)::int, (a.score IS NOT DISTINCT FROM 5)::int, (a.score IS NULL)::int
           FROM unnest($3::text[], $4::int[]) AS a(item, score)
           ON CONFLICT (department_id, month, visit_type, item_id) DO UPDATE SET
             n1 = c.n1 + EXCLUDED.n1, n2 = c.n2 + EXCLUDED.n2, n3 = c.n3 + EXCLUDED.n3,
             n4 = c.n4 + EXCLUDED.n4, n5 = c.n5 + EXCLUDED.n5, na = c.na + EXCLUDED.na`,
          [r.departmentId, r.month, entries.map(([id]) => id), entries.map(([, score]) => score), r.visitType],
        )
        await tx.query(
          `INSERT INTO survey_month_counters AS c (department_id, month, visit_type, responses, recommend_sum, promoters, detractors)
           VALUES ($1, $2, $4, 1, $3, ($3 >= 9)::int, ($3 <= 6)::int)
           ON CONFLICT (department_id, month, visit_type) DO UPDATE SET responses = c.responses + 1,
             recommend_sum = c.recommend_sum + EXCLUDED.recommend_sum,
             promoters = c.promoters + EXCLUDED.promoters, detractors = c.detractors + EXCLUDED.detractors`,
          [r.departmentId, r.month, r.recommend, r.visitType],
        )
        if (r.praiseStaff) {
          await tx.query(
            `INSERT INTO staff_mentions (source, department_id, employee_no, staff_name, month, created_at)
             VALUES ('survey', $1,
               (SELECT min(employee_no) FROM staff_roster WHERE department_id = $1 AND name = $2 HAVING count(*) = 1),
               $2, $3, $4::date)`,
            [r.departmentId, r.praiseStaff, r.month, r.day],
          )
        }
        if (!r.lowScore) return { alertId: null }
        const [alert] = await tx.query<{ id: string }>(
          `INSERT INTO survey_alerts (response_id, department_id, created_on, contact_phone)
           VALUES ($1, $2, $3, $4) RETURNING id`,
          [response.id, r.departmentId, r.day, r.contactPhone],
        )
        return { alertId: alert.id }
      })
    },

    async itemCountsAll(itemId, from, to) {
      const rows = await selectAsJson<CounterRow>(
        sql,
        `SELECT ${COUNTER_COLUMNS} FROM survey_item_counters WHERE item_id = $1 AND month BETWEEN $2 AND $3`,
        [itemId, from, to],
      )
      return rows.map(toCounts)
    },

    async itemCounts(departmentId, from, to) {
      const rows = await sql.query<CounterRow>(
        `SELECT ${COUNTER_COLUMNS} FROM survey_item_counters
         WHERE department_id = $1 AND month BETWEEN $2 AND $3 ORDER BY month, visit_type DESC, item_id`,
        [departmentId, from, to],
      )
      return rows.map(toCounts)
    },

    async monthCounts(departmentId, from, to) {
      const rows = await sql.query<MonthCounts & { visitType: VisitType }>(
        `SELECT visit_type AS "visitType", sum(responses)::int AS responses, sum(recommend_sum)::int AS "recommendSum",
                sum(promoters)::int AS promoters, sum(detractors)::int AS detractors
         FROM survey_month_counters WHERE department_id = $1 AND month BETWEEN $2 AND $3 GROUP BY visit_type`,
        [departmentId, from, to],
      )
      return monthCountsByType(rows)
    },

    // The answer's own transaction upserts the counters: PostgreSQL's row locks queue concurrent
    // answers instead of aborting them, so nothing waits to be folded.
    rollUpCounters: async () => 0,

    boardVersion: async () => boardChanges.version,

    async visitCount(departmentId, fromDate, toDate) {
      const [row] = await sql.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM survey_visits
         WHERE department_id = $1 AND visit_date BETWEEN $2 AND $3`,
        [departmentId, fromDate, toDate],
      )
      return row.count
    },

    async recentComments(departmentId, from, to, limit) {
      return sql.query(
        `SELECT month, visit_type AS "visitType", overall::int AS overall, comment FROM survey_responses
         WHERE department_id = $1 AND month BETWEEN $2 AND $3 AND comment IS NOT NULL
         ORDER BY submitted_on DESC, id DESC LIMIT $4`,
        [departmentId, from, to, limit],
      )
    },

    async listAlerts(departmentId, filter, overdueBefore) {
      const rows = await sql.query<AlertRow>(
        `${ALERT_SELECT}
         WHERE ($1::uuid IS NULL OR a.department_id = $1)
           AND ($3 = 'all' OR ($3 = 'closed' AND a.status = 'closed')
                OR ($3 IN ('open', 'overdue') AND a.status = 'open' AND ($3 = 'open' OR a.created_on < $2::date)))
         ORDER BY a.status DESC, a.created_on DESC, a.id LIMIT 200`,
        [departmentId, overdueBefore, filter satisfies AlertFilter],
      )
      return rows.map(toAlert)
    },

    async findAlert(id) {
      const [row] = await sql.query<AlertRow>(`${ALERT_SELECT} WHERE a.id = $1`, [id])
      return row ? toAlert(row) : null
    },

    async recordAlertEvent(alertId, event) {
      return sql.transaction(async (tx) => {
        const open =
          event.kind === 'close'
            ? await tx.query(
                `UPDATE survey_alerts SET status = 'closed', closed_at = $2 WHERE id = $1 AND status = 'open' RETURNING 1`,
                [alertId, event.at],
              )
            : await tx.query(`SELECT 1 FROM survey_alerts WHERE id = $1 AND status = 'open' FOR UPDATE`, [alertId])
        if (open.length === 0) return false
        await tx.query(
          `INSERT INTO survey_alert_events (alert_id, kind, action, note, actor_id, actor_name, at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [alertId, event.kind, event.action, event.note, event.actorId, event.actorName, event.at],
        )
        return true
      })
    },

    async eraseContacts(closedBefore) {
      const rows = await sql.query(
        `UPDATE survey_alerts SET contact_phone = NULL
         WHERE contact_phone IS NOT NULL AND status = 'closed' AND closed_at < $1 RETURNING 1`,
        [closedBefore],
      )
      return rows.length
    },

    async addImprovement(improvement) {
      const [row] = await sql.query<Improvement>(
        `WITH added AS (
           INSERT INTO survey_improvements (department_id, said, did, author_id, published_on, published_at)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING *)
         ${improvementsFrom('added')}`,
        [
          improvement.departmentId,
          improvement.said,
          improvement.did,
          improvement.authorId,
          improvement.publishedOn,
          improvement.at,
        ],
      )
      return row
    },

    listImprovements: (limit) =>
      sql.query<Improvement>(`${improvementsFrom('survey_improvements')} ORDER BY i.published_at DESC LIMIT $1`, [
        limit,
      ]),
  }
}

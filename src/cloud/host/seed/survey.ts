import { OVERALL_ITEM, type VisitType } from '../../../contract'
import { chinaDay, DAY_MS, monthOf, monthsEnding } from '../../../contract/month'
import type { Sql } from '../../storage/pglite/sql'
import { seededRandom } from './random'
import { newShortCode } from '../../domain/survey/visit-code'

type Mode = 'base' | 'demo'

const DEMO_MONTHS = 13
/** Busy departments reach the 30-answer threshold each month; the others show 样本不足. */
const BUSY = new Set(['心内科', '呼吸内科', '消化内科', '骨科', '普外科', '妇产科', '儿科', '急诊科'])
const INPATIENT_SHARE = 0.25
const RESPONSE_SHARE = 0.82

const GOOD_COMMENTS = [
  '医生很耐心，解释得很清楚',
  '护士态度好，打针一点都不疼',
  '环境干净，指示牌清楚',
  '挂号很方便，手机上就能办',
  '志愿者带路很热情，谢谢',
]
const BAD_COMMENTS = [
  '候诊时间太长，等了两个多小时',
  '缴费窗口排队太久',
  '检查结果出来太慢',
  '病房晚上有点吵，休息不好',
  '医生说得太快，没听明白用药方法',
]

function overallScore(r: number): number {
  if (r < 0.62) return 5
  if (r < 0.965) return 4
  if (r < 0.98) return 3
  return r < 0.995 ? 2 : 1
}

interface Visit {
  id: string
  type: VisitType
  departmentId: string
  day: string
}

async function seedBaseVisits(sql: Sql, now: Date) {
  const yesterday = chinaDay(new Date(now.getTime() - DAY_MS))
  await sql.query(
    `INSERT INTO survey_visits (id, visit_type, department_id, visit_date, doctor, short_code, imported_at)
     SELECT 'BASE-' || lpad(n::text, 4, '0'), CASE WHEN n % 2 = 0 THEN 'inpatient' ELSE 'outpatient' END,
            (SELECT id FROM departments WHERE name = '心内科'), $1::date, NULL, ($3::text[])[n], $2
     FROM generate_series(1, 5) AS n`,
    [yesterday, now, Array.from({ length: 5 }, newShortCode)],
  )
}

/** Thirteen months of visits and answers, counters rebuilt from the answers so they agree exactly. */
async function seedDemoHistory(sql: Sql, now: Date) {
  const rand = seededRandom(20240501)
  const departments = await sql.query<{ id: string; name: string }>(
    `SELECT id, name FROM departments WHERE kind = 'clinical' ORDER BY sort`,
  )
  const items = await sql.query<{ visitType: VisitType; ids: string[]; na: boolean[] }>(
    `SELECT visit_type AS "visitType", array_agg(item->>'id' ORDER BY pos) AS ids,
            array_agg((item->>'allowNA')::boolean ORDER BY pos) AS na
     FROM survey_questionnaires, jsonb_array_elements(items) WITH ORDINALITY AS i(item, pos)
     WHERE active GROUP BY visit_type`,
  )
  const itemsOf = new Map(items.map((q) => [q.visitType, q]))
  const today = chinaDay(now)
  const visits: Visit[] = []
  for (const month of monthsEnding(monthOf(now), DEMO_MONTHS)) {
    for (const department of departments) {
      const count = BUSY.has(department.name) ? 42 + Math.floor(rand() * 10) : 12 + Math.floor(rand() * 10)
      for (let i = 0; i < count; i++) {
        const day = `${month}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`
        if (day > today) continue
        visits.push({
          id: `D${month.replace('-', '')}-${department.name.length}${visits.length}`,
          type: rand() < INPATIENT_SHARE ? 'inpatient' : 'outpatient',
          departmentId: department.id,
          day,
        })
      }
    }
  }
  await sql.query(
    `INSERT INTO survey_visits (id, visit_type, department_id, visit_date, short_code, imported_at)
     SELECT v.id, v.type, v.dept, v.day, v.code, $6
     FROM unnest($1::text[], $2::text[], $3::uuid[], $4::date[], $5::text[]) AS v(id, type, dept, day, code)`,
    [
      visits.map((v) => v.id),
      visits.map((v) => v.type),
      visits.map((v) => v.departmentId),
      visits.map((v) => v.day),
      visits.map(() => newShortCode()),
      now,
    ],
  )

  const answered = visits.filter(() => rand() < RESPONSE_SHARE)
  const responses = answered.map((visit) => {
    const questionnaire = itemsOf.get(visit.type)
    if (!questionnaire) throw new Error(`no active ${visit.type} questionnaire`)
    const overall = overallScore(rand())
    const answers: Record<string, number | null> = {}
    questionnaire.ids.forEach((id, i) => {
      if (id === OVERALL_ITEM) answers[id] = overall
      else if (questionnaire.na[i] && rand() < 0.15) answers[id] = null
      else answers[id] = Math.max(1, Math.min(5, overall + Math.round((rand() - 0.6) * 1.6)))
    })
    const low = overall <= 2 || Object.values(answers).some((v) => v === 1)
    const comment =
      low || overall === 3
        ? BAD_COMMENTS[Math.floor(rand() * BAD_COMMENTS.length)]
        : rand() < 0.15
          ? GOOD_COMMENTS[Math.floor(rand() * GOOD_COMMENTS.length)]
          : null
    return { visit, answers, overall, recommend: Math.min(10, overall * 2 + Math.floor(rand() * 2)), comment, low }
  })

  await sql.query(`INSERT INTO survey_answered_visits (visit_id) SELECT unnest($1::text[])`, [
    answered.map((v) => v.id),
  ])
  const inserted = await sql.query<{ id: string; n: number }>(
    `INSERT INTO survey_responses (department_id, visit_type, month, questionnaire_id, questionnaire_version,
       answers, overall, recommend, comment, submitted_on)
     SELECT r.dept, r.type, to_char(r.day, 'YYYY-MM'), r.type, 1, r.answers, r.overall, r.recommend, r.comment, r.day
     FROM unnest($1::uuid[], $2::text[], $3::date[], $4::jsonb[], $5::int[], $6::int[], $7::text[])
       WITH ORDINALITY AS r(dept, type, day, answers, overall, recommend, comment, n)
     ORDER BY r.n
     RETURNING id::text AS id`,
    [
      responses.map((r) => r.visit.departmentId),
      responses.map((r) => r.visit.type),
      responses.map((r) => r.visit.day),
      responses.map((r) => JSON.stringify(r.answers)),
      responses.map((r) => r.overall),
      responses.map((r) => r.recommend),
      responses.map((r) => r.comment),
    ],
  )
  await rebuildCounters(sql)

  // Low scores: older ones were explained and closed; this month's are still open, some overdue, and
  // every third of those left a number for a call-back.
  const [manager] = await sql.query<{ id: string; name: string }>(
    `SELECT id, name FROM users WHERE openid = 'demo-manager'`,
  )
  const currentMonth = monthOf(now)
  const lows = responses.map((r, i) => ({ ...r, id: inserted[i].id })).filter((r) => r.low)
  for (const [i, low] of lows.entries()) {
    const open = low.visit.day.startsWith(currentMonth)
    const handledAt = new Date(Date.parse(`${low.visit.day}T10:00:00+08:00`) + DAY_MS)
    const [alert] = await sql.query<{ id: string }>(
      `INSERT INTO survey_alerts (response_id, department_id, status, created_on, closed_at, contact_phone)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        low.id,
        low.visit.departmentId,
        open ? 'open' : 'closed',
        low.visit.day,
        open ? null : handledAt,
        open && i % 3 === 0 ? `1390000${String(1000 + i).slice(-4)}` : null,
      ],
    )
    if (!open) {
      await sql.query(
        `INSERT INTO survey_alert_events (alert_id, kind, action, note, actor_id, actor_name, at)
         VALUES ($1, 'followUp', 'explained', '已在科室公示栏说明情况并致歉', $2, $3, $4),
                ($1, 'close', NULL, '', $2, $3, $4)`,
        [alert.id, manager.id, manager.name, handledAt],
      )
    }
  }

  // Some patients name a member of staff to praise; service stars count these.
  const praised = responses.filter((r) => !r.low && rand() < 0.05)
  await sql.query(
    `INSERT INTO staff_mentions (source, department_id, employee_no, staff_name, month, created_at)
     SELECT 'survey', p.dept, s.employee_no, s.name, to_char(p.day, 'YYYY-MM'), p.day::timestamptz
     FROM unnest($1::uuid[], $2::date[], $3::text[]) AS p(dept, day, salt)
     CROSS JOIN LATERAL (SELECT employee_no, name FROM staff_roster WHERE department_id = p.dept
                         ORDER BY md5(employee_no || p.salt) LIMIT 1) s`,
    [praised.map((r) => r.visit.departmentId), praised.map((r) => r.visit.day), praised.map((r) => r.visit.id)],
  )
}

/** The counters as a full recount of the responses: how a seed (or a repair) makes them agree. */
export async function rebuildCounters(sql: Sql) {
  await sql.exec(`
    DELETE FROM survey_item_counters;
    DELETE FROM survey_month_counters;
    INSERT INTO survey_item_counters (department_id, month, visit_type, item_id, n1, n2, n3, n4, n5, na)
    SELECT r.department_id, r.month, r.visit_type, a.key,
           count(*) FILTER (WHERE a.value = '1'), count(*) FILTER (WHERE a.value = '2'),
           count(*) FILTER (WHERE a.value = '3'), count(*) FILTER (WHERE a.value = '4'),
           count(*) FILTER (WHERE a.value = '5'), count(*) FILTER (WHERE a.value = 'null')
    FROM survey_responses r, jsonb_each(r.answers) AS a
    GROUP BY r.department_id, r.month, r.visit_type, a.key;
    INSERT INTO survey_month_counters (department_id, month, visit_type, responses, recommend_sum, promoters, detractors)
    SELECT department_id, month, visit_type, count(*), sum(recommend), count(*) FILTER (WHERE recommend >= 9),
           count(*) FILTER (WHERE recommend <= 6)
    FROM survey_responses GROUP BY department_id, month, visit_type;
  `)
}

export async function seedSurvey(sql: Sql, now: Date, mode: Mode): Promise<void> {
  await seedBaseVisits(sql, now)
  if (mode === 'demo') await seedDemoHistory(sql, now)
}

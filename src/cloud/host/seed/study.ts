import type { StudyType } from '../../../contract'
import type { Sql } from '../../storage/pglite/sql'
import { DEMO_USERS } from './hospital'
import { CHINA_OFFSET_MS, DAY_MS, MINUTE_MS } from '../../../contract/month'

const MONTHS_OF_HISTORY = 12

interface Plan {
  type: StudyType
  title: string
  /** Every `everyMonths` months, on this day of the month, at 14:00 China time. */
  everyMonths: number
  day: number
  hours: number
  credit: number
  audience: 'all' | 'party' | 'departments'
  location: string
}

const PLANS: Plan[] = [
  {
    type: '支部党员大会',
    title: '支部党员大会',
    everyMonths: 3,
    day: 5,
    hours: 2,
    credit: 2,
    audience: 'party',
    location: '行政楼三楼会议室',
  },
  {
    type: '支委会',
    title: '支委会',
    everyMonths: 1,
    day: 3,
    hours: 1,
    credit: 1,
    audience: 'party',
    location: '党建活动室',
  },
  {
    type: '党小组会',
    title: '党小组学习会',
    everyMonths: 1,
    day: 12,
    hours: 1,
    credit: 1,
    audience: 'party',
    location: '各科室示教室',
  },
  {
    type: '党课',
    title: '书记讲党课',
    everyMonths: 3,
    day: 20,
    hours: 2,
    credit: 2,
    audience: 'party',
    location: '学术报告厅',
  },
  {
    type: '主题党日',
    title: '主题党日：走进社区义诊',
    everyMonths: 1,
    day: 25,
    hours: 3,
    credit: 3,
    audience: 'party',
    location: '幸福里社区',
  },
  {
    type: '道德讲堂',
    title: '道德讲堂：身边的好医生',
    everyMonths: 3,
    day: 15,
    hours: 1.5,
    credit: 1.5,
    audience: 'all',
    location: '学术报告厅',
  },
  {
    type: '业务学习',
    title: '科室业务学习',
    everyMonths: 1,
    day: 18,
    hours: 1,
    credit: 1,
    audience: 'departments',
    location: '科室示教室',
  },
  {
    type: '服务礼仪培训',
    title: '窗口服务礼仪培训',
    everyMonths: 6,
    day: 8,
    hours: 2,
    credit: 2,
    audience: 'all',
    location: '线上',
  },
]

/** 14:00 in China on the given day `monthsAgo` months before `now`'s month. */
function sessionStart(now: Date, monthsAgo: number, day: number): Date {
  const china = new Date(now.getTime() + CHINA_OFFSET_MS)
  return new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth() - monthsAgo, day, 6, 0))
}

/**
 * The roster's employees get accounts, as if each had bound their WeChat: study audiences are the
 * hospital's staff, and the boards are empty without them.
 */
async function seedStaffAccounts(sql: Sql, now: Date) {
  await sql.query(
    `WITH unbound AS (
       SELECT r.employee_no, r.name, r.department_id FROM staff_roster r
       WHERE NOT EXISTS (SELECT 1 FROM staff_bindings b WHERE b.employee_no = r.employee_no AND b.status = 'approved')),
     created AS (
       INSERT INTO users (openid, name, roles, department_id)
       SELECT 'staff-' || employee_no, name, ARRAY['patient', 'staff'], department_id FROM unbound
       ON CONFLICT (openid) DO NOTHING
       RETURNING id, openid)
     INSERT INTO staff_bindings (user_id, employee_no, status, requested_at, decided_at)
     SELECT id, substr(openid, 7), 'approved', $1, $1 FROM created`,
    [now],
  )
}

/** A year of 三会一课 and other study with attendance, and a few sessions still to come. */
async function seedSessions(sql: Sql, now: Date) {
  const [organizers] = await sql.query<{ admin: string; adminDept: string; manager: string; managerDept: string }>(
    `SELECT a.id AS admin, a.department_id AS "adminDept", m.id AS manager, m.department_id AS "managerDept"
     FROM users a, users m WHERE a.openid = $1 AND m.openid = $2`,
    [DEMO_USERS.admin.openid, DEMO_USERS.manager.openid],
  )
  const departments = await sql.query<{ id: string }>('SELECT id FROM departments ORDER BY sort')
  const rows: unknown[][] = []
  for (let monthsAgo = MONTHS_OF_HISTORY - 1; monthsAgo >= -1; monthsAgo--) {
    for (const plan of PLANS) {
      if ((monthsAgo + MONTHS_OF_HISTORY) % plan.everyMonths !== 0) continue
      const start = sessionStart(now, monthsAgo, plan.day)
      const end = new Date(start.getTime() + plan.hours * 60 * MINUTE_MS)
      // Business study is per department: the demo manager's department runs its own, the rest by the admin.
      const audiences = plan.audience === 'departments' ? departments.map((d) => [d.id]) : [[]]
      for (const audience of audiences) {
        const own = audience[0] === organizers.managerDept
        rows.push([
          plan.type,
          plan.title,
          plan.location,
          start,
          end,
          plan.audience,
          `{${audience.join(',')}}`,
          plan.credit,
          own ? organizers.manager : organizers.admin,
          own ? organizers.managerDept : organizers.adminDept,
        ])
      }
    }
  }
  const column = (i: number) => rows.map((row) => row[i])
  await sql.query(
    `INSERT INTO study_sessions (type, title, location, start_at, end_at, audience_kind, audience_departments,
       credit_hours, require_check_out, organizer_id, organizer_department_id, speaker, created_at, updated_at)
     SELECT t, ti, l, s, e, ak, ad::uuid[], c, e - s > interval '2 hours', o, od, '党委书记', s - interval '14 days',
            s - interval '14 days'
     FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::text[],
                 $8::numeric[], $9::uuid[], $10::uuid[]) AS x(t, ti, l, s, e, ak, ad, c, o, od)`,
    Array.from({ length: 10 }, (_, i) => column(i)),
  )
  // Past sessions: most expected staff came (some late); where 签退 is asked, most signed out at the
  // end, a few left early and a few forgot (未签退). Some were excused.
  const score = `abs(hashtext(e.session_id::text || e.user_id::text)) % 100`
  await sql.query(
    `INSERT INTO study_attendance (session_id, user_id, department_id, checked_in_at, late, expected, checked_out_at)
     SELECT e.session_id, e.user_id, e.department_id,
            s.start_at + ((${score}) % 25 - 12) * interval '1 minute', (${score}) % 25 - 12 > 10, true,
            CASE WHEN NOT s.require_check_out OR ${score} BETWEEN 5 AND 7 THEN NULL
                 WHEN ${score} < 5 THEN s.end_at - interval '1 hour'
                 ELSE s.end_at + ((${score}) % 20) * interval '1 minute' END
     FROM study_expected e JOIN study_sessions s ON s.id = e.session_id
     WHERE s.start_at < $1 AND ${score} < 86`,
    [new Date(now.getTime() - DAY_MS)],
  )
  await sql.query(
    `INSERT INTO study_leaves (session_id, user_id, reason, status, requested_at, decided_at, decided_by)
     SELECT e.session_id, e.user_id, CASE WHEN ${score} % 2 = 0 THEN '值班' ELSE '外出进修' END,
            CASE WHEN s.start_at < $1 THEN 'approved' ELSE 'pending' END, s.start_at - interval '2 days',
            CASE WHEN s.start_at < $1 THEN s.start_at - interval '1 day' END,
            CASE WHEN s.start_at < $1 THEN s.organizer_id END
     FROM study_expected e JOIN study_sessions s ON s.id = e.session_id
     WHERE ${score} BETWEEN 86 AND 91`,
    [now],
  )
}

export async function seedStudy(sql: Sql, now: Date, mode: 'base' | 'demo'): Promise<void> {
  if (mode !== 'demo') return
  await seedStaffAccounts(sql, now)
  await seedSessions(sql, now)
}

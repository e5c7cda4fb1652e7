import { randomUUID } from 'node:crypto'
import {
  COMPLAINT_CATEGORIES,
  PHRASE_SCENES,
  PRAISE_CATEGORIES,
  STAR_WEIGHTS,
  type FeedbackAction,
  type FeedbackStatus,
  type HistoryActor,
} from '../../../contract'
import { maskIdentifiers } from '../../domain/feedback/identifiers'
import { heldReasonsOf } from '../../domain/feedback/items'
import { DAY_MS, HOUR_MS, monthOf, shiftMonth } from '../../../contract/month'
import type { Sql } from '../../storage/pglite/sql'
import { PHRASE_BOOK } from './feedback-phrases'
import { DEMO_USERS } from './hospital'
import { seededRandom } from './random'

const DEMO_DAYS = 180
const DEMO_ITEMS = 360
const STARS_PER_DEPARTMENT = 2

const PRAISE_TEXTS = [
  '住院期间护士每天耐心讲解用药，半夜按铃也总是马上就来，让我们全家很安心。',
  '医生看诊非常仔细，把检查结果一项项讲给我听，还叮嘱了饮食注意事项。',
  '我母亲行动不便，导诊台的工作人员一路推着轮椅送我们到检查室，非常感谢。',
  '抽血的护士技术好，孩子一点都没哭，还夸孩子勇敢，服务特别暖心。',
  '手术前医生专门来病房解释手术方案，打消了我的顾虑，感谢整个团队。',
  '药房的药师把每种药的吃法都写在袋子上，还提醒我哪两种药要隔开吃。',
  '晚上急诊人很多，医生依然耐心，没有一点不耐烦，值得表扬。',
  '出院后护士打电话回访，询问恢复情况，让人感受到医院的温暖。',
]
const COMPLAINT_TEXTS = [
  '候诊两个多小时没人告诉我们还要等多久，询问时工作人员态度很冲。',
  '问检查地点时被说“墙上写着自己看”，老人根本看不清，希望改进。',
  '缴费窗口工作人员一直在看手机，叫了几遍才理我，态度生硬。',
  '病房里医生查房时当着其他病人大声说我的病情，感觉隐私没有被尊重。',
  '打了三次电话咨询都说找别人，互相推诿，问题一直没解决。',
  '医生开了很多检查却不解释为什么要做，问了也只说“让你查就查”。',
]
const REPLIES = [
  '感谢您的反映。经科室核实，当班人员沟通方式确有不当，已进行批评教育并组织全科学习暖语手册，向您诚恳致歉。',
  '感谢您的监督。经核实，当日候诊人数较多，我们已增加叫号提示和导诊人员，后续会持续改进。',
  '您好，科室已调阅记录并与当事人谈话，情况属实，已纳入月度考核，欢迎您继续监督。',
  '经调查，当班人员已按流程解释，但解释不够清楚，我们已加强培训，给您带来不便深表歉意。',
]

async function seedPhrases(sql: Sql, now: Date) {
  const rows = PHRASE_SCENES.flatMap((scene) =>
    PHRASE_BOOK[scene].map(([situation, recommended, forbidden], sort) => ({
      scene,
      situation,
      recommended,
      forbidden,
      sort,
    })),
  )
  // Arrays of arrays do not unnest row by row, so the phrase lists travel as JSON.
  await sql.query(
    `INSERT INTO feedback_phrases (scene, situation, recommended, forbidden, sort, updated_at)
     SELECT p->>'scene', p->>'situation', ARRAY(SELECT jsonb_array_elements_text(p->'recommended')),
            ARRAY(SELECT jsonb_array_elements_text(p->'forbidden')), (p->>'sort')::int, $2
     FROM jsonb_array_elements($1::jsonb) AS p`,
    [JSON.stringify(rows), now],
  )
}

interface DemoItem {
  id: string
  kind: 'praise' | 'complaint'
  status: FeedbackStatus
  patientId: string
  departmentId: string
  employeeNo: string | null
  staffName: string | null
  categories: string[]
  text: string
  phone: string | null
  anonymous: boolean
  held: string[]
  month: string
  createdAt: Date
  handlerId: string | null
  acceptedAt: Date | null
  repliedAt: Date | null
  replyText: string | null
  upheld: boolean | null
  closedAt: Date | null
  rating: number | null
  decidedAt: Date | null
}

interface HistoryRow {
  itemId: string
  action: FeedbackAction
  from: FeedbackStatus | null
  to: FeedbackStatus
  actorId: string | null
  actor: HistoryActor
  note: string | null
  at: Date
}

/** Half a year of praise and complaints in every state, their histories, and two published months of stars. */
async function seedHistory(sql: Sql, now: Date) {
  const next = seededRandom(20260505)
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]
  const users = await sql.query<{ id: string; openid: string }>(
    `SELECT id, openid FROM users WHERE openid = ANY($1) OR openid LIKE 'demo-pat-%' ORDER BY openid`,
    [[DEMO_USERS.patient.openid, DEMO_USERS.manager.openid, DEMO_USERS.admin.openid]],
  )
  const idOf = (openid: string) => users.find((u) => u.openid === openid)?.id ?? ''
  const [demoPatient, manager, admin] = [DEMO_USERS.patient, DEMO_USERS.manager, DEMO_USERS.admin].map((u) =>
    idOf(u.openid),
  )
  const patients = users.filter((u) => u.openid.startsWith('demo-pat-')).map((u) => u.id)
  const staff = await sql.query<{ employeeNo: string; name: string; departmentId: string; managed: boolean }>(
    `SELECT r.employee_no AS "employeeNo", r.name, r.department_id AS "departmentId",
            r.department_id = (SELECT department_id FROM users WHERE id = $1) AS managed
     FROM staff_roster r JOIN departments d ON d.id = r.department_id WHERE d.kind <> 'admin'`,
    [manager],
  )

  const demoStaff = staff.find((s) => s.employeeNo === DEMO_USERS.staff.employeeNo) ?? staff[0]
  const items: DemoItem[] = []
  const history: HistoryRow[] = []
  const step = (
    item: DemoItem,
    action: FeedbackAction,
    from: FeedbackStatus | null,
    to: FeedbackStatus,
    at: Date,
    by: { id: string | null; role: HistoryActor },
    note: string | null = null,
  ) => history.push({ itemId: item.id, action, from, to, actorId: by.id, actor: by.role, note, at })

  for (let i = 0; i < DEMO_ITEMS; i++) {
    // The demo patient owns the newest few; 心内科 (the demo manager's) gets a fair share of the rest.
    // demo-staff gets a steady trickle of praise, so 我收到的表扬 has something to show.
    const member = i % 30 === 15 ? demoStaff : next() < 0.25 ? pick(staff.filter((s) => s.managed)) : pick(staff)
    const kindRoll = i % 30 === 15 ? 0 : next()
    const ageDays = i < 6 ? i * 2 + 0.5 : next() * (next() < 0.15 ? 10 : DEMO_DAYS)
    const createdAt = new Date(now.getTime() - ageDays * DAY_MS)
    const kind = kindRoll < 0.6 ? 'praise' : 'complaint'
    const patientId = i < 6 ? demoPatient : pick(patients.length > 0 ? patients : [demoPatient])
    const named = member === demoStaff || next() < 0.8
    const text = kind === 'praise' ? pick(PRAISE_TEXTS) : pick(COMPLAINT_TEXTS)
    const withContact = kind === 'praise' && next() < 0.05
    const item: DemoItem = {
      id: randomUUID(),
      kind,
      status: kind === 'praise' ? 'pending' : 'submitted',
      patientId,
      departmentId: member.departmentId,
      employeeNo: named ? member.employeeNo : null,
      staffName: named ? member.name : null,
      categories: [pick(kind === 'praise' ? PRAISE_CATEGORIES : COMPLAINT_CATEGORIES)],
      text: withContact ? `${text}想当面感谢，我的电话13912345678。` : text,
      phone: next() < 0.5 ? `138${String(10_000_000 + i * 7919).slice(-8)}` : null,
      anonymous: next() < 0.3,
      held: [],
      month: monthOf(createdAt),
      createdAt,
      handlerId: null,
      acceptedAt: null,
      repliedAt: null,
      replyText: null,
      upheld: null,
      closedAt: null,
      rating: null,
      decidedAt: null,
    }
    if (kind === 'praise') {
      // As submit does: held for the number the patient wrote, stored with it masked.
      item.held = heldReasonsOf(item.text)
      item.text = maskIdentifiers(item.text).text
    }
    items.push(item)
    const patient = { id: patientId, role: 'patient' as const }
    step(item, 'submit', null, item.status, createdAt, patient)
    const handler = member.managed ? { id: manager, role: 'manager' as const } : { id: admin, role: 'admin' as const }

    if (kind === 'praise') {
      if (ageDays < 3 || item.held.length > 0) continue
      item.decidedAt = new Date(createdAt.getTime() + (4 + next() * 40) * HOUR_MS)
      item.status = next() < 0.92 ? 'approved' : 'rejected'
      step(
        item,
        item.status === 'approved' ? 'approve' : 'reject',
        'pending',
        item.status,
        item.decidedAt,
        { id: admin, role: 'admin' },
        item.status === 'rejected' ? '内容与就医无关' : null,
      )
      continue
    }
    // Complaints: the older, the further along; a few recent ones are left overdue on purpose.
    if (ageDays < 1.5 && next() < 0.7) continue
    item.handlerId = handler.id
    item.acceptedAt = new Date(createdAt.getTime() + (2 + next() * (ageDays < 4 ? 40 : 20)) * HOUR_MS)
    item.status = 'accepted'
    step(item, 'accept', 'submitted', 'accepted', item.acceptedAt, handler)
    if (ageDays < 4) continue
    item.repliedAt = new Date(item.acceptedAt.getTime() + (1 + next() * 3) * DAY_MS)
    item.replyText = pick(REPLIES)
    item.upheld = next() < 0.55
    item.status = 'replied'
    step(item, 'reply', 'accepted', 'replied', item.repliedAt, handler, item.replyText)
    const sinceReply = now.getTime() - item.repliedAt.getTime()
    if (sinceReply < 7 * DAY_MS && next() < 0.6) continue
    if (sinceReply >= 7 * DAY_MS && next() < 0.3) {
      item.closedAt = new Date(item.repliedAt.getTime() + 7 * DAY_MS)
      step(item, 'close', 'replied', 'closed', item.closedAt, { id: null, role: 'system' }, '回复后7天未确认，自动办结')
    } else {
      item.closedAt = new Date(item.repliedAt.getTime() + Math.min(sinceReply / 2, (2 + next() * 24) * HOUR_MS))
      item.rating = next() < 0.7 ? 5 : next() < 0.7 ? 4 : 2
      step(item, 'confirm', 'replied', 'closed', item.closedAt, patient, `评价 ${item.rating} 星`)
    }
    item.status = 'closed'
  }

  const col = <K extends keyof DemoItem>(key: K) => items.map((item) => item[key])
  await sql.query(
    `INSERT INTO feedback_items (id, kind, status, patient_id, department_id, employee_no, staff_name, categories, body,
       contact_phone, anonymous, held_reasons, month, created_at, handler_id, accepted_at, replied_at, reply_text,
       upheld, closed_at, rating, decided_at, decided_by)
     SELECT x.id, x.kind, x.status, x.patient, x.dept, x.emp, x.staff, string_to_array(x.cats, ','), x.body, x.phone,
            x.anon, COALESCE(string_to_array(NULLIF(x.held, ''), ','), '{}'), x.month, x.created, x.handler, x.accepted, x.replied,
            x.reply, x.upheld, x.closed, x.rating, x.decided, CASE WHEN x.decided IS NOT NULL THEN $23::uuid END
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[],
                 $9::text[], $10::text[], $11::boolean[], $12::text[], $13::text[], $14::timestamptz[], $15::uuid[],
                 $16::timestamptz[], $17::timestamptz[], $18::text[], $19::boolean[], $20::timestamptz[], $21::int[],
                 $22::timestamptz[])
       AS x(id, kind, status, patient, dept, emp, staff, cats, body, phone, anon, held, month, created, handler,
            accepted, replied, reply, upheld, closed, rating, decided)`,
    [
      col('id'),
      col('kind'),
      col('status'),
      col('patientId'),
      col('departmentId'),
      col('employeeNo'),
      col('staffName'),
      items.map((item) => item.categories.join(',')),
      col('text'),
      col('phone'),
      col('anonymous'),
      items.map((item) => item.held.join(',')),
      col('month'),
      col('createdAt'),
      col('handlerId'),
      col('acceptedAt'),
      col('repliedAt'),
      col('replyText'),
      col('upheld'),
      col('closedAt'),
      col('rating'),
      col('decidedAt'),
      admin,
    ],
  )
  await sql.query(
    `INSERT INTO feedback_history (item_id, action, from_status, to_status, actor_id, actor, note, at)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::timestamptz[])
     ORDER BY 8`,
    [
      history.map((h) => h.itemId),
      history.map((h) => h.action),
      history.map((h) => h.from),
      history.map((h) => h.to),
      history.map((h) => h.actorId),
      history.map((h) => h.actor),
      history.map((h) => h.note),
      history.map((h) => h.at),
    ],
  )
  await sql.query(
    `INSERT INTO staff_mentions (source, department_id, employee_no, staff_name, month, created_at)
     SELECT 'praise', department_id, employee_no, staff_name, month, decided_at FROM feedback_items
     WHERE status = 'approved' AND staff_name IS NOT NULL`,
  )
  await publishDemoStars(sql, now, admin)
}

/** The last two whole months' stars: each department's best scorers, by the same weights computeStars uses. */
async function publishDemoStars(sql: Sql, now: Date, admin: string) {
  const current = monthOf(now)
  for (const month of [shiftMonth(current, -2), shiftMonth(current, -1)]) {
    await sql.query(
      `INSERT INTO feedback_stars (month, employee_no, department_id, score, published_at, published_by)
       SELECT $1, employee_no, department_id, score, $2, $3 FROM (
         SELECT r.employee_no, r.department_id, s.score,
                row_number() OVER (PARTITION BY r.department_id ORDER BY s.score DESC, r.employee_no) AS rank
         FROM staff_roster r
         CROSS JOIN LATERAL (
           SELECT $4 * (SELECT count(*) FROM staff_mentions m WHERE m.employee_no = r.employee_no AND m.month = $1 AND m.source = 'praise')
                + $5 * (SELECT count(*) FROM staff_mentions m WHERE m.employee_no = r.employee_no AND m.month = $1 AND m.source = 'survey')
                + $6 * (SELECT count(*) FROM feedback_items f WHERE f.employee_no = r.employee_no AND f.month = $1
                          AND f.kind = 'complaint' AND f.upheld IS TRUE) AS score) s
       ) ranked WHERE rank <= $7 AND score > 0`,
      [
        month,
        now,
        admin,
        STAR_WEIGHTS.praise,
        STAR_WEIGHTS.surveyMention,
        STAR_WEIGHTS.upheldComplaint,
        STARS_PER_DEPARTMENT,
      ],
    )
  }
}

export async function seedFeedback(sql: Sql, now: Date, mode: 'base' | 'demo'): Promise<void> {
  await seedPhrases(sql, now)
  if (mode === 'demo') await seedHistory(sql, now)
}

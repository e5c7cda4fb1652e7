import {
  SENSITIVE_TEXT_REFUSED,
  type ImportVisitsResult,
  type OpenVisitResult,
  type SubmitResult,
} from '../../src/contract'
import { buildRoster, ROSTER_SIZE } from '../../src/cloud/host/seed/hospital'
import { answersFor, chinaDate, departmentsByName, importVisits, submitScore, VISIT_HEADER } from '../support/survey'
import { dataOf, errorOf, startTestHost, type SignedIn, type TestHost } from '../support/test-host'

let host: TestHost
let admin: SignedIn
let patient: SignedIn

const DAY_MS = 24 * 3600 * 1000

beforeAll(async () => {
  host = await startTestHost()
  admin = await host.signIn('admin')
  patient = await host.signIn('patient', 'survey-patient')
})
afterAll(async () => {
  await host.close()
})

async function open(code: string, who: SignedIn = patient) {
  return who.call<OpenVisitResult>('survey', 'openVisit', { code })
}

describe('importVisits', () => {
  it('keeps good rows, reports bad rows by line, and re-importing is a no-op', async () => {
    const today = chinaDate(new Date())
    const csv = [
      VISIT_HEADER,
      `IMP-1,outpatient,心内科,${today},张医生`,
      `IMP-2,住院,骨科,${today},`,
      `IMP-3,emergency,骨科,${today},`,
      `IMP-4,门诊,没有的科,${today},`,
      `IMP-5,门诊,骨科,2026-02-30,`,
      `"IMP-6",门诊,"眼科",${today},"李, 医生"`,
      `IMP 7,门诊,眼科,${today},`,
      `IMP-8,门诊,眼科,${chinaDate(new Date(), -3)},`,
    ].join('\r\n')
    const first = dataOf(await admin.call<ImportVisitsResult>('survey', 'importVisits', { csv }))
    expect(first.added).toBe(3)
    expect(first.skipped).toBe(0)
    expect(first.errors.map((e) => e.line)).toEqual([4, 5, 6, 8, 9])
    expect(first.errors[1].message).toContain('没有的科')
    expect(first.codes.map((c) => c.visitId)).toEqual(['IMP-1', 'IMP-2', 'IMP-6'])

    const again = dataOf(await admin.call<ImportVisitsResult>('survey', 'importVisits', { csv }))
    expect(again).toMatchObject({ added: 0, skipped: 3, codes: [] })
    const [{ count }] = await host.host.store.sql.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM survey_visits WHERE id LIKE 'IMP-%'`,
    )
    expect(count).toBe(3)

    const opened = dataOf(await open(first.codes[2].code))
    expect(opened.visit).toMatchObject({ type: 'outpatient', departmentName: '眼科', doctor: '李, 医生' })
  })

  it('refuses a wrong header and non-admins', async () => {
    const bad = await admin.call('survey', 'importVisits', { csv: 'id,type\nX,门诊' })
    expect(errorOf(bad).code).toBe('INVALID_INPUT')
    const manager = await host.signIn('manager', 'imp-manager')
    for (const who of [patient, manager]) {
      expect(errorOf(await who.call('survey', 'importVisits', { csv: VISIT_HEADER })).code).toBe('FORBIDDEN')
      expect(errorOf(await who.call('survey', 'visitCode', { visitId: 'IMP-1' })).code).toBe('FORBIDDEN')
    }
  })
})

describe('visit codes', () => {
  it('opens the questionnaire of the visit type, with 不适用 only where it applies', async () => {
    const [outCode] = await importVisits(admin, 'QN-OUT', '呼吸内科', 1)
    const [inCode] = await importVisits(admin, 'QN-IN', '呼吸内科', 1, 'inpatient')
    const outpatient = dataOf(await open(outCode)).questionnaire
    const inpatient = dataOf(await open(inCode)).questionnaire
    expect(outpatient.items.map((i) => i.label)).toEqual([
      '挂号便捷',
      '候诊时间',
      '医生沟通与解释',
      '护士服务',
      '检查检验',
      '取药与用药说明',
      '环境与标识',
      '隐私保护',
      '费用透明',
      '服务礼仪与态度',
      '总体满意度',
    ])
    expect(inpatient.items.map((i) => i.label)).toEqual([
      '入院办理',
      '医生',
      '护士',
      '病房环境与卫生',
      '饮食',
      '用药与治疗解释',
      '出院指导',
      '隐私保护',
      '费用透明',
      '服务礼仪与态度',
      '总体满意度',
    ])
    expect(outpatient).toMatchObject({ id: 'outpatient', version: 1 })
    expect(outpatient.items.find((i) => i.id === 'overall')?.allowNA).toBe(false)
    expect(outpatient.items.filter((i) => i.allowNA).map((i) => i.label)).toEqual([
      '护士服务',
      '检查检验',
      '取药与用药说明',
    ])
  })

  it('visitCode reissues a working code; tampered or garbage codes are INVALID_INPUT', async () => {
    await importVisits(admin, 'CODE', '消化内科', 1)
    const issued = dataOf(await admin.call<{ code: string }>('survey', 'visitCode', { visitId: 'CODE-0' }))
    dataOf(await open(issued.code))
    dataOf(await open(`https://renxin.example/pages/survey/fill/index?code=${encodeURIComponent(issued.code)}`))
    const [id, issuedAt, signature] = issued.code.split('.')
    for (const bad of [`CODE-1.${issuedAt}.${signature}`, `${id}.${issuedAt}.${signature.slice(1)}x`, 'hello']) {
      const error = errorOf(await open(bad))
      expect(error.code).toBe('INVALID_INPUT')
      expect(error.fields?.[0].path).toBe('code')
    }
    expect(errorOf(await admin.call('survey', 'visitCode', { visitId: 'NOPE' })).code).toBe('NOT_FOUND')
  })

  it('a code expires after 30 days', async () => {
    const [code] = await importVisits(admin, 'EXP', '消化内科', 1)
    try {
      host.setClock(new Date(Date.now() + 29 * DAY_MS))
      dataOf(await open(code, await host.signIn('patient', 'exp-29')))
      host.setClock(new Date(Date.now() + 31 * DAY_MS))
      const later = await host.signIn('patient', 'exp-31')
      expect(errorOf(await open(code, later)).code).toBe('EXPIRED')
      const submit = await later.call('survey', 'submit', { code, answers: {}, recommend: 5 })
      expect(errorOf(submit).code).toBe('EXPIRED')
    } finally {
      host.setClock(null)
    }
  })
})

describe('submit', () => {
  it('names every unanswered or wrongly 不适用 item', async () => {
    const [code] = await importVisits(admin, 'VAL', '神经内科', 1)
    const opened = dataOf(await open(code))
    const answers = answersFor(opened, 4)
    delete answers.waiting
    answers.overall = null
    answers.tests = null
    answers.bogus = 3
    const error = errorOf(
      await patient.call('survey', 'submit', {
        code,
        answers,
        recommend: 8,
        comment: 'x'.repeat(20),
        commentConsent: true,
      }),
    )
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.fields?.map((f) => f.path).sort()).toEqual(['answers.bogus', 'answers.overall', 'answers.waiting'])

    const outOfRange = errorOf(
      await patient.call('survey', 'submit', {
        code,
        answers: { ...answersFor(opened, 4), courtesy: 6 },
        recommend: 11,
        comment: '长'.repeat(501),
        commentConsent: true,
      }),
    )
    expect(outOfRange.fields?.map((f) => f.path).sort()).toEqual(['answers.courtesy', 'comment', 'recommend'])
  })

  it('refuses a comment sent without 单独同意, and stores nothing of that answer', async () => {
    const [code] = await importVisits(admin, 'CONSENT', '神经内科', 1)
    const opened = dataOf(await open(code))
    const body = { code, answers: answersFor(opened, 4), recommend: 8 }
    const refused = errorOf(await patient.call('survey', 'submit', { ...body, comment: '医生讲得很清楚' }))
    expect(refused.code).toBe('INVALID_INPUT')
    expect(refused.fields).toEqual([{ path: 'comment', message: SENSITIVE_TEXT_REFUSED }])
    // The visit is still open: nothing was stored, and the answer goes through without the comment.
    expect(dataOf(await open(code)).visit.departmentName).toBe('神经内科')
    expect(dataOf(await patient.call<SubmitResult>('survey', 'submit', body))).toMatchObject({ submitted: true })
  })

  it('stores one response per visit; a retry with the same requestId gets the first result', async () => {
    const [code] = await importVisits(admin, 'ONE', '神经内科', 1)
    const opened = dataOf(await open(code))
    const body = { code, answers: answersFor(opened, 5), recommend: 10, comment: '很好', commentConsent: true }
    const first = dataOf(await patient.call<SubmitResult>('survey', 'submit', body, 'req-one-visit-1'))
    expect(first).toEqual({ submitted: true, alert: false })
    const retry = dataOf(await patient.call<SubmitResult>('survey', 'submit', body, 'req-one-visit-1'))
    expect(retry).toEqual(first)
    const second = errorOf(await patient.call('survey', 'submit', body, 'req-one-visit-2'))
    expect(second.code).toBe('CONFLICT')
    expect(errorOf(await open(code)).code).toBe('CONFLICT')
  })

  it('20 concurrent submits of one code store exactly one response', async () => {
    const [code] = await importVisits(admin, 'RACE', '口腔科', 1)
    const opened = dataOf(await open(code))
    const patients = await Promise.all(Array.from({ length: 20 }, (_, i) => host.signIn('patient', `race-${i}`)))
    const count = async () =>
      (
        await host.host.store.sql.query<{ count: number }>(
          `SELECT count(*)::int AS count FROM survey_responses r JOIN departments d ON d.id = r.department_id
           WHERE d.name = '口腔科'`,
        )
      )[0].count
    const before = await count()
    const replies = await Promise.all(
      patients.map((p) => p.call('survey', 'submit', { code, answers: answersFor(opened, 4), recommend: 7 })),
    )
    expect(replies.filter((r) => r.body.ok)).toHaveLength(1)
    expect(replies.filter((r) => !r.body.ok).map((r) => errorOf(r).code)).toEqual(Array(19).fill('CONFLICT'))
    expect(await count()).toBe(before + 1)
  })

  it('limits submits per caller', async () => {
    const spammer = await host.signIn('patient', 'spammer')
    const codes = Array.from({ length: 11 }, () => 'not-a-code')
    const replies = []
    for (const code of codes) replies.push(await spammer.call('survey', 'submit', { code, answers: {}, recommend: 5 }))
    expect(replies.slice(0, 10).map((r) => errorOf(r).code)).toEqual(Array(10).fill('INVALID_INPUT'))
    expect(errorOf(replies[10]).code).toBe('RATE_LIMITED')
  })

  it('records a praised staff member in staff_mentions, with the employee number when the name is unique', async () => {
    const roster = buildRoster(ROSTER_SIZE).filter((s) => s.departmentName === '骨科')
    const unique = roster.find((s) => roster.filter((o) => o.name === s.name).length === 1)
    if (!unique) throw new Error('no unique name in 骨科')
    const codes = await importVisits(admin, 'PRAISE', '骨科', 2)
    const praise = async (code: string, who: string, praiseStaff: string) => {
      const opened = dataOf(await open(code, await host.signIn('patient', who)))
      const p = await host.signIn('patient', who)
      dataOf(await p.call('survey', 'submit', { code, answers: answersFor(opened, 5), recommend: 10, praiseStaff }))
    }
    await praise(codes[0], 'praise-1', unique.name)
    await praise(codes[1], 'praise-2', '不存在的人')
    const mentions = await host.host.store.sql.query<{
      employee_no: string | null
      staff_name: string
      source: string
    }>(
      `SELECT m.employee_no, m.staff_name, m.source FROM staff_mentions m JOIN departments d ON d.id = m.department_id
       WHERE d.name = '骨科' ORDER BY m.id`,
    )
    expect(mentions).toEqual([
      { employee_no: unique.employeeNo, staff_name: unique.name, source: 'survey' },
      { employee_no: null, staff_name: '不存在的人', source: 'survey' },
    ])
  })
})

describe('anonymity and counters', () => {
  it('no response row or API result carries the OPENID, user id or visit id', async () => {
    const who = await host.signIn('patient', 'anon-patient')
    const [code] = await importVisits(admin, 'ANON', '儿科', 1)
    const opened = dataOf(await open(code, who))
    const submitted = await who.call('survey', 'submit', {
      code,
      answers: answersFor(opened, 1),
      recommend: 0,
      comment: '体验很差',
      commentConsent: true,
    })
    expect(dataOf(submitted)).toEqual({ submitted: true, alert: true })

    const columns = await host.host.store.sql.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'survey_responses'`,
    )
    expect(columns.map((c) => c.column_name).filter((c) => /user|openid|visit_id|created_at/.test(c))).toEqual([])
    const rows = JSON.stringify(await host.host.store.sql.query('SELECT * FROM survey_responses'))
    const alertRows = JSON.stringify(
      await host.host.store.sql.query('SELECT * FROM survey_alerts a JOIN survey_responses r ON r.id = a.response_id'),
    )
    const departments = await departmentsByName(admin)
    const departmentId = departments.get('儿科')?.id
    const month = chinaDate(new Date()).slice(0, 7)
    const results = JSON.stringify([
      submitted.body,
      (await admin.call('survey', 'alerts', { filter: 'all' })).body,
      (await admin.call('survey', 'dashboard', { departmentId, from: month, to: month })).body,
      (await admin.call('survey', 'export', { departmentId, from: month, to: month })).body,
      (await who.call('survey', 'board', {})).body,
    ])
    for (const secret of [who.user.openid, who.user.id, 'ANON-0']) {
      expect(rows).not.toContain(secret)
      expect(alertRows).not.toContain(secret)
      expect(results).not.toContain(secret)
    }
  })

  it('the counters equal a recount of the responses', async () => {
    const codes = await importVisits(admin, 'COUNT', '耳鼻喉科', 3)
    await submitScore(host, codes[0], 'count-1', 3)
    await submitScore(host, codes[1], 'count-2', 5, 4)
    const thirdPatient = await host.signIn('patient', 'count-3')
    const opened = dataOf(await open(codes[2], thirdPatient))
    dataOf(
      await thirdPatient.call('survey', 'submit', {
        code: codes[2],
        answers: { ...answersFor(opened, 2), tests: null, pharmacy: null },
        recommend: 6,
      }),
    )
    const sql = host.host.store.sql
    const counters = await sql.query(
      `SELECT department_id, month, visit_type, item_id, n1, n2, n3, n4, n5, na FROM survey_item_counters
       ORDER BY department_id, month, visit_type, item_id`,
    )
    const recount = await sql.query(
      `SELECT r.department_id, r.month, r.visit_type, a.key AS item_id,
              count(*) FILTER (WHERE a.value = '1')::int AS n1, count(*) FILTER (WHERE a.value = '2')::int AS n2,
              count(*) FILTER (WHERE a.value = '3')::int AS n3, count(*) FILTER (WHERE a.value = '4')::int AS n4,
              count(*) FILTER (WHERE a.value = '5')::int AS n5, count(*) FILTER (WHERE a.value = 'null')::int AS na
       FROM survey_responses r, jsonb_each(r.answers) a GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    )
    expect(counters.length).toBeGreaterThan(0)
    expect(counters).toEqual(recount)
    const months = await sql.query(
      `SELECT department_id, month, visit_type, responses, recommend_sum, promoters, detractors FROM survey_month_counters
       ORDER BY 1, 2, 3`,
    )
    const monthRecount = await sql.query(
      `SELECT department_id, month, visit_type, count(*)::int AS responses, sum(recommend)::int AS recommend_sum,
              count(*) FILTER (WHERE recommend >= 9)::int AS promoters,
              count(*) FILTER (WHERE recommend <= 6)::int AS detractors
       FROM survey_responses GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    )
    expect(months).toEqual(monthRecount)
  })
})

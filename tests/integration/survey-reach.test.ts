import type {
  AlertView,
  Board,
  Dashboard,
  Improvement,
  ImportVisitsResult,
  OpenVisitResult,
  VisitCode,
  VisitQr,
} from '../../src/contract'
import { HOSPITAL_WRONG_CODE_BURST } from '../../src/cloud/domain/survey/code-guard'
import { shiftMonth } from '../../src/contract/month'
import { answersFor, chinaDate, departmentIdIn, departmentsByName, VISIT_HEADER } from '../support/survey'
import { dataOf, errorOf, startTestHost, type SignedIn, type TestHost } from '../support/test-host'

let host: TestHost
let admin: SignedIn
let departments: Map<string, { id: string }>

const DAY_MS = 24 * 3600 * 1000

beforeAll(async () => {
  host = await startTestHost()
  admin = await host.signIn('admin')
  departments = await departmentsByName(admin)
})
afterAll(async () => {
  await host.close()
})
afterEach(() => host.setClock(null))

const departmentId = (name: string) => departmentIdIn(departments, name)

async function importOne(visitId: string, department: string, visitDate = chinaDate(new Date())): Promise<VisitCode> {
  const csv = [VISIT_HEADER, `${visitId},outpatient,${department},${visitDate},`].join('\n')
  const result = dataOf(await admin.call<ImportVisitsResult>('survey', 'importVisits', { csv }))
  expect(result.codes).toHaveLength(1)
  return result.codes[0]
}

async function answer(patientId: string, code: string, score: number, extra: Record<string, unknown> = {}) {
  const patient = await host.signIn('patient', patientId)
  const opened = dataOf(await patient.call<OpenVisitResult>('survey', 'openVisit', { code }))
  return patient.call<{ submitted: true; alert: boolean }>('survey', 'submit', {
    code,
    answers: answersFor(opened, score),
    recommend: score * 2,
    ...extra,
  })
}

describe('codes a receipt, a mini-program code and a person can carry', () => {
  it('issues a long code, a signed scene of at most 32 letters and digits, and an 8-character short code', async () => {
    const issued = await importOne('REACH-1', '心内科')
    expect(issued).toMatchObject({ visitId: 'REACH-1', departmentName: '心内科', visitType: 'outpatient' })
    expect(issued.shortCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/)
    expect(issued.scene).toMatch(/^[A-Za-z0-9]{1,32}$/)
    expect(issued.scene.startsWith(issued.shortCode)).toBe(true)
    expect(Date.parse(issued.expiresAt)).toBeGreaterThan(Date.now() + 29 * DAY_MS)
    const again = dataOf(await admin.call<VisitCode>('survey', 'visitCode', { visitId: 'REACH-1' }))
    expect(again).toMatchObject({ shortCode: issued.shortCode, scene: issued.scene, visitDate: issued.visitDate })
  })

  it('opens the same visit from every form: long, short typed loosely, scene, and links or paths carrying them', async () => {
    const issued = await importOne('REACH-2', '骨科')
    const loose = `${issued.shortCode.slice(0, 4).toLowerCase()} - ${issued.shortCode.slice(4)}`
    const forms = [
      issued.code,
      issued.shortCode,
      loose,
      issued.scene,
      `https://renxin.example/#/pages/survey/rate/index?code=${encodeURIComponent(issued.code)}`,
      `pages/survey/rate/index?scene=${encodeURIComponent(issued.scene)}`,
      `/pages/survey/rate/index?code=${issued.shortCode}&from=slip`,
    ]
    const patient = await host.signIn('patient', 'reach-forms')
    for (const code of forms) {
      const opened = dataOf(await patient.call<OpenVisitResult>('survey', 'openVisit', { code }))
      expect(opened.visit).toMatchObject({ departmentName: '骨科', visitDate: issued.visitDate })
    }
    expect(dataOf(await answer('reach-forms', loose, 5))).toEqual({ submitted: true, alert: false })
    const answered = await patient.call('survey', 'openVisit', { code: issued.scene })
    expect(errorOf(answered).code).toBe('CONFLICT')
  })

  it('answers malformed codes, broken escapes and tampered scenes with INVALID_INPUT, never INTERNAL', async () => {
    const issued = await importOne('REACH-3', '骨科')
    const tampered = `${issued.scene.slice(0, -1)}${issued.scene.endsWith('A') ? 'B' : 'A'}`
    const patient = await host.signIn('patient', 'reach-malformed')
    for (const code of [
      '?code=%E0%A4%A',
      'pages/survey/rate/index?scene=%ZZ',
      tampered,
      'ABCDEFG1',
      `${issued.shortCode.slice(0, 7)}`,
      'x'.repeat(28),
    ]) {
      const reply = await patient.call('survey', 'openVisit', { code })
      expect(reply.status).toBe(400)
      expect(errorOf(reply)).toMatchObject({ code: 'INVALID_INPUT', message: '评价码无效，请核对后重新输入' })
    }
  })

  it('a short code and scene stop working 30 days after the visit', async () => {
    const issued = await importOne('REACH-4', '骨科', chinaDate(new Date(), 2))
    host.setClock(new Date(Date.parse(issued.expiresAt) + 60_000))
    const patient = await host.signIn('patient', 'reach-expiry')
    for (const code of [issued.shortCode, issued.scene]) {
      expect(errorOf(await patient.call('survey', 'openVisit', { code })).code).toBe('EXPIRED')
    }
  })

  it('the 11th wrong code from one caller within a minute is RATE_LIMITED, even a right one', async () => {
    const issued = await importOne('REACH-5', '骨科')
    const guesser = await host.signIn('patient', 'reach-guesser')
    for (let i = 0; i < 10; i++) {
      const reply = await guesser.call('survey', 'openVisit', { code: `ZZZZZZ${'23456789AB'[i]}${i % 2 ? 'C' : 'D'}` })
      expect(errorOf(reply).code).toBe('INVALID_INPUT')
    }
    const eleventh = await guesser.call('survey', 'openVisit', { code: issued.shortCode })
    expect(eleventh.status).toBe(429)
    expect(errorOf(eleventh).code).toBe('RATE_LIMITED')
    const other = await host.signIn('patient', 'reach-honest')
    dataOf(await other.call('survey', 'openVisit', { code: issued.shortCode }))
    host.setClock(new Date(Date.now() + 61_000))
    dataOf(await guesser.call('survey', 'openVisit', { code: issued.shortCode }))
  })

  it('a burst of wrong codes across callers tightens every caller to 3 a minute and is audited once', async () => {
    // A fresh minute of its own, so the other tests' wrong codes do not count towards the burst.
    host.setClock(new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 5 * 60_000))
    const callers = await Promise.all(
      Array.from({ length: HOSPITAL_WRONG_CODE_BURST / 10 }, (_, i) => host.signIn('patient', `burst-${i}`)),
    )
    // 99 wrong codes: ten callers with nine each, then nine more with a tenth each.
    const wrong = async (caller: SignedIn) =>
      errorOf(await caller.call('survey', 'openVisit', { code: 'ZZZZZZZZ' })).code
    for (const caller of callers) for (let i = 0; i < 9; i++) expect(await wrong(caller)).toBe('INVALID_INPUT')
    for (const caller of callers.slice(1)) expect(await wrong(caller)).toBe('INVALID_INPUT')
    const late = await host.signIn('patient', 'burst-late')
    for (let i = 0; i < 3; i++) expect(await wrong(late)).toBe('INVALID_INPUT')
    expect(await wrong(late)).toBe('RATE_LIMITED')
    // The first caller had nine, one short of the normal limit, but the burst tightened it to three.
    expect(await wrong(callers[0])).toBe('RATE_LIMITED')
    const audit = dataOf(
      await admin.call<{ target: string; details: Record<string, unknown> }[]>('identity', 'auditLog', { limit: 50 }),
    )
    expect(audit.filter((entry) => entry.target === 'survey:visitCodes')).toHaveLength(1)
  })

  it('the local host draws the slip QR as a link to the H5 rate page carrying the scene', async () => {
    const issued = await importOne('REACH-6', '眼科')
    const qr = dataOf(await admin.call<VisitQr>('survey', 'visitQr', { visitId: 'REACH-6' }))
    expect(qr.kind).toBe('qr')
    expect(qr.image).toMatch(/^data:image\/png;base64,/)
    expect(qr.target).toBe(`${host.url}/#/pages/survey/rate/index?scene=${issued.scene}`)
    dataOf(await (await host.signIn('patient', 'reach-qr')).call('survey', 'openVisit', { code: qr.target }))
    expect(errorOf(await admin.call('survey', 'visitQr', { visitId: 'NO-SUCH' })).code).toBe('NOT_FOUND')
  })
})

describe('call-back by consent', () => {
  let manager: SignedIn

  beforeAll(async () => {
    manager = await host.signIn('manager', 'reach-manager', departmentId('康复医学科'))
  })

  // Signs in afresh each time: a moved clock outlives the previous token.
  const alertsOf = async () => {
    const fresh = await host.signIn('manager', 'reach-manager', departmentId('康复医学科'))
    return dataOf(await fresh.call<AlertView[]>('survey', 'alerts', { filter: 'all' }))
  }

  it('keeps the number on a low score given with consent, offers a call only there, and refuses one without', async () => {
    const consented = await importOne('CALL-1', '康复医学科')
    const anonymous = await importOne('CALL-2', '康复医学科')
    const happy = await importOne('CALL-3', '康复医学科')
    const contact = { phone: '13912345678', consent: true }
    expect(
      dataOf(await answer('call-1', consented.shortCode, 1, { contact, comment: '态度差', commentConsent: true })),
    ).toMatchObject({
      alert: true,
    })
    expect(
      dataOf(await answer('call-2', anonymous.shortCode, 1, { comment: '等太久', commentConsent: true })),
    ).toMatchObject({ alert: true })
    expect(dataOf(await answer('call-3', happy.shortCode, 5, { contact }))).toMatchObject({ alert: false })

    const alerts = await alertsOf()
    const withPhone = alerts.find((a) => a.comment === '态度差') as AlertView
    const withoutPhone = alerts.find((a) => a.comment === '等太久') as AlertView
    expect(withPhone).toMatchObject({
      contactPhone: '13912345678',
      actions: ['called', 'explained', 'fixedProcess', 'noContact'],
    })
    expect(withoutPhone).toMatchObject({ contactPhone: null, actions: ['explained', 'fixedProcess'] })
    const [{ count }] = await host.host.store.sql.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM survey_alerts WHERE contact_phone = '13912345678'`,
    )
    expect(count).toBe(1)

    const refused = await manager.call('survey', 'followUp', {
      alertId: withoutPhone.id,
      action: 'called',
      note: '已致电',
    })
    expect(errorOf(refused)).toMatchObject({ code: 'INVALID_INPUT', fields: [{ path: 'action' }] })
    const called = dataOf(
      await manager.call<AlertView>('survey', 'followUp', {
        alertId: withPhone.id,
        action: 'called',
        note: '已致电致歉',
      }),
    )
    expect(called.history).toMatchObject([{ action: 'called' }])
  })

  it('validates the call-back: a real mobile number and an explicit yes', async () => {
    const visit = await importOne('CALL-4', '康复医学科')
    for (const contact of [
      { phone: '12345', consent: true },
      { phone: '13912345678', consent: false },
      { phone: '13912345678' },
    ]) {
      const reply = await answer('call-4', visit.code, 2, { contact })
      expect(errorOf(reply).code).toBe('INVALID_INPUT')
      expect(errorOf(reply).fields?.[0].path).toMatch(/^contact\./)
    }
  })

  it('erases the number 30 days after the alert is closed, and not before', async () => {
    const visit = await importOne('CALL-5', '康复医学科')
    dataOf(
      await answer('call-5', visit.shortCode, 1, {
        contact: { phone: '13700001111', consent: true },
        comment: '回访我',
        commentConsent: true,
      }),
    )
    const alert = (await alertsOf()).find((a) => a.comment === '回访我') as AlertView
    dataOf(await manager.call('survey', 'closeAlert', { alertId: alert.id, note: '已处理' }))
    const sweep = async () => (await fetch(`${host.url}/dev/sweep`, { method: 'POST' })).json()
    host.setClock(new Date(Date.now() + 29 * DAY_MS))
    await sweep()
    expect((await alertsOf()).find((a) => a.id === alert.id)?.contactPhone).toBe('13700001111')
    host.setClock(new Date(Date.now() + 31 * DAY_MS))
    const run = (await sweep()) as { sweeps: Record<string, number> }
    expect(run.sweeps.erasedCallBackNumbers).toBeGreaterThanOrEqual(1)
    expect((await alertsOf()).find((a) => a.id === alert.id)?.contactPhone).toBeNull()
  })
})

describe('response rate by visit month', () => {
  it('a late answer counts towards its visit month, so the rate never passes 100%', async () => {
    // Seen on the last day of last month, answered an hour into this one, whatever today's date.
    const nextMonth = chinaDate(new Date()).slice(0, 7)
    const visitMonth = shiftMonth(nextMonth, -1)
    const firstOfThisMonth = new Date(`${nextMonth}-01T00:00:00+08:00`)
    const visit = await importOne('LATE-1', '耳鼻喉科', chinaDate(new Date(firstOfThisMonth.getTime() - DAY_MS)))
    expect(visit.visitDate.slice(0, 7)).toBe(visitMonth)
    host.setClock(new Date(firstOfThisMonth.getTime() + 3600_000))
    dataOf(await answer('late-1', visit.shortCode, 5))
    // Signed in after the clock moved: a token lasts 7 days, and the next month may be 31 away.
    const manager = await host.signIn('manager', 'rate-manager', departmentId('耳鼻喉科'))
    const range = (m: string) => ({ departmentId: departmentId('耳鼻喉科'), from: m, to: m })
    const then = dataOf(await manager.call<Dashboard>('survey', 'dashboard', range(visitMonth)))
    expect(then).toMatchObject({ visits: 1, responses: 1, responseRate: 1 })
    const now = dataOf(await manager.call<Dashboard>('survey', 'dashboard', range(nextMonth)))
    expect(now).toMatchObject({ visits: 0, responses: 0, responseRate: null })
  })
})

describe('你说·我们做', () => {
  it('managers of the department and admins publish; the board lists them newest first, at most 20', async () => {
    const own = await host.signIn('manager', 'improve-own', departmentId('口腔科'))
    const other = await host.signIn('manager', 'improve-other', departmentId('眼科'))
    const patient = await host.signIn('patient', 'improve-patient')
    const input = { departmentId: departmentId('口腔科'), said: '取号后等候时间太长', did: '上午增开两个诊室' }
    for (const who of [other, patient]) {
      expect(errorOf(await who.call('survey', 'publishImprovement', input)).code).toBe('FORBIDDEN')
    }
    expect(errorOf(await own.call('survey', 'publishImprovement', { ...input, did: '改' })).fields?.[0].path).toBe(
      'did',
    )
    const first = dataOf(await own.call<Improvement>('survey', 'publishImprovement', input))
    expect(first).toMatchObject({ ...input, departmentName: '口腔科', publishedOn: chinaDate(new Date()) })
    for (let i = 0; i < 20; i++) {
      dataOf(
        await admin.call('survey', 'publishImprovement', {
          ...input,
          said: `第${i}条意见：指示不清`,
          did: `第${i}项改进：更换指示牌`,
        }),
      )
    }
    const board = dataOf(await patient.call<Board>('survey', 'board', {}))
    expect(board.improvements).toHaveLength(20)
    expect(board.improvements[0].said).toBe('第19条意见：指示不清')
    expect(board.improvements.map((i) => i.id)).not.toContain(first.id)
  })
})

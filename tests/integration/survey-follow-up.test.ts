import type { AlertView, Board, Dashboard, CsvExport } from '../../src/contract'
import { chinaDate, departmentIdIn, departmentsByName, importVisits, submitScore } from '../support/survey'
import { dataOf, errorOf, startTestHost, type SignedIn, type TestHost } from '../support/test-host'

const outpatientItems = (dashboard: Dashboard) =>
  dashboard.sections.find((s) => s.visitType === 'outpatient')?.items ?? []

let host: TestHost
let admin: SignedIn
let departments: Map<string, { id: string }>

const HOUR_MS = 3600 * 1000
const month = chinaDate(new Date()).slice(0, 7)

beforeAll(async () => {
  host = await startTestHost()
  admin = await host.signIn('admin')
  departments = await departmentsByName(admin)
})
afterAll(async () => {
  await host.close()
})

const departmentId = (name: string) => departmentIdIn(departments, name)

async function outbox(userId: string): Promise<{ template: string; payload: Record<string, unknown> }[]> {
  const response = await fetch(`${host.url}/dev/outbox?userId=${userId}`)
  return (await response.json()) as { template: string; payload: Record<string, unknown> }[]
}

describe('low-score alerts', () => {
  let manager: SignedIn
  let otherManager: SignedIn
  let alert: AlertView

  beforeAll(async () => {
    manager = await host.signIn('manager', 'uro-manager', departmentId('泌尿外科'))
    otherManager = await host.signIn('manager', 'derm-manager', departmentId('中医科'))
  })

  it('a good score raises nothing; 总体 ≤ 2 or any item at 1 alerts the department managers at once', async () => {
    const codes = await importVisits(admin, 'ALERT', '泌尿外科', 3)
    expect(dataOf(await submitScore(host, codes[0], 'alert-1', 4))).toEqual({ submitted: true, alert: false })
    expect(dataOf(await submitScore(host, codes[1], 'alert-2', 3, 2))).toEqual({ submitted: true, alert: true })
    expect(dataOf(await submitScore(host, codes[2], 'alert-3', 1, 4))).toEqual({ submitted: true, alert: true })

    const open = dataOf(await manager.call<AlertView[]>('survey', 'alerts', {}))
    expect(open).toHaveLength(2)
    alert = open.find((a) => a.overall === 2) as AlertView
    expect(alert).toMatchObject({ status: 'open', overdue: false, departmentName: '泌尿外科', visitType: 'outpatient' })
    expect(alert.createdOn).toBe(chinaDate(new Date()))
    expect(alert).not.toHaveProperty('createdAt')
    expect(alert.lowItems.map((i) => i.label)).toContain('总体满意度')
    const worstFirst = open.find((a) => a.overall === 4) as AlertView
    expect(worstFirst.lowItems.map((i) => i.score)).toEqual([...worstFirst.lowItems.map((i) => i.score)].sort())

    const messages = await outbox(manager.user.id)
    expect(messages.filter((m) => m.template === 'surveyLowScore')).toHaveLength(2)
    expect(messages[0].payload).toMatchObject({ department: '泌尿外科' })
    expect(await outbox(otherManager.user.id)).toEqual([])
  })

  it('refuses a manager of another department and patients', async () => {
    const patient = await host.signIn('patient', 'nosy-patient')
    const own = departmentId('泌尿外科')
    for (const reply of [
      await otherManager.call('survey', 'alerts', { departmentId: own }),
      await otherManager.call('survey', 'followUp', { alertId: alert.id, action: 'called', note: '已回访' }),
      await otherManager.call('survey', 'closeAlert', { alertId: alert.id }),
      await otherManager.call('survey', 'dashboard', { departmentId: own, from: month, to: month }),
      await otherManager.call('survey', 'export', { departmentId: own, from: month, to: month }),
      await patient.call('survey', 'alerts', {}),
      await patient.call('survey', 'followUp', { alertId: alert.id, action: 'called', note: '已回访' }),
      await patient.call('survey', 'closeAlert', { alertId: alert.id }),
      await patient.call('survey', 'dashboard', { departmentId: own, from: month, to: month }),
      await patient.call('survey', 'export', { departmentId: own, from: month, to: month }),
    ]) {
      expect(errorOf(reply).code).toBe('FORBIDDEN')
    }
    expect(dataOf(await otherManager.call<AlertView[]>('survey', 'alerts', {}))).toEqual([])
  })

  it('open alerts are overdue once their whole day lies more than 48 h back, never sooner', async () => {
    try {
      host.setClock(new Date(Date.now() + 47 * HOUR_MS))
      const early = await host.signIn('manager', 'uro-manager', departmentId('泌尿外科'))
      expect(dataOf(await early.call<AlertView[]>('survey', 'alerts', { filter: 'overdue' }))).toEqual([])
      host.setClock(new Date(Date.now() + 73 * HOUR_MS))
      const late = await host.signIn('manager', 'uro-manager', departmentId('泌尿外科'))
      const overdue = dataOf(await late.call<AlertView[]>('survey', 'alerts', { filter: 'overdue' }))
      expect(overdue).toHaveLength(2)
      expect(overdue.every((a) => a.overdue)).toBe(true)
    } finally {
      host.setClock(null)
    }
  })

  it('follow-ups and the close are kept as history; a closed alert takes no more', async () => {
    const followed = dataOf(
      await manager.call<AlertView>('survey', 'followUp', {
        alertId: alert.id,
        action: 'explained',
        note: '已在科室说明',
      }),
    )
    expect(followed.history).toMatchObject([{ kind: 'followUp', action: 'explained', note: '已在科室说明' }])
    const closed = dataOf(
      await manager.call<AlertView>('survey', 'closeAlert', { alertId: alert.id, note: '已改进叫号流程' }),
    )
    expect(closed.status).toBe('closed')
    expect(closed.history.map((e) => e.kind)).toEqual(['followUp', 'close'])
    expect(errorOf(await manager.call('survey', 'closeAlert', { alertId: alert.id })).code).toBe('CONFLICT')
    const again = await manager.call('survey', 'followUp', { alertId: alert.id, action: 'explained', note: '再次说明' })
    expect(errorOf(again).code).toBe('CONFLICT')
    expect(dataOf(await manager.call<AlertView[]>('survey', 'alerts', {}))).toHaveLength(1)
    const all = dataOf(await admin.call<AlertView[]>('survey', 'alerts', { filter: 'closed' }))
    expect(all.map((a) => a.id)).toContain(alert.id)
    const bad = await manager.call('survey', 'followUp', { alertId: alert.id, action: 'shrugged', note: '' })
    expect(
      errorOf(bad)
        .fields?.map((f) => f.path)
        .sort(),
    ).toEqual(['action', 'note'])
  })
})

describe('boards', () => {
  it('below 30 answers the board, dashboard and export show counts only; at 30 every figure', async () => {
    const patient = await host.signIn('patient', 'board-reader')
    const eyeManager = await host.signIn('manager', 'eye-manager', departmentId('眼科'))
    const eye = departmentId('眼科')
    const range = { departmentId: eye, from: month, to: month }
    const codes = await importVisits(admin, 'SAMPLE', '眼科', 30)
    for (let i = 0; i < 29; i++) dataOf(await submitScore(host, codes[i], `sample-${i}`, i < 27 ? 5 : 3))
    const at29 = dataOf(await patient.call<Board>('survey', 'board', {}))
    const row29 = at29.departments.find((d) => d.departmentId === eye)
    expect(row29?.current).toEqual({ answered: 29, satisfied: null, rate: null, metTarget: null })
    const dashboard29 = dataOf(await eyeManager.call<Dashboard>('survey', 'dashboard', range))
    expect(outpatientItems(dashboard29).find((i) => i.itemId === 'overall')).toMatchObject({
      answered: 29,
      average: null,
      rate: null,
    })
    expect(dashboard29.recommend).toEqual({ answered: 29, average: null, nps: null })
    expect(dashboard29.weakest).toEqual([])
    const export29 = dataOf(await eyeManager.call<CsvExport>('survey', 'export', range))
    expect(export29.csv).toContain(`${month},眼科,门诊,总体满意度,,,,,,0,29,,样本不足30`)

    dataOf(await submitScore(host, codes[29], 'sample-29', 4))
    const at30 = dataOf(await patient.call<Board>('survey', 'board', { month }))
    const row30 = at30.departments.find((d) => d.departmentId === eye)
    expect(row30?.current).toEqual({ answered: 30, satisfied: 28, rate: 28 / 30, metTarget: false })
    const dashboard30 = dataOf(await eyeManager.call<Dashboard>('survey', 'dashboard', range))
    expect(outpatientItems(dashboard30).find((i) => i.itemId === 'overall')).toMatchObject({
      answered: 30,
      average: 4.83,
      rate: 28 / 30,
    })
    expect(dashboard30.recommend).toEqual({ answered: 30, average: 9, nps: 100 })
    const export30 = dataOf(await eyeManager.call<CsvExport>('survey', 'export', range))
    expect(export30.csv).toContain(`${month},眼科,门诊,总体满意度,27,1,2,0,0,0,30,4.83,93.3%`)
    expect(at30.month).toBe(month)
    expect(at30.trend).toHaveLength(12)
    expect(at30.trend[11].month).toBe(month)
    expect(at30.trend[11].answered).toBe(at30.hospital.current.answered)
    expect(at30.hospital.current.answered).toBeGreaterThanOrEqual(30)
    expect(at30.target).toBe(0.95)
  })

  it('the dashboard and export give a small department its counts, response rate and comments, and nothing derived', async () => {
    const manager = await host.signIn('manager', 'endo-manager', departmentId('内分泌科'))
    const codes = await importVisits(admin, 'DASH', '内分泌科', 4)
    await submitScore(host, codes[0], 'dash-1', 5)
    await submitScore(host, codes[1], 'dash-2', 4)
    const p = await host.signIn('patient', 'dash-3')
    const opened = dataOf(
      await p.call<{ questionnaire: { items: { id: string }[] } }>('survey', 'openVisit', {
        code: codes[2],
      }),
    )
    const answers = Object.fromEntries(opened.questionnaire.items.map((i) => [i.id, i.id === 'waiting' ? 2 : 4]))
    dataOf(
      await p.call('survey', 'submit', {
        code: codes[2],
        answers: { ...answers, tests: null },
        recommend: 3,
        comment: '排队太久',
        commentConsent: true,
      }),
    )

    const input = { departmentId: departmentId('内分泌科'), from: month, to: month }
    const dashboard = dataOf(await manager.call<Dashboard>('survey', 'dashboard', input))
    expect(dashboard).toMatchObject({ responses: 3, visits: 4, responseRate: 0.75, departmentName: '内分泌科' })
    expect(dashboard.weakest).toEqual([])
    expect(outpatientItems(dashboard).find((i) => i.itemId === 'waiting')).toMatchObject({
      answered: 3,
      average: null,
      rate: null,
    })
    expect(outpatientItems(dashboard).find((i) => i.itemId === 'tests')).toMatchObject({
      answered: 2,
      notApplicable: 1,
    })
    expect(dashboard.recommend).toEqual({ answered: 3, average: null, nps: null })
    expect(dashboard.comments).toEqual([{ month, visitType: 'outpatient', overall: 4, comment: '排队太久' }])

    const exported = dataOf(await manager.call<CsvExport>('survey', 'export', input))
    expect(exported.csv.startsWith('\uFEFF月份,科室,类型,项目,非常满意')).toBe(true)
    expect(exported.csv).toContain(`${month},内分泌科,门诊,候诊时间,,,,,,0,3,,样本不足30`)
    expect(exported.csv).not.toContain('66.7%')
    expect(exported.filename).toContain('内分泌科')

    const range = { departmentId: input.departmentId, from: month, to: '2020-01' }
    expect(errorOf(await manager.call('survey', 'dashboard', range)).fields?.[0].path).toBe('to')
  })

  it('a board served again while nothing changed shows a new answer and a new improvement at once', async () => {
    const dentistry = departmentId('口腔科')
    const manager = await host.signIn('manager', 'dental-manager', dentistry)
    const reader = await host.signIn('patient', 'dental-board-reader')
    const [code] = await importVisits(admin, 'DENT', '口腔科', 1)
    const rowOf = (board: Board) => board.departments.find((d) => d.departmentId === dentistry)
    const before = dataOf(await reader.call<Board>('survey', 'board', { month }))
    expect(dataOf(await reader.call<Board>('survey', 'board', { month }))).toEqual(before)
    dataOf(await submitScore(host, code, 'dental-1', 5))
    const answered = dataOf(await reader.call<Board>('survey', 'board', { month }))
    expect(rowOf(answered)?.current.answered).toBe((rowOf(before)?.current.answered ?? 0) + 1)
    const improvement = { departmentId: dentistry, said: '候诊区太拥挤', did: '增设候诊座椅二十个' }
    dataOf(await manager.call('survey', 'publishImprovement', improvement, 'dental-improvement'))
    const published = dataOf(await reader.call<Board>('survey', 'board', { month }))
    expect(published.improvements[0]).toMatchObject(improvement)
  })

  it('the dashboard shows 门诊 and 住院 apart, each with its own items, and together they make the board', async () => {
    const ent = departmentId('耳鼻喉科')
    const manager = await host.signIn('manager', 'ent-manager', ent)
    const patient = await host.signIn('patient', 'ent-board-reader')
    const outpatient = await importVisits(admin, 'ENT-OUT', '耳鼻喉科', 31)
    const inpatient = await importVisits(admin, 'ENT-IN', '耳鼻喉科', 30, 'inpatient')
    for (const [i, code] of outpatient.entries()) dataOf(await submitScore(host, code, `ent-out-${i}`, i < 29 ? 5 : 2))
    for (const [i, code] of inpatient.entries()) dataOf(await submitScore(host, code, `ent-in-${i}`, i < 24 ? 4 : 3))

    const range = { departmentId: ent, from: month, to: month }
    const dashboard = dataOf(await manager.call<Dashboard>('survey', 'dashboard', range))
    const [out, ward] = dashboard.sections
    expect(dashboard.sections.map((s) => [s.visitType, s.responses])).toEqual([
      ['outpatient', 31],
      ['inpatient', 30],
    ])
    expect(out.satisfaction).toEqual({ answered: 31, satisfied: 29, rate: 29 / 31, metTarget: false })
    expect(ward.satisfaction).toEqual({ answered: 30, satisfied: 24, rate: 0.8, metTarget: false })
    // Each questionnaire's own items, in its order: registration only outpatient, admission only inpatient.
    expect(out.items.map((i) => i.itemId)).toContain('registration')
    expect(out.items.map((i) => i.itemId)).not.toContain('admission')
    expect(ward.items[0]).toMatchObject({ visitType: 'inpatient', itemId: 'admission', rate: 0.8 })
    expect(ward.items.at(-1)?.itemId).toBe('overall')
    // 隐私保护 is asked in both: two figures, not one mixed.
    expect(out.items.find((i) => i.itemId === 'privacy')).toMatchObject({ answered: 31, rate: 29 / 31 })
    expect(ward.items.find((i) => i.itemId === 'privacy')).toMatchObject({ answered: 30, rate: 0.8 })
    expect(dashboard.weakest[0]).toMatchObject({ visitType: 'inpatient', rate: 0.8 })
    expect(dashboard.responses).toBe(out.responses + ward.responses)
    expect(dashboard.recommend.answered).toBe(61)

    const board = dataOf(await patient.call<Board>('survey', 'board', { month }))
    const row = board.departments.find((d) => d.departmentId === ent)
    expect(row?.current.answered).toBe(out.satisfaction.answered + ward.satisfaction.answered)
    expect(row?.current.satisfied).toBe((out.satisfaction.satisfied ?? 0) + (ward.satisfaction.satisfied ?? 0))

    const exported = dataOf(await manager.call<CsvExport>('survey', 'export', range))
    expect(exported.csv).toContain(`${month},耳鼻喉科,门诊,隐私保护,29,0,0,2,0,0,31,`)
    expect(exported.csv).toContain(`${month},耳鼻喉科,住院,隐私保护,0,24,6,0,0,0,30,3.8,80.0%`)
  }, 120_000)
})

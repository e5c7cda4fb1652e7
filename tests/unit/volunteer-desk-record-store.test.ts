import type { CallResult, DeskView, ServiceReport, VolunteerRecord } from '../../src/contract'
import { RootStore } from '../../src/stores/root-store'
import { createMemoryStorage } from '../../src/stores/support/storage'
import { starText } from '../../src/stores/volunteer/record'
import { fakeApi, type Responder } from '../support/fake-api'

const REQUEST = '00000000-0000-4000-8000-0000000000a1'
const VOLUNTEER = '00000000-0000-4000-8000-0000000000b1'

function setup(respond: Responder) {
  const { api, sent } = fakeApi(respond)
  const toasts: string[] = []
  const store = new RootStore({ api, storage: createMemoryStorage(), toast: (m) => toasts.push(m), devSignIn: null })
  return { volunteer: store.volunteer, sent, toasts, actions: () => sent.map((s) => s.event.action) }
}

const ok = <T>(data: T): CallResult<T> => ({ ok: true, data })

const desk: DeskView = {
  onShift: 1,
  volunteersOnShift: [{ userId: VOLUNTEER, name: '王建华', team: '党员', station: '门诊大厅', serving: 0 }],
  waiting: [],
  escalated: [],
  overdue: [],
  autoClosed: [],
}

const record = (page: number, serviceCount: number): VolunteerRecord => ({
  year: 2026,
  minutesThisYear: 0,
  minutesAllTime: 0,
  servedThisYear: 0,
  servedAllTime: 0,
  averageRating: null,
  ratingCount: 0,
  star: { level: 0, name: '未评星', hoursToNext: 100 },
  services: [],
  page,
  pageSize: 20,
  serviceCount,
  training: [],
  awards: [],
})

describe('the service desk assigning a request', () => {
  it('asks for a volunteer first, sends one write for a double tap, and reloads the desk', async () => {
    let answer: (() => void) | undefined
    const { volunteer, sent, toasts, actions } = setup((_fn, event) => {
      if (event.action === 'desk') return ok(desk)
      return new Promise((resolve) => (answer = () => resolve(ok({ id: REQUEST }))))
    })
    const dispatch = volunteer.dispatch
    await dispatch.assign(REQUEST)
    expect(actions()).toEqual([])
    expect(toasts).toEqual(['请先选择在岗志愿者'])

    dispatch.pick(REQUEST, VOLUNTEER)
    const first = dispatch.assign(REQUEST)
    const second = dispatch.assign(REQUEST)
    expect(dispatch.isAssigning(REQUEST)).toBe(true)
    answer?.()
    await Promise.all([first, second])
    const writes = sent.filter((s) => s.event.action === 'assign')
    expect(writes).toHaveLength(1)
    expect(writes[0].event.data).toEqual({ requestId: REQUEST, volunteerId: VOLUNTEER })
    expect(writes[0].event.requestId).toEqual(expect.any(String))
    expect(toasts.at(-1)).toBe('已指派，志愿者会收到通知')
    expect(actions().at(-1)).toBe('desk')
    expect(dispatch.desk?.volunteersOnShift[0].name).toBe('王建华')
  })

  it('shows the server refusal when the request was already claimed', async () => {
    const { volunteer, toasts } = setup((_fn, event) =>
      event.action === 'desk' ? ok(desk) : { ok: false, error: { code: 'CONFLICT', message: '这条呼叫已被接单' } },
    )
    volunteer.dispatch.pick(REQUEST, VOLUNTEER)
    await volunteer.dispatch.assign(REQUEST)
    expect(toasts).toEqual(['这条呼叫已被接单'])
    expect(volunteer.dispatch.isAssigning(REQUEST)).toBe(false)
  })
})

describe('the service record', () => {
  it('pages through the services within the pages there are', async () => {
    const { volunteer, sent } = setup((_fn, event) => ok(record((event.data as { page: number }).page, 45)))
    const records = volunteer.records
    await records.loadRecord()
    expect(records.pageCount).toBe(3)
    await records.stepPage(-1)
    await records.stepPage(1)
    await records.stepPage(1)
    await records.stepPage(1)
    expect(sent.map((s) => s.event.data)).toEqual([{ page: 1 }, { page: 2 }, { page: 3 }])
    expect(records.record?.page).toBe(3)
  })

  it('exports the record once for a double tap, and tells a failure in a toast', async () => {
    let fail = false
    const { volunteer, sent, toasts } = setup(() =>
      fail
        ? { ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用' } }
        : ok({ filename: '志愿服务记录.csv', csv: '\uFEFF姓名\r\n' }),
    )
    const [first, second] = await Promise.all([volunteer.records.exportMyRecord(), volunteer.records.exportMyRecord()])
    expect(first?.filename).toBe('志愿服务记录.csv')
    expect(second).toBeUndefined()
    expect(sent.map((s) => s.event.action)).toEqual(['exportMyRecord'])
    fail = true
    expect(await volunteer.records.exportMyRecord()).toBeUndefined()
    expect(toasts).toEqual(['服务暂时不可用'])
  })

  it('words the star level with the hours to the next', () => {
    expect(starText({ level: 0, name: '未评星', hoursToNext: 0.5 })).toBe('未评星 · 再服务 0.5 小时升星')
    expect(starText({ level: 2, name: '二星', hoursToNext: 300 })).toBe('二星志愿者 · 再服务 300 小时升星')
    expect(starText({ level: 5, name: '五星', hoursToNext: null })).toBe('五星志愿者 · 已达最高星级')
  })
})

describe('reporting an external service', () => {
  it('keeps the form when refused, sends one decision for a double tap, and drops the decided report', async () => {
    let refuse = true
    const report = { id: REQUEST, status: 'pending' } as unknown as ServiceReport
    const { volunteer, sent, toasts } = setup((_fn, event) => {
      if (event.action === 'reportService' && refuse) {
        return { ok: false, error: { code: 'CONFLICT', message: '这次服务已经上报过了' } }
      }
      if (event.action === 'reportsToApprove') return ok([report])
      return ok(report)
    })
    const reports = volunteer.reports
    reports.setForm({ date: '2026-03-01', place: '社区卫生服务中心', content: '健康讲座', hours: '2.5' })
    await reports.report()
    expect(toasts).toEqual(['这次服务已经上报过了'])
    expect(reports.form).toMatchObject({ place: '社区卫生服务中心', hours: '2.5' })
    refuse = false
    await reports.report()
    expect(sent.at(-1)?.event.data).toEqual({
      date: '2026-03-01',
      place: '社区卫生服务中心',
      content: '健康讲座',
      hours: 2.5,
    })
    expect(reports.form.place).toBe('')
    expect(reports.mine).toHaveLength(1)

    await reports.loadToApprove()
    await Promise.all([reports.decide(REQUEST, true), reports.decide(REQUEST, true)])
    expect(sent.filter((s) => s.event.action === 'approveService')).toHaveLength(1)
    expect(reports.toApprove).toEqual([])
    expect(toasts.at(-1)).toBe('已通过，时长已计入')
  })
})

describe('the certificate', () => {
  it('asks for a year or all service, and checks a number for anyone', async () => {
    const { volunteer, sent } = setup((_fn, event) =>
      event.action === 'verifyCertificate' ? ok({ valid: false, status: 'invalid' }) : ok({ number: 'ZYFW-ALL-X' }),
    )
    const certificates = volunteer.certificates
    await certificates.load()
    await certificates.load(2025)
    await certificates.load()
    expect(sent.map((s) => s.event.data)).toEqual([{}, { year: 2025 }, { year: 2025 }])
    certificates.setNumber('ZYFW-2026-ABC')
    await certificates.verify()
    expect(sent.at(-1)?.event).toMatchObject({ action: 'verifyCertificate', data: { number: 'ZYFW-2026-ABC' } })
    expect(certificates.check).toEqual({ valid: false, status: 'invalid' })
  })
})

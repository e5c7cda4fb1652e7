import type { CmeCertificate, CmeProgress, CsvExport, QrCodeView, SessionView, StudyRecord } from '../../src/contract'
import { dataOf, errorOf, type SignedIn, startTestHost, type TestHost } from '../support/test-host'

// 继续医学教育: sessions carry Ⅱ类学分, earned under the attendance rule, against the yearly requirement.
const MINUTE = 60_000
let host: TestHost
let admin: SignedIn
let ent = ''

beforeAll(async () => {
  host = await startTestHost()
  host.setClock(new Date('2030-03-01T01:00:00Z'))
  admin = await host.signIn('admin')
  const departments = dataOf(await admin.call<{ id: string; name: string }[]>('identity', 'departments'))
  ent = departments.find((d) => d.name === '耳鼻喉科')?.id ?? ''
})
afterAll(async () => {
  await host.close()
})

async function session(startAt: string, hours: number, cmeCredits: number): Promise<SessionView> {
  host.setClock(new Date(Date.parse(startAt) - 60 * MINUTE))
  return dataOf(
    await admin.call<SessionView>('study', 'createSession', {
      type: '业务学习',
      title: `继续教育讲座${cmeCredits}`,
      location: '学术报告厅',
      startAt,
      endAt: new Date(Date.parse(startAt) + hours * 60 * MINUTE).toISOString(),
      audience: [ent],
      creditHours: hours,
      cmeCredits,
    }),
  )
}

async function attend(person: SignedIn, s: SessionView, checkOutAfterMinutes: number | null) {
  host.setClock(new Date(s.startAt))
  const qr = dataOf(await admin.call<QrCodeView>('study', 'qrCode', { sessionId: s.id }))
  dataOf(await person.call('study', 'checkIn', { payload: qr.payload }))
  if (checkOutAfterMinutes === null) return
  host.setClock(new Date(Date.parse(s.startAt) + checkOutAfterMinutes * MINUTE))
  dataOf(await person.call('study', 'checkOut', { sessionId: s.id }))
}

describe('CME credits', () => {
  it('credits a session’s Ⅱ类学分 by the attendance rule and counts them against the requirement', async () => {
    const [keen, forgetful] = await Promise.all([
      host.signIn('staff', 'cme-keen', ent),
      host.signIn('staff', 'cme-forgetful', ent),
    ])
    const lecture = await session('2030-03-02T01:00:00Z', 1, 2)
    expect(lecture).toMatchObject({ cmeCredits: 2, requireCheckOut: false })
    const workshop = await session('2030-03-03T01:00:00Z', 3, 1.5)
    await attend(keen, lecture, null)
    await attend(forgetful, lecture, null)
    await attend(keen, workshop, 180)
    await attend(forgetful, workshop, null)

    host.setClock(new Date('2030-03-04T01:00:00Z'))
    const record = dataOf(await keen.call<StudyRecord>('study', 'myRecord'))
    expect(record).toMatchObject({
      cmeCredits: 3.5,
      cmeRequirement: { year: 2030, total: 25, class2Min: 15, class2Max: 20 },
      cmeStillNeeded: 11.5,
    })
    expect(dataOf(await forgetful.call<StudyRecord>('study', 'myRecord')).cmeCredits).toBe(2)

    const requirement = { year: 2030, total: 25, class2Min: 3, class2Max: 20 }
    expect(dataOf(await admin.call('study', 'setCmeRequirement', requirement))).toEqual(requirement)
    expect(dataOf(await keen.call<StudyRecord>('study', 'myRecord')).cmeStillNeeded).toBe(0)
    const wrong = { ...requirement, class2Min: 21 }
    expect(errorOf(await admin.call('study', 'setCmeRequirement', wrong)).fields).toEqual([
      { path: 'class2Max', message: 'Ⅱ类最低学分不能高于最高学分' },
    ])
    expect(errorOf(await keen.call('study', 'setCmeRequirement', requirement)).code).toBe('FORBIDDEN')

    const manager = await host.signIn('manager', 'cme-manager', ent)
    const progress = dataOf(await manager.call<CmeProgress>('study', 'cmeProgress', { year: 2030 }))
    expect(progress.requirement.class2Min).toBe(3)
    expect(progress.departments).toHaveLength(1)
    expect(progress.departments[0]).toMatchObject({ departmentId: ent, departmentName: '耳鼻喉科' })
    expect(progress.departments[0].met).toBe(1)
    expect(progress.departments[0].staff).toBeGreaterThanOrEqual(3)

    const csv = dataOf(await admin.call<CsvExport>('study', 'exportCme', { year: 2030 }))
    expect(csv.filename).toBe('继续医学教育学分-2030.csv')
    const lines = csv.csv.replace('\uFEFF', '').trim().split(/\r?\n/)
    expect(lines[0]).toBe('工号,姓名,科室,活动名称,日期,学分类别,授予学分')
    const keenLines = lines.filter((line) => line.includes('测试用户cme-keen'))
    expect(keenLines.map((line) => line.split(',').slice(3))).toEqual([
      ['继续教育讲座2', '2030-03-02', 'Ⅱ类', '2'],
      ['继续教育讲座1.5', '2030-03-03', 'Ⅱ类', '1.5'],
    ])
    expect(lines.filter((line) => line.includes('测试用户cme-forgetful')).map((l) => l.split(',').at(-1))).toEqual([
      '2',
      '0',
    ])
  })

  it('takes credit in half points only', async () => {
    host.setClock(new Date('2030-03-05T01:00:00Z'))
    const reply = await admin.call('study', 'createSession', {
      type: '业务学习',
      title: '学分不对',
      location: '学术报告厅',
      startAt: '2030-03-06T01:00:00Z',
      endAt: '2030-03-06T02:00:00Z',
      audience: 'all',
      creditHours: 1,
      cmeCredits: 0.3,
    })
    expect(errorOf(reply).fields).toEqual([{ path: 'cmeCredits', message: '学分以0.5为单位' }])
  })
})

describe('the yearly CME record', () => {
  it('lists the sessions whose Ⅱ类学分 the caller earned, with the total against the requirement, for print', async () => {
    host.setClock(new Date('2030-06-01T01:00:00Z'))
    admin = await host.signIn('admin')
    const keen = await host.signIn('staff', 'cme-record-keen', ent)
    const forgetful = await host.signIn('staff', 'cme-record-forgetful', ent)
    const morning = await session('2030-06-02T01:00:00Z', 1, 2)
    const longer = await session('2030-06-03T01:00:00Z', 3, 1.5)
    await attend(keen, morning, null)
    await attend(forgetful, morning, null)
    await attend(keen, longer, 120)
    await attend(forgetful, longer, null)
    host.setClock(new Date('2030-06-05T01:00:00Z'))

    const record = dataOf(await keen.call<CmeCertificate>('study', 'cmeCertificate', { year: 2030 }))
    expect(record.sessions.map((s) => [s.date, s.title, s.cmeCredits])).toEqual([
      ['2030-06-02', '继续教育讲座2', 2],
      ['2030-06-03', '继续教育讲座1.5', 1],
    ])
    expect(record).toMatchObject({
      year: 2030,
      departmentName: '耳鼻喉科',
      total: 3,
      issuer: '仁心医院科教科',
      issuedOn: '2030-06-05',
    })
    expect(record.name).not.toBe('')
    expect(record.stillNeeded).toBe(Math.max(0, Math.round((record.requirement.class2Min - 3) * 10) / 10))
    // 未签退 earns nothing, so the session is not on the record.
    const other = dataOf(await forgetful.call<CmeCertificate>('study', 'cmeCertificate', { year: 2030 }))
    expect(other.sessions.map((s) => s.sessionId)).toEqual([morning.id])
    expect(dataOf(await keen.call<CmeCertificate>('study', 'cmeCertificate', { year: 2029 }))).toMatchObject({
      sessions: [],
      total: 0,
    })
    const patient = await host.signIn('patient', 'cme-record-patient')
    expect(errorOf(await patient.call('study', 'cmeCertificate', { year: 2030 })).code).toBe('FORBIDDEN')
  })
})

import type {
  AttendanceView,
  CheckInResult,
  CheckOutResult,
  CsvExport,
  MySession,
  QrCodeView,
  SessionView,
  StudyRecord,
  StudyStats,
} from '../../src/contract'
import { dataOf, errorOf, type SignedIn, startTestHost, type TestHost } from '../support/test-host'

const SECOND = 1000
const MINUTE = 60 * SECOND
let host: TestHost
let now: Date
let admin: SignedIn
let manager: SignedIn
let staff: SignedIn
const departments = new Map<string, string>()

let signedInAt = 0

/** Sets the host clock (every test says where in time it stands); sign-ins last a week, so renew them. */
async function at(time: Date) {
  now = time
  host.setClock(now)
  if (Math.abs(now.getTime() - signedInAt) < 24 * 3600 * SECOND) return
  signedInAt = now.getTime()
  ;[admin, manager, staff] = await Promise.all([host.signIn('admin'), host.signIn('manager'), host.signIn('staff')])
}
const later = (ms: number) => at(new Date(now.getTime() + ms))

beforeAll(async () => {
  host = await startTestHost()
  await at(new Date('2026-03-02T01:00:00Z'))
  const list = dataOf(await staff.call<{ id: string; name: string }[]>('identity', 'departments'))
  for (const d of list) departments.set(d.name, d.id)
})
afterAll(async () => {
  await host.close()
})

const dept = (name: string) => departments.get(name) ?? ''

interface SessionOptions {
  startInMinutes?: number
  hours?: number
  audience?: 'all' | 'party' | string[]
  title?: string
  type?: string
  creditHours?: number
}

async function createSession(organizer: SignedIn, options: SessionOptions = {}): Promise<SessionView> {
  const start = new Date(now.getTime() + (options.startInMinutes ?? 20) * MINUTE)
  const end = new Date(start.getTime() + (options.hours ?? 1) * 60 * MINUTE)
  return dataOf(
    await organizer.call<SessionView>('study', 'createSession', {
      type: options.type ?? '业务学习',
      title: options.title ?? '院感防控培训',
      location: '学术报告厅',
      startAt: start.toISOString(),
      endAt: end.toISOString(),
      audience: options.audience ?? 'all',
      creditHours: options.creditHours ?? 1,
    }),
  )
}

const qrOf = async (sessionId: string, organizer = admin) =>
  dataOf(await organizer.call<QrCodeView>('study', 'qrCode', { sessionId }))
const checkIn = (person: SignedIn, data: { payload: string } | { shortCode: string }) =>
  person.call<CheckInResult>('study', 'checkIn', data)
const attendanceOf = async (sessionId: string, organizer = admin) =>
  dataOf(await organizer.call<AttendanceView>('study', 'attendance', { sessionId }))

async function rowsOf(sessionId: string, userId: string): Promise<number> {
  const [{ count }] = await host.host.store.sql.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM study_attendance WHERE session_id = $1 AND user_id = $2',
    [sessionId, userId],
  )
  return count
}

describe('who may organise', () => {
  it('refuses organizer actions to staff and cross-department management to a manager', async () => {
    await at(new Date('2026-03-02T01:00:00Z'))
    const session = await createSession(admin)
    const refused: [string, unknown][] = [
      [
        'createSession',
        {
          type: '党课',
          title: '党课',
          location: '会议室',
          startAt: now.toISOString(),
          endAt: now.toISOString(),
          audience: 'all',
          creditHours: 1,
        },
      ],
      ['qrCode', { sessionId: session.id }],
      ['attendance', { sessionId: session.id }],
      ['exportAttendance', { sessionId: session.id }],
      ['cancelSession', { sessionId: session.id }],
      ['stats', { from: '2026-01-01', to: '2026-12-31' }],
    ]
    for (const [action, data] of refused) {
      expect({ action, code: errorOf(await staff.call('study', action, data)).code }).toEqual({
        action,
        code: 'FORBIDDEN',
      })
    }
    const patient = await host.signIn('patient')
    expect(errorOf(await checkIn(patient, { shortCode: '123456' })).code).toBe('FORBIDDEN')
    // A manager organises for their own department only, and cannot run the admin's session.
    expect(errorOf(await manager.call('study', 'qrCode', { sessionId: session.id })).code).toBe('FORBIDDEN')
    const start = new Date(now.getTime() + 20 * MINUTE).toISOString()
    const end = new Date(now.getTime() + 80 * MINUTE).toISOString()
    const wide = { type: '党课', title: '全院党课', location: '报告厅', startAt: start, endAt: end, creditHours: 1 }
    expect(errorOf(await manager.call('study', 'createSession', { ...wide, audience: 'all' })).code).toBe('FORBIDDEN')
    const own = await createSession(manager, { audience: [dept('心内科')] })
    expect(own.audienceLabel).toBe('心内科')
    expect((await qrOf(own.id, manager)).shortCode).toMatch(/^\d{6}$/)
  })

  it('explains a session that ends before it starts', async () => {
    const start = new Date(now.getTime() + 60 * MINUTE).toISOString()
    const reply = await admin.call('study', 'createSession', {
      type: '党课',
      title: '党课',
      location: '报告厅',
      startAt: start,
      endAt: start,
      audience: 'all',
      creditHours: 1,
    })
    expect(errorOf(reply).fields).toEqual([{ path: 'endAt', message: '结束时间应晚于开始时间' }])
  })

  it('says what to do with a session that has already ended, besides marking the field', async () => {
    const reply = await admin.call('study', 'createSession', {
      type: '党课',
      title: '党课',
      location: '报告厅',
      startAt: new Date(now.getTime() - 120 * MINUTE).toISOString(),
      endAt: new Date(now.getTime() - 60 * MINUTE).toISOString(),
      audience: 'all',
      creditHours: 1,
    })
    expect(errorOf(reply)).toMatchObject({
      message: '请选择晚于现在的结束时间',
      fields: [{ path: 'endAt', message: '结束时间已过' }],
    })
  })
})

describe('rotating QR check-in', () => {
  it('checks in by QR payload and by 6-digit code; a second check-in returns the first', async () => {
    await at(new Date('2026-03-03T01:00:00Z'))
    const session = await createSession(admin)
    const qr = await qrOf(session.id)
    expect(qr.expiresAt).toBe('2026-03-03T01:00:15.000Z')
    const first = dataOf(await checkIn(staff, { payload: qr.payload }))
    expect(first).toMatchObject({ sessionId: session.id, late: false, expected: true, repeated: false })
    await later(5 * SECOND)
    const again = dataOf(await checkIn(staff, { shortCode: qr.shortCode }))
    expect(again).toMatchObject({ repeated: true, checkedInAt: first.checkedInAt })
    expect(await rowsOf(session.id, staff.user.id)).toBe(1)

    const colleague = await host.signIn('staff', 'code-1', dept('呼吸内科'))
    expect(dataOf(await checkIn(colleague, { shortCode: qr.shortCode }))).toMatchObject({ sessionId: session.id })
  })

  it('accepts the previous 15 s slot and refuses an older one as EXPIRED', async () => {
    await at(new Date('2026-03-04T01:00:00Z'))
    const session = await createSession(admin)
    const qr = await qrOf(session.id)
    await later(29 * SECOND)
    const inTime = await host.signIn('staff', 'slot-1')
    expect(dataOf(await checkIn(inTime, { payload: qr.payload })).repeated).toBe(false)
    await later(1 * SECOND)
    const tooLate = await host.signIn('staff', 'slot-2')
    const expired = errorOf(await checkIn(tooLate, { payload: qr.payload }))
    expect(expired.code).toBe('EXPIRED')
    expect(expired.message).toContain('已过期')
    expect(errorOf(await checkIn(tooLate, { shortCode: qr.shortCode })).code).toBe('EXPIRED')
    expect(await rowsOf(session.id, tooLate.user.id)).toBe(0)
  })

  it('refuses a forged signature and a code spliced from another session', async () => {
    await at(new Date('2026-03-05T01:00:00Z'))
    const a = await createSession(admin, { title: '甲场' })
    const b = await createSession(admin, { title: '乙场', startInMinutes: 25 })
    const qrA = await qrOf(a.id)
    const qrB = await qrOf(b.id)
    expect(qrA.shortCode).not.toBe(qrB.shortCode)
    const forger = await host.signIn('staff', 'forger')

    const forged = qrA.payload.slice(0, -2) + (qrA.payload.endsWith('AA') ? 'BB' : 'AA')
    expect(errorOf(await checkIn(forger, { payload: forged })).code).toBe('INVALID_INPUT')
    const spliced = qrB.payload.replace(b.id, a.id)
    expect(errorOf(await checkIn(forger, { payload: spliced })).code).toBe('INVALID_INPUT')
    expect(errorOf(await checkIn(forger, { payload: 'https://example.com/?session=' + a.id })).code).toBe(
      'INVALID_INPUT',
    )
    expect(await rowsOf(a.id, forger.user.id)).toBe(0)

    // B's code checks in to B, never to A.
    expect(dataOf(await checkIn(forger, { shortCode: qrB.shortCode })).sessionId).toBe(b.id)
    expect(await rowsOf(a.id, forger.user.id)).toBe(0)
    expect(await rowsOf(b.id, forger.user.id)).toBe(1)
  })

  it('lets a person try ten 6-digit codes a minute, so guessing a session into one is hopeless', async () => {
    await at(new Date('2026-03-05T03:00:00Z'))
    const session = await createSession(admin)
    const guesser = await host.signIn('staff', 'guesser')
    const { shortCode } = await qrOf(session.id)
    const wrong = (i: number) => String((Number(shortCode) + 1 + i) % 1_000_000).padStart(6, '0')
    for (let i = 0; i < 10; i++)
      expect(errorOf(await checkIn(guesser, { shortCode: wrong(i) })).code).toBe('INVALID_INPUT')
    expect(errorOf(await checkIn(guesser, { shortCode })).code).toBe('RATE_LIMITED')
    expect(await rowsOf(session.id, guesser.user.id)).toBe(0)
    await later(MINUTE)
    expect(dataOf(await checkIn(guesser, { shortCode: (await qrOf(session.id)).shortCode })).sessionId).toBe(session.id)
  })

  it('opens 30 min before the start, closes 15 min after, and marks arrivals after 10 min as late', async () => {
    await at(new Date('2026-03-06T01:00:00Z'))
    const session = await createSession(admin, { startInMinutes: 40 })
    const early = errorOf(await admin.call('study', 'qrCode', { sessionId: session.id }))
    expect(early.code).toBe('CONFLICT')
    expect(early.message).toBe('签到尚未开始，签到时间为 09:10–09:55')

    const start = new Date(session.startAt).getTime()
    await at(new Date(start + 9 * MINUTE))
    const onTime = await host.signIn('staff', 'window-1')
    expect(dataOf(await checkIn(onTime, { payload: (await qrOf(session.id)).payload })).late).toBe(false)
    await at(new Date(start + 11 * MINUTE))
    const late = await host.signIn('staff', 'window-2')
    expect(dataOf(await checkIn(late, { payload: (await qrOf(session.id)).payload })).late).toBe(true)

    await at(new Date(start + 15 * MINUTE - 5 * SECOND))
    const lastQr = await qrOf(session.id)
    await later(10 * SECOND)
    const closed = errorOf(await checkIn(await host.signIn('staff', 'window-3'), { payload: lastQr.payload }))
    expect(closed.code).toBe('CONFLICT')
    expect(closed.message).toBe('签到已结束，签到时间为 09:10–09:55')

    const view = await attendanceOf(session.id)
    const people = view.departments.flatMap((d) => d.people)
    expect(people.find((p) => p.userId === late.user.id)?.status).toBe('late')
    expect(people.find((p) => p.userId === onTime.user.id)?.status).toBe('present')
    expect(view.totals.late).toBe(1)
  })

  it('records 20 concurrent check-ins of the same person once', async () => {
    await at(new Date('2026-03-07T01:00:00Z'))
    const session = await createSession(admin)
    const qr = await qrOf(session.id)
    const eager = await host.signIn('staff', 'eager')
    const replies = await Promise.all(Array.from({ length: 20 }, () => checkIn(eager, { payload: qr.payload })))
    const results = replies.map((reply) => dataOf(reply))
    expect(results.filter((r) => !r.repeated)).toHaveLength(1)
    expect(new Set(results.map((r) => r.checkedInAt)).size).toBe(1)
    expect(await rowsOf(session.id, eager.user.id)).toBe(1)
  })

  it('lets the organizer move a session, which moves its check-in window', async () => {
    await at(new Date('2026-03-09T01:00:00Z'))
    const session = await createSession(admin, { startInMinutes: 120, title: '待调整的学习' })
    expect(errorOf(await admin.call('study', 'qrCode', { sessionId: session.id })).code).toBe('CONFLICT')
    const start = new Date(now.getTime() + 10 * MINUTE)
    const moved = dataOf(
      await admin.call<SessionView>('study', 'editSession', {
        sessionId: session.id,
        type: '党课',
        title: '提前的学习',
        speaker: '李书记',
        location: '党建活动室',
        startAt: start.toISOString(),
        endAt: new Date(start.getTime() + 60 * MINUTE).toISOString(),
        audience: [dept('呼吸内科')],
        creditHours: 2,
      }),
    )
    expect(moved).toMatchObject({ title: '提前的学习', speaker: '李书记', audienceLabel: '呼吸内科', creditHours: 2 })
    expect(dataOf(await checkIn(staff, { payload: (await qrOf(session.id)).payload }))).toMatchObject({
      title: '提前的学习',
      expected: true,
    })
    dataOf(await admin.call('study', 'cancelSession', { sessionId: session.id }))
    const edit = { ...moved, sessionId: session.id, startAt: moved.startAt, endAt: moved.endAt }
    const { id: _id, status: _status, audienceLabel: _label, organizerName: _name, ...fields } = edit
    expect(errorOf(await admin.call('study', 'editSession', fields)).message).toBe('本次学习已取消，不能修改')
  })

  it('tells cancelled sessions apart', async () => {
    await at(new Date('2026-03-08T01:00:00Z'))
    const session = await createSession(admin, { title: '将取消的学习' })
    const qr = await qrOf(session.id)
    expect(dataOf(await admin.call<SessionView>('study', 'cancelSession', { sessionId: session.id })).status).toBe(
      'cancelled',
    )
    expect(errorOf(await checkIn(staff, { payload: qr.payload })).message).toBe('本次学习已取消')
    const mine = dataOf(await staff.call<MySession[]>('study', 'upcoming'))
    expect(mine.find((s) => s.id === session.id)?.status).toBe('cancelled')
  })
})

describe('audience and leave', () => {
  it('lists party sessions for party members only and marks others 非应到', async () => {
    await at(new Date('2026-03-10T01:00:00Z'))
    const session = await createSession(admin, { audience: 'party', type: '党课', title: '党课：初心使命' })
    // demo-manager is roster H0001, a party member; demo-staff (H0002) is not.
    const forManager = dataOf(await manager.call<MySession[]>('study', 'upcoming'))
    const forStaff = dataOf(await staff.call<MySession[]>('study', 'upcoming'))
    expect(forManager.map((s) => s.id)).toContain(session.id)
    expect(forStaff.map((s) => s.id)).not.toContain(session.id)

    const qr = await qrOf(session.id)
    expect(dataOf(await checkIn(staff, { payload: qr.payload })).expected).toBe(false)
    const view = await attendanceOf(session.id)
    expect(view.totals).toMatchObject({ expected: 1, checkedIn: 1, unexpected: 1, missing: 1 })
    const csv = dataOf(await admin.call<CsvExport>('study', 'exportAttendance', { sessionId: session.id }))
    expect(csv.csv.startsWith('\uFEFF科室,姓名,状态,应到')).toBe(true)
    expect(csv.csv).toContain('非应到')
  })

  it('counts approved leave as excused, not missing', async () => {
    await at(new Date('2026-03-11T01:00:00Z'))
    const session = await createSession(admin, { audience: [dept('呼吸内科')], startInMinutes: 120 })
    const mine = dataOf(
      await staff.call<MySession>('study', 'requestLeave', { sessionId: session.id, reason: '夜班后休息' }),
    )
    expect(mine.leave).toEqual({ status: 'pending', reason: '夜班后休息' })
    expect((await attendanceOf(session.id)).pendingLeaves.map((p) => p.userId)).toEqual([staff.user.id])
    dataOf(await admin.call('study', 'decideLeave', { sessionId: session.id, userId: staff.user.id, approve: true }))

    await at(new Date(new Date(session.startAt).getTime() + MINUTE))
    const tooLate = await staff.call('study', 'requestLeave', { sessionId: session.id, reason: '临时有事' })
    expect(errorOf(tooLate).message).toBe('学习已开始，不能再请假')
    const view = await attendanceOf(session.id)
    const respiratory = view.departments.find((d) => d.departmentName === '呼吸内科')
    expect(respiratory?.people.find((p) => p.userId === staff.user.id)?.status).toBe('excused')
    expect(view.totals.excused).toBe(1)
    expect(view.pendingLeaves).toEqual([])
  })
})

describe('records and stats', () => {
  it('adds up attendance rates, late marks and pro-rated credit', async () => {
    // A department and a year of its own, so other tests' sessions do not count.
    const eye = dept('眼科')
    await at(new Date('2027-05-06T01:00:00Z'))
    const [keen, tardy, away] = await Promise.all(
      ['keen', 'tardy', 'away'].map((id) => host.signIn('staff', `eye-${id}`, eye)),
    )
    const short = await createSession(admin, { audience: [eye], creditHours: 1.5, hours: 1.5 })
    dataOf(await away.call('study', 'requestLeave', { sessionId: short.id, reason: '外出会诊' }))
    dataOf(await admin.call('study', 'decideLeave', { sessionId: short.id, userId: away.user.id, approve: true }))
    dataOf(await checkIn(keen, { payload: (await qrOf(short.id)).payload }))
    await at(new Date(new Date(short.startAt).getTime() + 12 * MINUTE))
    dataOf(await checkIn(tardy, { payload: (await qrOf(short.id)).payload }))

    await at(new Date('2027-05-07T01:00:00Z'))
    const long = await createSession(admin, { audience: [eye], creditHours: 3, hours: 3, type: '服务礼仪培训' })
    await at(new Date(long.startAt))
    dataOf(await checkIn(keen, { payload: (await qrOf(long.id)).payload }))
    await later(90 * MINUTE)
    const out = dataOf(await keen.call<CheckOutResult>('study', 'checkOut', { sessionId: long.id }))
    expect(out.creditHours).toBe(1.5)
    expect(errorOf(await keen.call('study', 'checkOut', { sessionId: short.id })).code).toBe('CONFLICT')
    await at(new Date('2027-05-10T01:00:00Z'))

    const stats = dataOf(await admin.call<StudyStats>('study', 'stats', { from: '2027-05-01', to: '2027-05-31' }))
    expect(stats.sessions).toBe(2)
    expect(stats.byDepartment).toEqual([
      { departmentId: eye, departmentName: '眼科', expected: 6, attended: 3, excused: 1, rate: 0.6 },
    ])
    expect(stats.byTypeMonth).toEqual([
      { month: '2027-05', type: '业务学习', sessions: 1, expected: 3, attended: 2, excused: 1, rate: 1 },
      { month: '2027-05', type: '服务礼仪培训', sessions: 1, expected: 3, attended: 1, excused: 0, rate: 0.333 },
    ])
    expect(stats.topLearners.map((t) => [t.rank, t.userId, t.creditHours, t.sessions])).toEqual([
      [1, keen.user.id, 3, 2],
      [2, tardy.user.id, 1.5, 1],
    ])

    const keenRecord = dataOf(await keen.call<StudyRecord>('study', 'myRecord'))
    expect(keenRecord).toMatchObject({ year: 2027, attended: 2, creditHours: 3, attendanceRate: 1, lateCount: 0 })
    expect(keenRecord.byType).toEqual([
      { type: '业务学习', attended: 1, creditHours: 1.5 },
      { type: '服务礼仪培训', attended: 1, creditHours: 1.5 },
    ])
    const tardyRecord = dataOf(await tardy.call<StudyRecord>('study', 'myRecord'))
    expect(tardyRecord).toMatchObject({ attended: 1, expected: 2, attendanceRate: 0.5, lateCount: 1 })
    const awayRecord = dataOf(await away.call<StudyRecord>('study', 'myRecord'))
    expect(awayRecord).toMatchObject({ attended: 0, expected: 2, excused: 1, attendanceRate: 0 })
    expect(awayRecord.recent.map((r) => r.status)).toEqual(['missing', 'excused'])
  })
})

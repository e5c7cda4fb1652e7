import type { CheckOutResult, QrCodeView, SessionView, StudyRecord } from '../../src/contract'
import { dataOf, errorOf, type SignedIn, startTestHost, type TestHost } from '../support/test-host'

// The study rules issue 16 fixed: a leave is decided once; 签退 is required on long sessions, within its window.
const MINUTE = 60_000
let host: TestHost
let admin: SignedIn
let eye = ''

beforeAll(async () => {
  host = await startTestHost()
  host.setClock(new Date('2028-03-01T01:00:00Z'))
  admin = await host.signIn('admin')
  const departments = dataOf(await admin.call<{ id: string; name: string }[]>('identity', 'departments'))
  eye = departments.find((d) => d.name === '眼科')?.id ?? ''
})
afterAll(async () => {
  await host.close()
})

async function session(startAt: Date, hours: number, extra: Record<string, unknown> = {}): Promise<SessionView> {
  host.setClock(new Date(startAt.getTime() - 60 * MINUTE))
  return dataOf(
    await admin.call<SessionView>('study', 'createSession', {
      type: '业务学习',
      title: '院感防控培训',
      location: '学术报告厅',
      startAt: startAt.toISOString(),
      endAt: new Date(startAt.getTime() + hours * 60 * MINUTE).toISOString(),
      audience: [eye],
      creditHours: hours,
      ...extra,
    }),
  )
}

async function checkInAt(person: SignedIn, sessionId: string, at: Date) {
  host.setClock(at)
  const qr = dataOf(await admin.call<QrCodeView>('study', 'qrCode', { sessionId }))
  dataOf(await person.call('study', 'checkIn', { payload: qr.payload }))
}

const checkOutAt = (person: SignedIn, sessionId: string, at: Date) => {
  host.setClock(at)
  return person.call<CheckOutResult>('study', 'checkOut', { sessionId })
}

const minutesAfter = (at: string, minutes: number) => new Date(Date.parse(at) + minutes * MINUTE)

describe('leave decisions', () => {
  it('decides a leave once: a second decision, either way, is CONFLICT and changes nothing', async () => {
    const s = await session(new Date('2028-03-02T01:00:00Z'), 1)
    const person = await host.signIn('staff', 'leave-once', eye)
    dataOf(await person.call('study', 'requestLeave', { sessionId: s.id, reason: '门诊值班' }))
    const decide = (approve: boolean) =>
      admin.call('study', 'decideLeave', { sessionId: s.id, userId: person.user.id, approve })
    expect(dataOf(await decide(true))).toEqual({ userId: person.user.id, status: 'approved' })
    const flip = await decide(false)
    expect(flip.status).toBe(409)
    expect(errorOf(flip)).toMatchObject({ code: 'CONFLICT', message: '这条请假已审批过，不能再改' })
    expect(errorOf(await decide(true)).code).toBe('CONFLICT')
    const mine = dataOf(await person.call<{ id: string; leave: unknown }[]>('study', 'upcoming'))
    expect(mine.find((m) => m.id === s.id)?.leave).toEqual({ status: 'approved', reason: '门诊值班' })
    const stranger = await host.signIn('staff', 'leave-none', eye)
    const none = { sessionId: s.id, userId: stranger.user.id, approve: true }
    expect(errorOf(await admin.call('study', 'decideLeave', none)).code).toBe('NOT_FOUND')
  })
})

describe('签退', () => {
  it('requires 签退 on sessions over two hours: none earns nothing and shows 未签退; leaving early pro-rates', async () => {
    const s = await session(new Date('2028-03-03T01:00:00Z'), 3)
    expect(s.requireCheckOut).toBe(true)
    const [stays, leaves, forgets] = await Promise.all(
      ['stays', 'leaves', 'forgets'].map((id) => host.signIn('staff', `out-${id}`, eye)),
    )
    for (const person of [stays, leaves, forgets]) await checkInAt(person, s.id, new Date(s.startAt))

    const early = await checkOutAt(leaves, s.id, minutesAfter(s.startAt, 60))
    expect(dataOf(early).creditHours).toBe(1)
    const atEnd = await checkOutAt(stays, s.id, minutesAfter(s.endAt, 29))
    expect(dataOf(atEnd).creditHours).toBe(3)
    const tooLate = errorOf(await checkOutAt(forgets, s.id, minutesAfter(s.endAt, 31)))
    expect(tooLate).toMatchObject({ code: 'CONFLICT' })
    expect(tooLate.message).toContain('签退已截止，签退时间为 09:00–12:30')

    host.setClock(new Date('2028-03-04T01:00:00Z'))
    const recordOf = async (person: SignedIn) => dataOf(await person.call<StudyRecord>('study', 'myRecord'))
    const forgot = await recordOf(forgets)
    expect(forgot).toMatchObject({ attended: 1, creditHours: 0 })
    expect(forgot.recent[0]).toMatchObject({ sessionId: s.id, status: 'present', missedCheckOut: true, creditHours: 0 })
    expect((await recordOf(leaves)).recent[0]).toMatchObject({ missedCheckOut: false, creditHours: 1 })
    expect((await recordOf(stays)).creditHours).toBe(3)
  })

  it('opens 签退 at the start, and refuses it where the organizer turned it off', async () => {
    const s = await session(new Date('2028-03-05T01:00:00Z'), 3)
    const person = await host.signIn('staff', 'out-window', eye)
    await checkInAt(person, s.id, minutesAfter(s.startAt, -20))
    const before = errorOf(await checkOutAt(person, s.id, minutesAfter(s.startAt, -1)))
    expect(before).toMatchObject({ code: 'CONFLICT', message: '签退尚未开始，签退时间为 09:00–12:30' })
    expect(dataOf(await checkOutAt(person, s.id, new Date(s.startAt))).creditHours).toBe(0)

    const relaxed = await session(new Date('2028-03-06T01:00:00Z'), 3, { requireCheckOut: false })
    expect(relaxed.requireCheckOut).toBe(false)
    await checkInAt(person, relaxed.id, new Date(relaxed.startAt))
    const refused = errorOf(await checkOutAt(person, relaxed.id, minutesAfter(relaxed.startAt, 60)))
    expect(refused).toMatchObject({ code: 'CONFLICT', message: '本次学习无需签退' })

    const short = await session(new Date('2028-03-07T01:00:00Z'), 2)
    expect(short.requireCheckOut).toBe(false)
    const strict = await session(new Date('2028-03-07T05:00:00Z'), 1, { requireCheckOut: true })
    await checkInAt(person, short.id, new Date(short.startAt))
    await checkInAt(person, strict.id, new Date(strict.startAt))
    host.setClock(new Date('2028-03-07T12:00:00Z'))
    const record = dataOf(await person.call<StudyRecord>('study', 'myRecord'))
    const credit = new Map(record.recent.map((r) => [r.sessionId, [r.creditHours, r.missedCheckOut]]))
    expect(credit.get(short.id)).toEqual([2, false])
    expect(credit.get(strict.id)).toEqual([0, true])
    expect(credit.get(relaxed.id)).toEqual([3, false])
    expect(credit.get(s.id)).toEqual([0, false])
  })
})

import type { CallEvent, CallResult, CheckInResult, SessionView } from '../../src/contract'
import { RootStore } from '../../src/stores/root-store'
import { createMemoryStorage, type KeyValueStorage } from '../../src/stores/support/storage'
import { noPresence, type PresenceReader } from '../../src/services/presence/reader'
import { fakeApi, type Responder } from '../support/fake-api'

const checkedIn: CheckInResult = {
  sessionId: 's1',
  title: '党课',
  checkedInAt: '2026-03-02T01:05:00.000Z',
  late: false,
  expected: true,
  checkedOutAt: null,
  presence: 'none',
  repeated: false,
}

function storeWith(
  respond: Responder,
  storage: KeyValueStorage = createMemoryStorage(),
  presence: PresenceReader = noPresence,
) {
  const { api, sent } = fakeApi(respond)
  const root = new RootStore({ api, storage, toast: () => {}, devSignIn: null, presence })
  return { study: root.study, sent }
}

describe('StudyStore check-in keypad', () => {
  it('sends the code once on the sixth digit, ignores taps while it is on its way, and keeps the result', async () => {
    let answer: (result: CallResult<unknown>) => void = () => {}
    const { study, sent } = storeWith(() => new Promise((resolve) => (answer = resolve)))
    for (const digit of '123456') study.pressDigit(digit)
    study.pressDigit('7')
    const retry = study.submitCode()
    expect(sent.map((s) => s.event.data)).toEqual([{ shortCode: '123456' }])
    answer({ ok: true, data: checkedIn })
    await retry
    await new Promise((resolve) => setImmediate(resolve))
    expect(study.lastCheckIn).toEqual(checkedIn)
    expect(study.code).toBe('')
  })

  it('shows why a code was refused and sends a new code as a new write', async () => {
    const answers: CallResult<unknown>[] = [
      { ok: false, error: { code: 'EXPIRED', message: '签到码已过期，请扫描屏幕上最新的二维码' } },
      { ok: true, data: checkedIn },
    ]
    const { study, sent } = storeWith(() => answers.shift() ?? { ok: true, data: checkedIn })
    for (const digit of '111111') study.pressDigit(digit)
    await new Promise((resolve) => setImmediate(resolve))
    expect(study.checkIn.error).toBe('签到码已过期，请扫描屏幕上最新的二维码')
    for (const digit of '222222') study.pressDigit(digit)
    await new Promise((resolve) => setImmediate(resolve))
    expect(study.lastCheckIn?.title).toBe('党课')
    const ids = sent.map((s: { event: CallEvent }) => s.event.requestId)
    expect(ids[0]).not.toBe(ids[1])
  })
})

describe('StudyStore check-in that proves presence', () => {
  const refusal = (path: string, message: string): CallResult<unknown> => ({
    ok: false,
    error: { code: 'FORBIDDEN', message, fields: [{ path, message }] },
  })
  const here = { latitude: 31.2, longitude: 121.45, accuracy: 12 }

  it('reads the location only when the session asks for it, and sends it with the same code as a new write', async () => {
    const answers = [refusal('location', '本次签到需要确认您在现场'), { ok: true as const, data: checkedIn }]
    let reads = 0
    const reader: PresenceReader = { location: async () => (reads++, here), wifiBssid: async () => null }
    const { study, sent } = storeWith(() => answers.shift() ?? { ok: true, data: checkedIn }, undefined, reader)
    await study.checkInScanned('RXSTUDY.a.b.c')
    expect(sent.map((s) => s.event.data)).toEqual([
      { payload: 'RXSTUDY.a.b.c' },
      { payload: 'RXSTUDY.a.b.c', location: here },
    ])
    expect(sent[0].event.requestId).not.toBe(sent[1].event.requestId)
    expect(study.lastCheckIn).toEqual(checkedIn)
    expect(reads).toBe(1)

    // A session asking nothing never reads the location.
    await study.checkInScanned('RXSTUDY.d.e.f')
    expect(reads).toBe(1)
  })

  it('keeps the refusal, which tells the person to ask the organizer, where the device gives no location', async () => {
    const message = '本次签到需要确认您在现场，请允许获取位置后重试；如您确在现场，请当面请组织者在签到页为您确认'
    const { study, sent } = storeWith(() => refusal('location', message))
    for (const digit of '123456') study.pressDigit(digit)
    await new Promise((resolve) => setImmediate(resolve))
    await new Promise((resolve) => setImmediate(resolve))
    expect(sent).toHaveLength(1)
    expect(study.checkIn.error).toBe(message)
    expect(study.lastCheckIn).toBeNull()
  })

  it('sends the Wi-Fi BSSID when the session lists access points', async () => {
    const answers = [refusal('bssid', '本次签到需要连接会场 Wi-Fi'), { ok: true as const, data: checkedIn }]
    const reader: PresenceReader = { location: async () => null, wifiBssid: async () => 'aa:bb:cc:00:11:22' }
    const { study, sent } = storeWith(() => answers.shift() ?? { ok: true, data: checkedIn }, undefined, reader)
    await study.checkInScanned('RXSTUDY.w')
    expect(sent[1].event.data).toEqual({ payload: 'RXSTUDY.w', bssid: 'aa:bb:cc:00:11:22' })
  })
})

describe('StudyStore session form', () => {
  it('keeps a new session on the device until it is published', async () => {
    const storage = createMemoryStorage()
    const first = storeWith(
      () => ({ ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } }),
      storage,
    )
    await first.study.openForm(null, 'dept-1')
    first.study.setForm({ title: '科室业务学习：院感防控', location: '示教室', type: '业务学习' })
    expect(await first.study.saveSession()).toBeUndefined()

    const published: SessionView = {
      id: 's9',
      type: '业务学习',
      title: '科室业务学习：院感防控',
      speaker: null,
      location: '示教室',
      startAt: '2026-03-02T02:00:00.000Z',
      endAt: '2026-03-02T03:00:00.000Z',
      audience: ['dept-1'],
      audienceLabel: '心内科',
      creditHours: 1,
      cmeCredits: 0,
      requireCheckOut: false,
      fence: null,
      wifiBssids: [],
      status: 'scheduled',
      organizerName: '张三',
    }
    const second = storeWith(() => ({ ok: true, data: published }), storage)
    const dispose = await second.study.openForm(null, 'dept-1')
    expect(second.study.form).toMatchObject({ title: '科室业务学习：院感防控', departmentIds: ['dept-1'] })
    await second.study.saveSession()
    const sent = second.sent[0].event.data as { audience: unknown; startAt: string }
    expect(sent.audience).toEqual(['dept-1'])
    expect(sent.startAt).toMatch(/:00\.000Z$/)
    dispose?.()
    expect(storage.get('renxin.study.sessionDraft')).toBeUndefined()
  })
})

describe('StudyStore 签退', () => {
  it('sends the organizer’s 签退 choice only when one was made, and checks out with the credit shown', async () => {
    const toasts: string[] = []
    const { api, sent } = fakeApi((_fn, event) =>
      event.action === 'checkOut'
        ? { ok: true, data: { ...checkedIn, checkedOutAt: '2026-03-02T03:00:00.000Z', creditHours: 1.5 } }
        : { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } },
    )
    const root = new RootStore({ api, storage: createMemoryStorage(), toast: (m) => toasts.push(m), devSignIn: null })
    await root.study.openForm(null, null)
    root.study.setForm({ title: '院感', location: '示教室', type: '业务学习' })
    await root.study.saveSession()
    root.study.setForm({ requireCheckOut: false, cmeCredits: '2' })
    await root.study.saveSession()
    const [auto, off] = sent.map((s) => s.event.data as { requireCheckOut?: boolean; cmeCredits: number })
    expect([auto.cmeCredits, off.cmeCredits]).toEqual([0, 2])
    expect('requireCheckOut' in auto).toBe(false)
    expect(off.requireCheckOut).toBe(false)

    await root.study.checkOut('s1')
    expect(sent.at(-1)?.event).toMatchObject({ action: 'checkOut', data: { sessionId: 's1' } })
    expect(toasts.at(-1)).toBe('已签退，获得 1.5 学时')
  })
})

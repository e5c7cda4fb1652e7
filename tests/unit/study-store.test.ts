import type { CallEvent, CallResult, CheckInResult, SessionView } from '../../src/contract'
import { RootStore } from '../../src/stores/root-store'
import { createMemoryStorage, type KeyValueStorage } from '../../src/stores/support/storage'
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

function storeWith(respond: Responder, storage: KeyValueStorage = createMemoryStorage()) {
  const { api, sent } = fakeApi(respond)
  const root = new RootStore({ api, storage, toast: () => {}, devSignIn: null })
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

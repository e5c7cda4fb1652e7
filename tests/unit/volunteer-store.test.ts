import type { CallResult, HallView, MyHelpRequest, OpenHelpRequest } from '../../src/contract'
import { TransportError } from '../../src/services/api/transport'
import { RootStore } from '../../src/stores/root-store'
import { createMemoryStorage } from '../../src/stores/support/storage'
import { HELP_DRAFT_KEY, MY_REQUEST_POLL_MS } from '../../src/stores/volunteer-store'
import { fakeApi, type Responder } from '../support/fake-api'

const DEPARTMENT = '00000000-0000-4000-8000-00000000000d'

const request = (patch: Partial<MyHelpRequest> = {}): MyHelpRequest => ({
  id: '00000000-0000-4000-8000-0000000000a1',
  need: '轮椅协助',
  from: '门诊大厅',
  toDepartment: '骨科',
  note: null,
  people: 1,
  status: 'waiting',
  createdAt: '2026-11-23T01:00:00.000Z',
  queuePosition: 2,
  waitingMinutes: 3,
  volunteer: null,
  rating: null,
  nextStep: '请在「门诊大厅」等候，志愿者接单后会到这里找您',
  ...patch,
})

const waiting = (id: string): OpenHelpRequest => ({
  id,
  need: '轮椅协助',
  from: '门诊大厅',
  toDepartment: '骨科',
  note: null,
  people: 1,
  status: 'waiting',
  patientName: '李**',
  assigned: false,
  careNeeded: true,
  waitingMinutes: 4,
  escalated: false,
  claimedAt: null,
})

const hall = (ids: string[]): HallView => ({
  shift: { id: 's1', station: '门诊大厅', startedAt: '2026-11-23T01:00:00.000Z', endedAt: null, autoClosed: false },
  waiting: ids.map(waiting),
  mine: [],
  star: { level: 0, name: '未评星', hoursToNext: 100 },
})

function setup(respond: Responder) {
  const { api, sent } = fakeApi(respond)
  const storage = createMemoryStorage()
  const toasts: string[] = []
  const store = new RootStore({ api, storage, toast: (m) => toasts.push(m), devSignIn: null })
  return { volunteer: store.volunteer, sent, storage, toasts, actions: () => sent.map((s) => s.event.action) }
}

const ok = <T>(data: T): CallResult<T> => ({ ok: true, data })

describe('a patient asking for help', () => {
  it('checks the chosen need before sending, keeps the draft, and clears it once the call is made', async () => {
    const { volunteer, storage, actions, toasts } = setup(() => ok(request()))
    const stopDrafts = volunteer.keepDrafts()
    volunteer.setHelpForm({ from: '门诊大厅', to: DEPARTMENT, people: 2 })

    await volunteer.askForHelp()
    expect(actions()).toEqual([])
    expect(volunteer.asking.fieldError('need')).toBe('请选择需要的帮助')
    expect(storage.get(HELP_DRAFT_KEY)).toMatchObject({ from: '门诊大厅', to: DEPARTMENT, people: 2 })

    volunteer.setHelpForm({ need: '轮椅协助' })
    await volunteer.askForHelp()
    expect(actions()).toEqual(['request'])
    expect(volunteer.myRequest?.status).toBe('waiting')
    expect(volunteer.showsRequest).toBe(true)
    expect(storage.get(HELP_DRAFT_KEY)).toBeUndefined()
    expect(volunteer.helpForm.need).toBeNull()
    expect(toasts).toContain('已呼叫，志愿者马上就来')
    stopDrafts()
  })

  it('restores what was typed after the app was closed', () => {
    const first = setup(() => ok(null))
    const stop = first.volunteer.keepDrafts()
    first.volunteer.setHelpForm({ need: '老人陪同', note: '带着拐杖' })
    stop()

    const reopened = new RootStore({
      api: fakeApi(() => ok(null)).api,
      storage: first.storage,
      toast: () => {},
      devSignIn: null,
    })
    expect(reopened.volunteer.helpForm.need).toBeNull()
    reopened.volunteer.keepDrafts()
    expect(reopened.volunteer.helpForm).toMatchObject({ need: '老人陪同', note: '带着拐杖' })
  })

  it('sends one request for a double tap, and the retry after a network failure reuses its id', async () => {
    let fail = true
    const { volunteer, sent } = setup(async () => {
      await Promise.resolve()
      if (fail) throw new TransportError('offline')
      return ok(request())
    })
    volunteer.setHelpForm({ need: '轮椅协助', from: '门诊大厅', to: DEPARTMENT })
    await Promise.all([volunteer.askForHelp(), volunteer.askForHelp()])
    expect(volunteer.asking.error).toContain('网络')
    fail = false
    await volunteer.askForHelp()
    // The second tap sent nothing: the first tap's attempt and automatic retry, then the manual retry.
    expect(sent).toHaveLength(3)
    expect(new Set(sent.map((s) => s.event.requestId)).size).toBe(1)
    expect(volunteer.myRequest?.id).toBe(request().id)
  })

  it('polls only while the request is open, and shows the volunteer once claimed', async () => {
    jest.useFakeTimers()
    try {
      let current = request()
      const { volunteer, actions } = setup(() => ok(current))
      await volunteer.loadMyRequest()
      const stop = volunteer.watchMyRequest()

      current = request({ status: 'claimed', queuePosition: null, volunteer: { name: '王建华', team: '党员' } })
      await jest.advanceTimersByTimeAsync(MY_REQUEST_POLL_MS)
      expect(volunteer.myRequest?.volunteer).toEqual({ name: '王建华', team: '党员' })

      current = request({ status: 'completed', queuePosition: null })
      await jest.advanceTimersByTimeAsync(MY_REQUEST_POLL_MS)
      expect(volunteer.canRate).toBe(true)
      const polls = actions().length
      await jest.advanceTimersByTimeAsync(MY_REQUEST_POLL_MS * 3)
      expect(actions().length).toBe(polls)
      stop()
    } finally {
      jest.useRealTimers()
    }
  })

  it('rates once with the chosen stars and comment', async () => {
    const { volunteer, sent } = setup((_fn, event) =>
      event.action === 'rate'
        ? ok(request({ status: 'completed', queuePosition: null, rating: { stars: 5, comment: '很耐心' } }))
        : ok(request({ status: 'completed', queuePosition: null })),
    )
    await volunteer.loadMyRequest()
    volunteer.setRateForm({ stars: 5, comment: '很耐心' })
    await volunteer.rate()
    expect(sent.at(-1)?.event.data).toEqual({ requestId: request().id, stars: 5, comment: '很耐心' })
    expect(volunteer.canRate).toBe(false)
  })
})

describe('a volunteer in the hall', () => {
  it('loses a race with 已被其他志愿者接单 and sees the list without that request', async () => {
    let list = ['r1', 'r2']
    const { volunteer, actions, toasts } = setup((_fn, event) => {
      if (event.action === 'claim') {
        list = ['r2']
        return { ok: false, error: { code: 'CONFLICT', message: '已被其他志愿者接单' } }
      }
      return ok(hall(list))
    })
    await volunteer.loadHall()
    expect(volunteer.hall?.waiting.map((r) => r.id)).toEqual(['r1', 'r2'])

    await volunteer.act('claim', 'r1')
    expect(toasts).toEqual(['已被其他志愿者接单'])
    expect(actions()).toEqual(['open', 'claim', 'open'])
    expect(volunteer.hall?.waiting.map((r) => r.id)).toEqual(['r2'])
    expect(volunteer.isBusy('claim', 'r1')).toBe(false)
  })

  it('shows a claim as busy while it travels, and a double tap sends one claim', async () => {
    let answer: (result: CallResult<unknown>) => void = () => {}
    const { volunteer, actions, toasts } = setup((_fn, event) =>
      event.action === 'claim' ? new Promise((resolve) => (answer = resolve)) : ok(hall([])),
    )
    const first = volunteer.act('claim', 'r1')
    const second = volunteer.act('claim', 'r1')
    await Promise.resolve()
    expect(volunteer.isBusy('claim', 'r1')).toBe(true)
    answer(ok(waiting('r1')))
    await Promise.all([first, second])
    expect(actions().filter((a) => a === 'claim')).toHaveLength(1)
    expect(toasts).toEqual(['已接单，请尽快前往'])
    expect(volunteer.isBusy('claim', 'r1')).toBe(false)
  })

  it('asks for a station before starting a shift', async () => {
    const { volunteer, actions } = setup(() => ok(hall([])))
    await volunteer.startShift()
    expect(actions()).toEqual([])
    expect(volunteer.startingShift.fieldError('station')).toBe('请先选择服务岗位')
    volunteer.setStation('急诊')
    await volunteer.startShift()
    expect(actions()).toEqual(['startShift', 'open'])
  })
})

describe('an admin', () => {
  it('rejects with the typed reason and books an hour adjustment in minutes', async () => {
    const record = {
      year: 2026,
      minutesThisYear: 150,
      minutesAllTime: 600,
      servedThisYear: 3,
      servedAllTime: 9,
      averageRating: 4.5,
      ratingCount: 2,
    }
    const { volunteer, sent, toasts } = setup((_fn, event) => {
      if (event.action === 'pending') {
        return ok([
          {
            userId: 'u1',
            name: '赵小青',
            phone: '13800138000',
            team: '青年',
            skills: [],
            availability: '周六',
            requestedAt: '',
          },
        ])
      }
      if (event.action === 'adjustHours') return ok(record)
      if (event.action === 'roster') return ok([{ userId: 'u2', name: '钱小红', team: '党员' }])
      return ok({ userId: 'u1', status: 'rejected' })
    })
    await volunteer.admin.loadPending()
    volunteer.admin.setRejectReason('u1', '手机号无法联系')
    await volunteer.admin.decide('u1', false)
    expect(sent.at(-1)?.event).toMatchObject({ action: 'reject', data: { userId: 'u1', reason: '手机号无法联系' } })
    expect(volunteer.admin.pending).toEqual([])

    await volunteer.admin.loadRoster()
    expect(volunteer.admin.roster.map((entry) => entry.userId)).toEqual(['u2'])
    volunteer.admin.setAdjustForm({ userId: 'u1', hours: '-1.5', reason: '重复登记的班次' })
    await volunteer.admin.adjustHours()
    const adjust = sent.find((s) => s.event.action === 'adjustHours')
    expect(adjust?.event.data).toEqual({ userId: 'u1', minutes: -90, reason: '重复登记的班次' })
    expect(toasts.at(-1)).toBe('已调整，该志愿者今年共 2.5 小时')
    expect(volunteer.admin.adjustForm).toEqual({ userId: '', hours: '', reason: '' })
  })
})

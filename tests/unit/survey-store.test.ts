import { runInAction } from 'mobx'
import type {
  CallEvent,
  CallResult,
  OpenVisitResult,
  SensitiveTextAnswer,
  SubmitResult,
  UserView,
} from '../../src/contract'
import { TransportError } from '../../src/services/api/transport'
import { RootStore } from '../../src/stores/root-store'
import { createMemoryStorage, type KeyValueStorage } from '../../src/stores/support/storage'
import { fakeApi, type Responder } from '../support/fake-api'

const CODE = 'V-1.abc.sig'

const opened: OpenVisitResult = {
  visit: { type: 'outpatient', departmentId: 'd1', departmentName: '心内科', visitDate: '2026-11-20', doctor: null },
  questionnaire: {
    id: 'outpatient',
    version: 1,
    title: '门诊患者满意度调查',
    items: [
      { id: 'waiting', label: '候诊时间', allowNA: false },
      { id: 'pharmacy', label: '取药与用药说明', allowNA: true },
      { id: 'overall', label: '总体满意度', allowNA: false },
    ],
  },
}

const thanks: SubmitResult = { submitted: true, alert: false }

/** A patient who has answered 单独同意 as given (`granted` unless a test says otherwise). */
const patient = (sensitiveText: SensitiveTextAnswer | null): UserView => ({
  id: 'u1',
  name: '',
  roles: ['patient'],
  departmentId: null,
  departmentName: null,
  prefs: { largeText: false, sensitiveText },
  staff: null,
})

function storeWith(
  respond: Responder,
  storage: KeyValueStorage = createMemoryStorage(),
  sensitiveText: SensitiveTextAnswer | null = 'granted',
) {
  const { api, sent } = fakeApi(respond)
  const root = new RootStore({ api, storage, toast: () => {}, devSignIn: null })
  runInAction(() => (root.identity.me = patient(sensitiveText)))
  return { rating: root.survey.rating, sent, storage }
}

const submits = (sent: { event: CallEvent }[]) => sent.filter((s) => s.event.action === 'submit')

describe('SurveyRatingStore', () => {
  it('keeps the draft on the device across a restart and a refused submit, and clears it once submitted', async () => {
    const storage = createMemoryStorage()
    const first = storeWith(() => ({ ok: true, data: opened }), storage)
    await first.rating.open(CODE)
    first.rating.draft.answer('waiting', 2)
    first.rating.draft.answer('pharmacy', null)
    first.rating.draft.setRecommend(7)
    first.rating.draft.setComment('候诊太久')
    first.rating.setCallBack(true)
    first.rating.setPhone('13912345678')
    expect(first.rating.draft.answeredCount).toBe(2)

    // The app is closed and opened again from the same receipt.
    let reply: CallResult<unknown> = {
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: '填写的内容有误，请检查标红的项目',
        fields: [{ path: 'contact.phone', message: '请填写11位手机号码' }],
      },
    }
    const again = storeWith(
      (_fn, event) => (event.action === 'openVisit' ? { ok: true, data: opened } : reply),
      storage,
    )
    await again.rating.open(CODE)
    expect(again.rating.draft.values).toEqual({
      answers: { waiting: 2, pharmacy: null },
      recommend: 7,
      comment: '候诊太久',
      praiseStaff: '',
      callBack: true,
      phone: '13912345678',
    })

    // The form marks the unanswered question itself, without a round trip, and unmarks it once answered.
    await again.rating.submit()
    expect(again.rating.draft.itemError('overall')).toBe('请为“总体满意度”打分')
    expect(again.rating.draft.itemError('waiting')).toBeUndefined()
    expect(submits(again.sent)).toHaveLength(0)
    again.rating.draft.answer('overall', 4)
    expect(again.rating.draft.itemError('overall')).toBeUndefined()
    expect(again.rating.submission.error).toBeNull()

    // The server's field error shows by its field, and goes when that field is edited.
    await again.rating.submit()
    expect(again.rating.phoneError).toBe('请填写11位手机号码')
    expect(again.rating.result).toBeNull()
    again.rating.setPhone('13912345678')
    expect(again.rating.phoneError).toBeUndefined()

    reply = { ok: true, data: thanks }
    await again.rating.submit()
    expect(again.rating.result).toEqual(thanks)
    const sentSubmits = submits(again.sent)
    expect(sentSubmits).toHaveLength(2)
    expect(sentSubmits[1].event.data).toEqual({
      code: CODE,
      version: 1,
      answers: { waiting: 2, pharmacy: null, overall: 4 },
      recommend: 7,
      comment: '候诊太久',
      commentConsent: true,
      contact: { phone: '13912345678', consent: true },
    })

    // Nothing of the answered visit is left on the device.
    const fresh = storeWith(() => ({ ok: true, data: opened }), storage)
    await fresh.rating.open(CODE)
    expect(fresh.rating.draft.values.answers).toEqual({})
  })

  it('sends one submit for a double tap and retries a lost request with the same request id', async () => {
    let lose = true
    let release: () => void = () => {}
    const { rating, sent } = storeWith(async (_fn, event) => {
      if (event.action === 'openVisit') return { ok: true, data: opened }
      if (lose) throw new TransportError('offline')
      await new Promise<void>((resolve) => (release = resolve))
      return { ok: true, data: thanks }
    })
    await rating.open(CODE)
    for (const item of opened.questionnaire.items) rating.draft.answer(item.id, 5)
    rating.draft.setRecommend(10)

    await rating.submit()
    expect(rating.submission.error).toContain('网络不稳定')
    expect(rating.draft.values.recommend).toBe(10)
    const lost = submits(sent).map((s) => s.event.requestId)
    expect(new Set(lost).size).toBe(1)

    lose = false
    const tap = rating.submit()
    const doubleTap = rating.submit()
    await new Promise((resolve) => setTimeout(resolve, 0))
    release()
    await Promise.all([tap, doubleTap])
    const all = submits(sent)
    expect(all).toHaveLength(lost.length + 1)
    expect(all.at(-1)?.event.requestId).toBe(lost[0])
    expect(rating.result).toEqual(thanks)
  })

  it('sends a comment only with 单独同意, and says so with the comment', async () => {
    for (const answer of ['declined', null] as const) {
      const { rating, sent } = storeWith(() => ({ ok: true, data: opened }), createMemoryStorage(), answer)
      await rating.open(CODE)
      for (const item of opened.questionnaire.items) rating.draft.answer(item.id, 4)
      rating.draft.setRecommend(8)
      rating.draft.setComment('医生讲得很清楚')
      await rating.submit()
      const data = submits(sent)[0].event.data as Record<string, unknown>
      expect(data).toMatchObject({ recommend: 8 })
      expect(data.comment).toBeUndefined()
      expect(data.commentConsent).toBeUndefined()
    }
  })

  it('sends nothing for a blank form and asks the patient for the recommendation in their words', async () => {
    const { rating, sent } = storeWith(() => ({ ok: true, data: opened }))
    await rating.open(CODE)
    await rating.submit()
    expect(rating.draft.recommendError).toBe('请选择您向亲友推荐本院的意愿（0–10分）')
    expect(opened.questionnaire.items.every((item) => rating.draft.itemError(item.id))).toBe(true)
    expect(submits(sent)).toHaveLength(0)
  })

  it.each([
    ['INVALID_INPUT', '评价码无效', false],
    ['EXPIRED', '评价码已过期', true],
    ['CONFLICT', '本次就诊已评价', true],
  ] as const)('explains a code refused with %s', async (code, title, final) => {
    const { rating } = storeWith(() => ({ ok: false, error: { code, message: '服务器的说明' } }))
    await rating.open(`  ${CODE} `)
    expect(rating.opened).toBeNull()
    expect(rating.refusal).toEqual({ title, message: '服务器的说明', final })
  })
})

describe('SurveyAlertsStore', () => {
  const alert = (id: string, departmentId: string) => ({
    id,
    departmentId,
    departmentName: departmentId === 'd1' ? '心内科' : '骨科',
    visitType: 'outpatient' as const,
    month: '2026-11',
    status: 'open' as const,
    overdue: false,
    createdAt: '2026-11-20T02:00:00.000Z',
    overall: 1,
    recommend: 2,
    lowItems: [],
    comment: null,
    history: [],
  })

  it('narrows an administrator’s list to one department and back to all, closing an open form', async () => {
    const all = [alert('a1', 'd1'), alert('a2', 'd2')]
    const { api, sent } = fakeApi((_fn, event) => {
      const departmentId = (event.data as { departmentId?: string }).departmentId
      return { ok: true, data: all.filter((a) => !departmentId || a.departmentId === departmentId) }
    })
    const { alerts } = new RootStore({ api, storage: createMemoryStorage(), toast: () => {}, devSignIn: null }).survey
    await alerts.load()
    alerts.activate('a1')
    alerts.setDepartment('d2')
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(alerts.activeId).toBeNull()
    expect(alerts.alerts.map((a) => a.id)).toEqual(['a2'])
    alerts.setFilter('overdue')
    alerts.setDepartment(null)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(alerts.alerts.map((a) => a.id)).toEqual(['a1', 'a2'])
    expect(sent.map((s) => s.event.data)).toEqual([
      { filter: 'open' },
      { filter: 'open', departmentId: 'd2' },
      { filter: 'overdue', departmentId: 'd2' },
      { filter: 'overdue' },
    ])
  })
})

describe('a refusal under its title', () => {
  it('shows the server message without its title when a code cannot open', async () => {
    const { rating } = storeWith(() => ({
      ok: false,
      error: { code: 'CONFLICT', message: '本次就诊已评价，感谢您的反馈' },
    }))
    await rating.open(CODE)
    expect(rating.refusal).toEqual({ title: '本次就诊已评价', message: '感谢您的反馈', final: true })
  })

  it('says what to do when the server only repeats the title', async () => {
    const { rating } = storeWith(() => ({ ok: false, error: { code: 'EXPIRED', message: '评价码已过期' } }))
    await rating.open(CODE)
    expect(rating.refusal).toEqual({ title: '评价码已过期', message: '已超过有效期，请重新获取', final: true })
  })
})

import type { CallResult, OpenCampaignResult } from '../../src/contract'
import { RootStore } from '../../src/stores/root-store'
import { createMemoryStorage, type KeyValueStorage } from '../../src/stores/support/storage'
import { fakeApi, type Responder } from '../support/fake-api'

const opened: OpenCampaignResult = {
  campaign: {
    id: 'c1',
    title: '第二季度职工满意度',
    opensOn: '2026-06-01',
    closesOn: '2026-06-30',
    status: 'open',
    answered: false,
    invited: null,
    responses: null,
  },
  questionnaire: {
    id: 'staff',
    version: 1,
    items: [
      { id: 'workload', label: '工作负荷', allowNA: false },
      { id: 'overall', label: '总体满意度', allowNA: false },
    ],
  },
}

function storeWith(submitAnswers: CallResult<unknown>[], storage: KeyValueStorage = createMemoryStorage()) {
  const respond: Responder = (_fn, event) =>
    event.action === 'openCampaign' ? { ok: true, data: opened } : (submitAnswers.shift() ?? { ok: true, data: {} })
  const { api, sent } = fakeApi(respond)
  const root = new RootStore({ api, storage, toast: () => {}, devSignIn: null })
  return { answer: root.staffSurvey.answer, sent }
}

describe('StaffSurveyAnswerStore', () => {
  it('keeps the draft on the device through a failed submit and retries with the same request id', async () => {
    const storage = createMemoryStorage()
    const failure = { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } } as const
    const { answer, sent } = storeWith([failure, { ok: true, data: { submitted: true } }], storage)
    await answer.open('c1')
    answer.draft.answer('workload', 2)
    answer.draft.answer('overall', 4)
    expect(await answer.submit()).toBe(false)
    expect(answer.draft.recommendError).toBe('请选择推荐意愿（0–10分）')
    answer.draft.setRecommend(7)
    expect(await answer.submit()).toBe(false)
    expect(answer.submission.error).toBe('系统繁忙，请稍后再试')

    // The app is closed and opened again: the draft comes back from the device.
    const reopened = storeWith([{ ok: true, data: { submitted: true } }], storage)
    await reopened.answer.open('c1')
    expect(reopened.answer.draft.values).toEqual({ answers: { workload: 2, overall: 4 }, recommend: 7, comment: '' })

    expect(await answer.submit()).toBe(true)
    expect(answer.done).toBe(true)
    const submits = sent.filter((s) => s.event.action === 'submit')
    expect(submits).toHaveLength(2)
    expect(submits[0].event.requestId).toBe(submits[1].event.requestId)
    expect(submits[1].event.data).toEqual({ campaignId: 'c1', answers: { workload: 2, overall: 4 }, recommend: 7 })
    const fresh = storeWith([], storage)
    await fresh.answer.open('c1')
    expect(fresh.answer.draft.values.answers).toEqual({})
  })

  it('sends nothing for a blank form and asks staff for the recommendation in their words', async () => {
    const { answer, sent } = storeWith([])
    await answer.open('c1')
    expect(await answer.submit()).toBe(false)
    expect(answer.draft.recommendError).toBe('请选择推荐意愿（0–10分）')
    expect(answer.items.every((item) => answer.draft.itemError(item.id))).toBe(true)
    expect(sent.filter((s) => s.event.action === 'submit')).toHaveLength(0)
  })

  it('treats an answer already on file (CONFLICT) as done, and a missing item as the server names it', async () => {
    const missing: CallResult<unknown> = {
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: '还有题目未完成',
        fields: [{ path: 'answers.overall', message: '请打分' }],
      },
    }
    const conflict = { ok: false, error: { code: 'CONFLICT', message: '您已提交过本次调查，感谢参与' } } as const
    const { answer } = storeWith([missing, conflict])
    await answer.open('c1')
    for (const item of answer.items) answer.draft.answer(item.id, 4)
    answer.draft.setRecommend(9)
    expect(await answer.submit()).toBe(false)
    expect(answer.draft.itemError('overall')).toBe('请打分')
    expect(answer.done).toBe(false)
    expect(await answer.submit()).toBe(true)
    expect(answer.done).toBe(true)
  })
})

import type { CallEvent, CallResult, FeedbackItem, PhraseEntry } from '../../src/contract'
import { FEEDBACK_DRAFT_KEY } from '../../src/stores/feedback-store'
import { RootStore } from '../../src/stores/root-store'
import { createMemoryStorage, type KeyValueStorage } from '../../src/stores/support/storage'
import { fakeApi, type Responder } from '../support/fake-api'

const stored = { id: 'f1', kind: 'complaint', status: 'submitted' } as FeedbackItem

function rootWith(respond: Responder, storage: KeyValueStorage = createMemoryStorage()) {
  const toasts: string[] = []
  const { api, sent } = fakeApi(respond)
  const root = new RootStore({ api, storage, toast: (m) => toasts.push(m), devSignIn: null })
  return { store: root.feedback, sent, toasts, storage }
}

const fill = (store: RootStore['feedback']) => {
  store.setForm({ kind: 'complaint', departmentId: 'd1', text: '候诊两个小时无人解释，态度生硬。' })
  store.toggleCategory('态度生硬')
}

describe('FeedbackStore', () => {
  it('keeps what was typed through a refused submit and an app restart, and clears it once stored', async () => {
    let answer: CallResult<unknown> = {
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: '填写的内容有误',
        fields: [{ path: 'contactPhone', message: '请输入11位手机号' }],
      },
    }
    const { store, storage } = rootWith(() => answer)
    fill(store)
    store.setForm({ contactPhone: '123', staff: '王芳' })

    expect(await store.submit()).toBe(false)
    expect(store.submission.fieldError('contactPhone')).toBe('请输入11位手机号')
    expect(store.form).toMatchObject({ text: '候诊两个小时无人解释，态度生硬。', contactPhone: '123' })

    const restarted = rootWith(() => answer, storage).store
    expect(restarted.form).toEqual(store.form)

    answer = { ok: true, data: stored }
    restarted.setForm({ contactPhone: '13812345678' })
    expect(await restarted.submit()).toBe(true)
    expect(restarted.form).toMatchObject({ kind: 'complaint', text: '', categories: [], departmentId: '' })
    expect(restarted.mine[0]).toEqual(stored)
    expect(rootWith(() => answer, storage).store.form.text).toBe('')
    expect(storage.get(FEEDBACK_DRAFT_KEY)).toBeUndefined()
  })

  it("clears a field's error as soon as that field is edited, and the summary once none is left", async () => {
    const { store } = rootWith(() => ({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: '填写的内容有误',
        fields: [
          { path: 'departmentId', message: '请选择科室' },
          { path: 'staff.employeeNo', message: '没有找到该工号' },
          { path: 'categories', message: '请至少选择一个类别' },
        ],
      },
    }))
    expect(await store.submit()).toBe(false)
    store.setForm({ departmentId: 'd1' })
    expect(store.submission.fieldError('departmentId')).toBeUndefined()
    expect(store.submission.fieldError('staff.employeeNo')).toBe('没有找到该工号')
    store.setForm({ staff: 'H0124' })
    expect(store.submission.fieldError('staff.employeeNo')).toBeUndefined()
    expect(store.submission.error).toBe('填写的内容有误')
    store.toggleCategory('态度生硬')
    expect(store.submission.fields).toEqual([])
    expect(store.submission.error).toBeNull()
  })

  it('sends a name or an employee number as the patient typed it, and retries with the same request id', async () => {
    const events: CallEvent[] = []
    let fail = true
    const { store } = rootWith((_fn, event) => {
      events.push(event)
      if (fail) return { ok: false, error: { code: 'INTERNAL', message: '系统繁忙' } }
      return { ok: true, data: stored }
    })
    fill(store)
    store.setForm({ staff: ' H0123 ' })
    await store.submit()
    fail = false
    store.setForm({ staff: '王芳' })
    await store.submit()
    expect(events.map((e) => (e.data as { staff: unknown }).staff)).toEqual([{ employeeNo: 'H0123' }, { name: '王芳' }])
    expect(events[0].requestId).toBe(events[1].requestId)
    expect((events[1].data as { contactPhone?: string }).contactPhone).toBeUndefined()
  })

  it('asks the manager for a reason to close early, keeping it through a refusal, and reloads the timeline', async () => {
    const replied = { ...stored, status: 'replied', history: [] }
    const sent: string[] = []
    let closeAnswer: CallResult<unknown> = {
      ok: false,
      error: { code: 'INVALID_INPUT', message: '填写的内容有误', fields: [{ path: 'reason', message: '请说明原因' }] },
    }
    const { store, toasts } = rootWith((_fn, event) => {
      sent.push(`${event.action}:${JSON.stringify(event.data)}`)
      return event.action === 'close' ? closeAnswer : { ok: true, data: replied }
    })
    await store.loadDetail('f1')
    store.setCloseReason('太忙')
    await store.close()
    expect(store.closing.fieldError('reason')).toBe('请说明原因')
    expect(store.closeReason).toBe('太忙')

    closeAnswer = { ok: true, data: { ...replied, status: 'closed' } }
    store.setCloseReason('患者电话三次无人接听')
    await store.close()
    expect(store.closeReason).toBe('')
    expect(toasts).toContain('已办结')
    expect(sent.filter((s) => s.startsWith('close'))).toEqual([
      'close:{"id":"f1","reason":"太忙"}',
      'close:{"id":"f1","reason":"患者电话三次无人接听"}',
    ])
    expect(sent.at(-1)).toBe('detail:{"id":"f1"}')
  })

  it('offers the categories of the chosen kind and drops the others on a switch', () => {
    const { store } = rootWith(() => ({ ok: true, data: stored }))
    fill(store)
    expect(store.categoryOptions).toContain('推诿敷衍')
    store.setForm({ kind: 'praise' })
    expect(store.form.categories).toEqual([])
    expect(store.categoryOptions).toContain('热情暖心')
  })
})

describe('暖语手册', () => {
  const entry = (id: string, scene: PhraseEntry['scene'], situation: string, recommended: string[]): PhraseEntry =>
    ({ id, scene, situation, recommended, forbidden: ['自己看'] }) as PhraseEntry

  it('loads the book once, groups it by scene and searches as the person types, without a round trip', async () => {
    const book = [
      entry('1', '病房', '患者按铃', ['您好，我马上来']),
      entry('2', '候诊', '患者询问排队', ['前面还有三位，请您稍等']),
      entry('3', '候诊', '候诊时间长', ['让您久等了']),
    ]
    const { store, sent } = rootWith(() => ({ ok: true, data: book }))
    await store.phraseBook.loadPhrases()
    expect(store.phraseBook.groups.map((g) => [g.scene, g.entries.map((e) => e.id)])).toEqual([
      ['候诊', ['2', '3']],
      ['病房', ['1']],
    ])
    store.phraseBook.setQuery('排')
    expect(store.phraseBook.groups).toEqual([{ scene: '候诊', entries: [book[1]] }])
    store.phraseBook.setQuery('久等')
    expect(store.phraseBook.matchCount).toBe(1)
    store.phraseBook.setQuery('没有这个词')
    expect(store.phraseBook.groups).toEqual([])
    store.phraseBook.setScene('病房')
    expect(sent.filter((s) => s.event.action === 'phrases')).toHaveLength(1)
  })
})

import type { Role, UserView } from '../../src/contract'
import { RootStore } from '../../src/stores/root-store'
import { clearDraft, persistDraft } from '../../src/stores/support/draft'
import { createMemoryStorage } from '../../src/stores/support/storage'
import { Submission } from '../../src/stores/support/submission'
import { ApiFailure } from '../../src/services/api/errors'
import { makeAutoObservable } from 'mobx'
import { fakeApi } from '../support/fake-api'

const user = (roles: Role[], largeText = false): UserView => ({
  id: 'u1',
  name: '张三',
  roles,
  departmentId: null,
  departmentName: null,
  prefs: { largeText, sensitiveText: null },
  staff: null,
})

describe('IdentityStore', () => {
  it('starts a dev build with no session as the demo patient, then loads the profile', async () => {
    let signedIn = false
    const { api } = fakeApi(() =>
      signedIn
        ? { ok: true, data: user(['patient']) }
        : { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } },
    )
    const asked: Role[] = []
    const store = new RootStore({
      api,
      storage: createMemoryStorage(),
      toast: () => {},
      devSignIn: async (role) => {
        asked.push(role)
        signedIn = true
      },
    })
    await store.identity.load()
    expect(asked).toEqual(['patient'])
    expect(store.identity.loading.status).toBe('ready')
    expect(store.identity.roles).toEqual(['patient'])
  })

  it('without a dev sign-in an unauthenticated load is an error state, not a crash', async () => {
    const { api } = fakeApi(() => ({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } }))
    const store = new RootStore({ api, storage: createMemoryStorage(), toast: () => {}, devSignIn: null })
    await store.identity.load()
    expect(store.identity.loading).toMatchObject({ status: 'error', error: '请先登录' })
  })

  it('applies 大字模式 from the server profile and keeps it on the device when the sync fails', async () => {
    const storage = createMemoryStorage()
    const toasts: string[] = []
    const { api } = fakeApi((_fn, event) =>
      event.action === 'me'
        ? { ok: true, data: user(['patient'], true) }
        : { ok: false, error: { code: 'INTERNAL', message: '系统繁忙' } },
    )
    const store = new RootStore({ api, storage, toast: (m) => toasts.push(m), devSignIn: null })
    await store.identity.load()
    expect(store.ui.largeText).toBe(true)
    await store.identity.setLargeText(false)
    expect(store.ui.largeText).toBe(false)
    expect(storage.get('renxin.largeText')).toBe(false)
    expect(toasts[0]).toContain('同步失败')
  })
})

describe('Submission', () => {
  it('reuses one requestId across failed attempts and starts a new one after success', async () => {
    const ids: string[] = []
    let fail = true
    const submission = new Submission(async (requestId) => {
      ids.push(requestId)
      if (fail) throw new ApiFailure('NETWORK', '网络不稳定')
      return 'ok'
    })
    expect(await submission.submit()).toBeUndefined()
    expect(submission).toMatchObject({ status: 'failed', error: '网络不稳定' })
    fail = false
    expect(await submission.submit()).toBe('ok')
    expect(await submission.submit()).toBe('ok')
    expect(ids[0]).toBe(ids[1])
    expect(ids[2]).not.toBe(ids[1])
  })

  it('starts a new requestId after a definite refusal, so an edited form is a new write', async () => {
    const ids: string[] = []
    const submission = new Submission(async (requestId) => {
      ids.push(requestId)
      if (ids.length === 1)
        throw new ApiFailure('CONFLICT', '同一次提交的内容前后不一致，未予处理；请刷新页面，查看结果后再操作')
      return 'ok'
    })
    expect(await submission.submit()).toBeUndefined()
    expect(await submission.submit()).toBe('ok')
    expect(ids[1]).not.toBe(ids[0])
  })

  it('ignores a double tap while the first submit is in flight', async () => {
    let calls = 0
    let release: () => void = () => {}
    const submission = new Submission(
      () =>
        new Promise<string>((resolve) => {
          calls++
          release = () => resolve('done')
        }),
    )
    const first = submission.submit()
    expect(await submission.submit()).toBeUndefined()
    release()
    expect(await first).toBe('done')
    expect(calls).toBe(1)
  })

  it('exposes field errors by path', async () => {
    const submission = new Submission(async () => {
      throw new ApiFailure('INVALID_INPUT', '填写有误', [{ path: 'answers.q3', message: '请选择' }])
    })
    await submission.submit()
    expect(submission.fieldError('answers.q3')).toBe('请选择')
    expect(submission.fieldError('comment')).toBeUndefined()
  })
})

describe('persistDraft', () => {
  class Form {
    text = ''
    constructor() {
      makeAutoObservable(this)
    }
    setText(text: string) {
      this.text = text
    }
  }

  it('restores what was typed into a new form and forgets it once cleared', () => {
    const storage = createMemoryStorage()
    const first = new Form()
    const stop = persistDraft(
      storage,
      'draft.test',
      () => first.text,
      (saved) => first.setText(saved),
    )
    first.setText('护士很耐心')
    stop()

    const second = new Form()
    persistDraft(
      storage,
      'draft.test',
      () => second.text,
      (saved) => second.setText(saved),
    )()
    expect(second.text).toBe('护士很耐心')

    clearDraft(storage, 'draft.test')
    const third = new Form()
    persistDraft(
      storage,
      'draft.test',
      () => third.text,
      (saved) => third.setText(saved),
    )()
    expect(third.text).toBe('')
  })
})

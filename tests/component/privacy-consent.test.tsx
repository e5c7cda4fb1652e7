import { act, fireEvent, render, screen } from '@testing-library/react'
import { View } from '@tarojs/components'
import type { CallEvent, SensitiveTextAnswer, UserView } from '../../src/contract'
import { LargeTextEntry } from '../../src/components/large-text-entry'
import { PageShell } from '../../src/components/page-shell'
import { SensitiveTextGate } from '../../src/components/sensitive-consent'
import PrivacyPolicyPage from '../../src/pages/identity/privacy/index'
import CarePage from '../../src/pages/tabs/care/index'
import MePage from '../../src/pages/tabs/me/index'
import { StoreContext } from '../../src/stores/context'
import { RootStore } from '../../src/stores/root-store'
import { createMemoryStorage } from '../../src/stores/support/storage'
import { fakeApi } from '../support/fake-api'
import { calls, modalAnswer } from '../support/taro-api'

const person = (sensitiveText: SensitiveTextAnswer | null, largeText = false): UserView => ({
  id: '00000000-0000-4000-8000-000000000002',
  name: '王大爷',
  roles: ['patient'],
  departmentId: null,
  departmentName: null,
  prefs: { largeText, sensitiveText },
  staff: null,
})

/** A host stand-in that keeps the person's prefs, as the server does. */
function setUp(start: UserView, wechatTextSize = {}) {
  let me = start
  const { api, sent } = fakeApi((_fn, event: CallEvent) => {
    if (event.action === 'setPrefs') me = { ...me, prefs: { ...me.prefs, ...(event.data as object) } }
    if (event.action === 'exportMyData') return { ok: true, data: { identity: { user: { name: me.name } } } }
    if (event.action === 'deleteMe') {
      me = { ...me, name: '' }
      return { ok: true, data: { deleted: true } }
    }
    return { ok: true, data: me }
  })
  const store = new RootStore({ api, storage: createMemoryStorage(), toast: () => {}, devSignIn: null, wechatTextSize })
  const mount = (ui: JSX.Element) => render(<StoreContext.Provider value={store}>{ui}</StoreContext.Provider>)
  return { store, sent, mount }
}

const Form = () => (
  <PageShell>
    <SensitiveTextGate>
      <View aria-label='具体经过'>输入框</View>
    </SensitiveTextGate>
  </PageShell>
)

describe('单独同意 before free text about treatment', () => {
  it('asks first, hides the field, and shows it once the person agrees, remembering it on the server', async () => {
    const { store, sent, mount } = setUp(person(null))
    await act(() => store.identity.load())
    mount(<Form />)
    expect(screen.queryByLabelText('具体经过')).toBeNull()
    expect(screen.getByText('填写文字前，请您单独同意')).toBeTruthy()

    await act(async () => fireEvent.click(screen.getByRole('button', { name: '同意并填写' })))
    expect(screen.getByLabelText('具体经过')).toBeTruthy()
    expect(sent.at(-1)?.event).toMatchObject({ action: 'setPrefs', data: { sensitiveText: 'granted' } })
  })

  it('keeps the field away after a refusal, and lets the person change their mind', async () => {
    const { store, mount } = setUp(person(null))
    await act(() => store.identity.load())
    mount(<Form />)
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '不同意' })))
    expect(screen.getByText('您未同意填写就医相关文字')).toBeTruthy()
    expect(screen.queryByLabelText('具体经过')).toBeNull()
    expect(screen.queryByRole('button', { name: '不同意' })).toBeNull()
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '改为同意' })))
    expect(screen.getByLabelText('具体经过')).toBeTruthy()
  })

  it('does not ask someone who agreed before, on this or any other form', async () => {
    const { store, mount } = setUp(person('granted'))
    await act(() => store.identity.load())
    mount(<Form />)
    expect(screen.getByLabelText('具体经过')).toBeTruthy()
    expect(screen.queryByText('填写文字前，请您单独同意')).toBeNull()
  })
})

describe('the privacy consent sheet on every page', () => {
  it('appears while something waits for consent and releases it with the answer', async () => {
    const { store, mount } = setUp(person(null))
    mount(<Form />)
    expect(screen.queryByRole('dialog')).toBeNull()
    let answer: string | undefined
    await act(async () => void store.privacy.ask('scanCode').then((a) => (answer = a)))
    expect(screen.getByRole('dialog', { name: '用户隐私保护指引' })).toBeTruthy()
    expect(screen.getByText(/摄像头/)).toBeTruthy()
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '同意并继续' })))
    expect(answer).toBe('agree')
    expect(screen.queryByRole('dialog')).toBeNull()
  })
})

describe('个人信息保护政策', () => {
  it('is reachable from 我的', async () => {
    const { store, mount } = setUp(person(null))
    await act(() => store.identity.load())
    mount(<MePage />)
    calls.navigateTo.length = 0
    fireEvent.click(screen.getByRole('button', { name: '个人信息保护政策' }))
    expect(calls.navigateTo).toEqual(['/pages/identity/privacy/index'])
  })

  it('lists each kind of data with who sees it and how long it is kept, shows my data and deletes it', async () => {
    const { store, sent, mount } = setUp(person('granted'))
    await act(() => store.identity.load())
    mount(<PrivacyPolicyPage />)
    for (const kind of [
      '微信账户',
      '职工认证',
      '志愿者报名',
      '表扬与投诉',
      '差评回访电话',
      '学习签到与请假',
      '管理操作记录',
    ]) {
      const region = screen.getByRole('region', { name: kind })
      expect(region.textContent).toMatch(/谁能看到：.+保存多久：.+/)
    }
    expect(screen.getByRole('region', { name: '差评回访电话' }).textContent).toContain('30 天后自动删除')
    // The sheet does not cover the policy a person opens to decide.
    await act(async () => void store.privacy.ask('scanCode'))
    expect(screen.queryByRole('dialog')).toBeNull()

    await act(async () => fireEvent.click(screen.getByRole('button', { name: '查看我的全部个人信息' })))
    expect(screen.getByLabelText('我的个人信息').textContent).toContain('王大爷')

    await act(async () => fireEvent.click(screen.getByRole('button', { name: '撤回同意' })))
    expect(store.identity.sensitiveText).toBe('declined')

    modalAnswer.confirm = false
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '删除我的个人信息' })))
    expect(sent.some((s) => s.event.action === 'deleteMe')).toBe(false)
    modalAnswer.confirm = true
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '删除我的个人信息' })))
    expect(sent.find((s) => s.event.action === 'deleteMe')?.event.data).toEqual({ confirm: true })
    expect(store.identity.me?.name).toBe('')
  })
})

describe('大字模式 entry on 就医服务', () => {
  it('switches large text on from the first tab', async () => {
    const { store, sent, mount } = setUp(person(null))
    await act(() => store.identity.load())
    const view = mount(<CarePage />)
    expect(view.container.querySelector('.rx-page--large')).toBeNull()
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '开启大字' })))
    expect(view.container.querySelector('.rx-page--large')).not.toBeNull()
    expect(sent.at(-1)?.event).toMatchObject({ action: 'setPrefs', data: { largeText: true } })
    expect(screen.getByRole('button', { name: '恢复标准字' })).toBeTruthy()
  })

  it('starts in large text for someone who enlarged WeChat text', async () => {
    const { store, mount } = setUp(person(null), { fontSizeSetting: 22, fontSizeScaleFactor: 1.3 })
    await act(() => store.identity.load())
    const view = mount(
      <PageShell>
        <LargeTextEntry />
      </PageShell>,
    )
    expect(view.container.querySelector('.rx-page--large')).not.toBeNull()
    expect(screen.getByText('已按您微信的字体大小开启')).toBeTruthy()
  })
})

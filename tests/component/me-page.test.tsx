import { act, fireEvent, render, screen } from '@testing-library/react'
import type { UserView } from '../../src/contract'
import MePage from '../../src/pages/tabs/me/index'
import { StoreContext } from '../../src/stores/context'
import { RootStore } from '../../src/stores/root-store'
import { createMemoryStorage } from '../../src/stores/support/storage'
import { fakeApi } from '../support/fake-api'

const patient: UserView = {
  id: '00000000-0000-4000-8000-000000000001',
  name: '李阿姨',
  roles: ['patient'],
  departmentId: null,
  departmentName: null,
  prefs: { largeText: false, sensitiveText: null },
  staff: null,
}

function renderPage(respond: Parameters<typeof fakeApi>[0]) {
  const { api, sent } = fakeApi(respond)
  const store = new RootStore({ api, storage: createMemoryStorage(), toast: () => {}, devSignIn: null })
  const view = render(
    <StoreContext.Provider value={store}>
      <MePage />
    </StoreContext.Provider>,
  )
  return { store, sent, view }
}

test('shows the signed-in person, their roles, and scales text when 大字模式 is switched on', async () => {
  const { store, sent, view } = renderPage((_fn, event) => {
    if (event.action === 'setPrefs')
      return { ok: true, data: { ...patient, prefs: { largeText: true, sensitiveText: null } } }
    return { ok: true, data: patient }
  })
  await act(() => store.identity.load())

  expect(screen.getByText('李阿姨')).toBeTruthy()
  expect(screen.getByLabelText('我的身份').textContent).toBe('患者')
  expect(view.container.querySelector('.rx-page--large')).toBeNull()
  expect(screen.queryByText('切换演示身份（仅开发版）')).toBeNull()

  await act(async () => {
    fireEvent.click(screen.getByRole('switch', { name: '大字模式' }))
  })
  expect(view.container.querySelector('.rx-page--large')).not.toBeNull()
  expect(sent.map((s) => s.event.action)).toEqual(['me', 'setPrefs'])
  expect(sent[1].event.data).toEqual({ largeText: true })
})

test('keeps what was typed in the staff form and shows the field error when the roster does not match', async () => {
  const { store } = renderPage((_fn, event) => {
    if (event.action === 'bindStaff') {
      return {
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: '工号与姓名不匹配，请核对后重试',
          fields: [{ path: 'employeeNo', message: '工号与姓名不匹配' }],
        },
      }
    }
    return { ok: true, data: patient }
  })
  await act(() => store.identity.load())

  fireEvent.change(screen.getByPlaceholderText('如 H0123'), { target: { value: 'H0999' } })
  fireEvent.change(screen.getByPlaceholderText('与院内登记一致'), { target: { value: '王医生' } })
  await act(async () => {
    fireEvent.click(screen.getByText('提交认证'))
  })

  expect(screen.getByText('工号与姓名不匹配')).toBeTruthy()
  expect((screen.getByPlaceholderText('如 H0123') as HTMLInputElement).value).toBe('H0999')
  expect((screen.getByPlaceholderText('与院内登记一致') as HTMLInputElement).value).toBe('王医生')
})

test('shows an error with a retry when the profile cannot load', async () => {
  let fail = true
  const { store } = renderPage(() =>
    fail ? { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } } : { ok: true, data: patient },
  )
  await act(() => store.identity.load())
  expect(screen.getByRole('alert').textContent).toContain('系统繁忙')
  fail = false
  await act(async () => {
    fireEvent.click(screen.getByText('重新加载'))
  })
  expect(screen.getByText('李阿姨')).toBeTruthy()
})

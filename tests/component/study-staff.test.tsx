import { act, fireEvent, render, screen } from '@testing-library/react'
import { TextEncoder } from 'node:util'
import type { ComponentType } from 'react'
import type { AttendanceView, CheckInResult, QrCodeView } from '../../src/contract'
import CheckInPage from '../../src/pages/study/check-in/index'
import QrPage from '../../src/pages/study/qr/index'
import { StoreContext } from '../../src/stores/context'
import { RootStore } from '../../src/stores/root-store'
import { createMemoryStorage } from '../../src/stores/support/storage'
import { monthBars } from '../../src/stores/study/stats-chart'
import { fakeApi, type Responder } from '../support/fake-api'
import { route } from '../support/taro-api'

// jsdom has no TextEncoder; the QR drawing library needs one.
Object.assign(globalThis, { TextEncoder })

const SESSION = '00000000-0000-4000-8000-0000000000aa'

function renderPage(Page: ComponentType, respond: Responder) {
  const { api, sent } = fakeApi(respond)
  const store = new RootStore({ api, storage: createMemoryStorage(), toast: () => {}, devSignIn: null })
  const view = render(
    <StoreContext.Provider value={store}>
      <Page />
    </StoreContext.Provider>,
  )
  return { store, sent, view }
}

const checkedIn = (expected: boolean): CheckInResult => ({
  sessionId: SESSION,
  title: '11月业务学习',
  checkedInAt: '2026-11-30T01:02:00Z',
  late: false,
  expected,
  checkedOutAt: null,
  presence: 'none',
  repeated: false,
})

test('after 签到成功 the keypad goes away; a person outside the list reads a note, not an error', async () => {
  renderPage(CheckInPage, () => ({ ok: true, data: checkedIn(false) }))
  expect(screen.getByLabelText('签到码')).toBeTruthy()
  await act(async () => {
    for (const digit of '123456') fireEvent.click(screen.getByLabelText(digit))
  })
  expect(screen.getByRole('status').textContent).toContain('签到成功')
  expect(screen.queryByLabelText('签到码')).toBeNull()
  expect(screen.queryByLabelText('删除')).toBeNull()
  expect(document.body.textContent).not.toContain('非应到')
  expect(screen.getByRole('status').textContent).toContain('自愿参加')

  fireEvent.click(screen.getByText('签到其他活动'))
  expect(screen.getByLabelText('签到码')).toBeTruthy()
  expect(screen.queryByRole('status')).toBeNull()
})

test('the QR screen shows the session title and how many have checked in, kept live', async () => {
  jest.useFakeTimers()
  route.params = { id: SESSION }
  let checkedInCount = 3
  const qr: QrCodeView = {
    sessionId: SESSION,
    payload: 'S1.payload',
    shortCode: '123456',
    expiresAt: '2026-11-30T01:00:15Z',
    serverNow: '2026-11-30T01:00:00Z',
  }
  const attendance = () =>
    ({
      session: { id: SESSION, title: '11月业务学习' },
      totals: { expected: 40, checkedIn: checkedInCount, late: 0, excused: 0, missing: 0, unexpected: 0 },
      departments: [],
      pendingLeaves: [],
    }) as unknown as AttendanceView
  const { view } = renderPage(QrPage, (_fn, event) =>
    event.action === 'qrCode' ? { ok: true, data: qr } : { ok: true, data: attendance() },
  )
  await act(async () => {
    await jest.advanceTimersByTimeAsync(0)
  })
  expect(screen.getByText('11月业务学习')).toBeTruthy()
  expect(screen.getByLabelText('已签到人数').textContent).toBe('已签到 3 人 / 应到 40 人')
  checkedInCount = 7
  await act(async () => {
    await jest.advanceTimersByTimeAsync(6000)
  })
  expect(screen.getByLabelText('已签到人数').textContent).toBe('已签到 7 人 / 应到 40 人')
  view.unmount()
  jest.useRealTimers()
})

test('学习统计 draws one bar per month, summed over types or for one type', () => {
  const row = (month: string, type: '业务学习' | '党课', attended: number, expected: number) => ({
    month,
    type,
    sessions: 1,
    attended,
    expected,
    excused: 0,
    rate: attended / expected,
  })
  const rows = [row('2026-02', '业务学习', 8, 10), row('2026-01', '党课', 5, 10), row('2026-02', '党课', 2, 10)]
  expect(monthBars(rows, null)).toEqual([
    { month: '2026-01', sessions: 1, attended: 5, rate: 0.5 },
    { month: '2026-02', sessions: 2, attended: 10, rate: 0.5 },
  ])
  expect(monthBars(rows, '业务学习')).toEqual([{ month: '2026-02', sessions: 1, attended: 8, rate: 0.8 }])
})

import { act, fireEvent, render, screen, within } from '@testing-library/react'
import type { Dashboard, ItemFigure, UserView, VisitType } from '../../src/contract'
import { shiftMonth } from '../../src/contract/month'
import DashboardPage from '../../src/pages/survey/dashboard/index'
import { RangePicker } from '../../src/pages/survey/shared/range-picker'
import { StoreContext } from '../../src/stores/context'
import { RootStore } from '../../src/stores/root-store'
import { worstFirst } from '../../src/stores/survey/low-items'
import { createMemoryStorage } from '../../src/stores/support/storage'
import { fakeApi } from '../support/fake-api'

function dashboardStore() {
  const { api, sent } = fakeApi(() => ({ ok: false, error: { code: 'INTERNAL', message: '系统繁忙' } }))
  const root = new RootStore({ api, storage: createMemoryStorage(), toast: () => {}, devSignIn: null })
  return { store: root.survey.dashboard, sent }
}

test('one range control: how many months, ending with the month stepped to, never past this month', () => {
  const { store, sent } = dashboardStore()
  store.setDepartment('00000000-0000-4000-8000-000000000001')
  store.to = '2026-11'
  store.setRangeMonths(6)
  expect([store.from, store.to, store.rangeMonths]).toEqual(['2026-06', '2026-11', 6])
  store.stepRange(-1, '2026-11')
  expect([store.from, store.to]).toEqual(['2026-05', '2026-10'])
  store.stepRange(1, '2026-11')
  store.stepRange(1, '2026-11')
  expect([store.from, store.to]).toEqual(['2026-06', '2026-11'])
  const last = sent.filter((s) => s.event.action === 'dashboard').at(-1)
  expect(last?.event.data).toMatchObject({ from: '2026-06', to: '2026-11' })
})

test('the range picker shows one control with the months and the span in words', () => {
  const onMonths = jest.fn()
  const onStep = jest.fn()
  render(<RangePicker from='2026-09' to='2026-11' months={3} latest='2026-11' onMonths={onMonths} onStep={onStep} />)
  const group = screen.getByRole('group', { name: '统计区间' })
  expect(within(group).getByRole('radio', { name: '近3个月' }).getAttribute('aria-checked')).toBe('true')
  expect(within(group).getByLabelText('统计区间说明').textContent).toBe('2026年9月至2026年11月，共3个月')
  act(() => {
    fireEvent.click(within(group).getByText('近6个月'))
    fireEvent.click(within(group).getByText('上月'))
  })
  expect(onMonths).toHaveBeenCalledWith(6)
  expect(onStep).toHaveBeenCalledWith(-1)
  expect(screen.getAllByText('上月')).toHaveLength(1)
})

test("an alert's low-score list shows the worst items first and folds the rest", () => {
  const item = (itemId: string, score: number) => ({ itemId, label: itemId, score })
  const { shown, folded } = worstFirst([item('a', 2), item('b', 1), item('c', 2), item('d', 1), item('e', 2)])
  expect(shown.map((i) => i.itemId)).toEqual(['b', 'd', 'a'])
  expect(folded.map((i) => i.itemId)).toEqual(['c', 'e'])
  expect(worstFirst([item('x', 1)])).toEqual({ shown: [item('x', 1)], folded: [] })
})

describe('the dashboard page', () => {
  const departmentId = '00000000-0000-4000-8000-000000000007'
  const manager: UserView = {
    id: '00000000-0000-4000-8000-000000000032',
    name: '科主任',
    roles: ['patient', 'staff', 'manager'],
    departmentId,
    departmentName: '耳鼻喉科',
    prefs: { largeText: false, sensitiveText: null },
    staff: null,
  }
  const figure = (visitType: VisitType, itemId: string, label: string, rate: number | null): ItemFigure => ({
    visitType,
    itemId,
    label,
    answered: rate === null ? 12 : 40,
    notApplicable: 0,
    average: rate === null ? null : 4.2,
    rate,
  })
  const admission = figure('inpatient', 'admission', '入院办理', 0.8)
  const dashboard = (from: string, to: string): Dashboard => ({
    departmentId,
    departmentName: '耳鼻喉科',
    from,
    to,
    responses: 52,
    visits: 80,
    responseRate: 0.65,
    sections: [
      {
        visitType: 'outpatient',
        responses: 40,
        satisfaction: { answered: 40, satisfied: 38, rate: 0.95, metTarget: true },
        items: [
          figure('outpatient', 'registration', '挂号便捷', 0.9),
          figure('outpatient', 'overall', '总体满意度', 0.95),
        ],
        recommend: { answered: 40, average: 8.5, nps: 40 },
      },
      {
        visitType: 'inpatient',
        responses: 12,
        satisfaction: { answered: 12, satisfied: null, rate: null, metTarget: null },
        items: [{ ...admission, answered: 12, average: null, rate: null }],
        recommend: { answered: 12, average: null, nps: null },
      },
    ],
    weakest: [admission],
    recommend: { answered: 52, average: 8.4, nps: 38 },
    comments: [],
  })

  test('shows 门诊 and 住院 as two sections with their own items and satisfaction, for the range picked', async () => {
    const { api, sent } = fakeApi((_fn, event) => {
      if (event.action === 'me') return { ok: true, data: manager }
      if (event.action === 'dashboard') {
        const { from, to } = event.data as { from: string; to: string }
        return { ok: true, data: dashboard(from, to) }
      }
      return { ok: false, error: { code: 'INTERNAL', message: '系统繁忙' } }
    })
    const store = new RootStore({ api, storage: createMemoryStorage(), toast: () => {}, devSignIn: null })
    render(
      <StoreContext.Provider value={store}>
        <DashboardPage />
      </StoreContext.Provider>,
    )
    await act(() => store.identity.load())
    const outpatient = await screen.findByRole('region', { name: '门诊患者满意度' })
    const inpatient = screen.getByRole('region', { name: '住院患者满意度' })
    expect(within(outpatient).getByText('门诊（40 份评价）')).toBeTruthy()
    expect(within(outpatient).getByText('总体满意度 95.0%（38/40）')).toBeTruthy()
    expect(within(outpatient).getByText('挂号便捷')).toBeTruthy()
    expect(within(outpatient).queryByText('入院办理')).toBeNull()
    expect(within(inpatient).getByText('住院（12 份评价）')).toBeTruthy()
    expect(within(inpatient).getByText('总体满意度：样本不足（12 份）')).toBeTruthy()
    expect(within(inpatient).getByText('入院办理')).toBeTruthy()
    expect(within(inpatient).queryByText('挂号便捷')).toBeNull()
    // The weakest items name their questionnaire: the same label can be on both.
    expect(screen.getByText('住院 · 入院办理')).toBeTruthy()
    // Months read as everywhere else in the app, 2026年11月, not 2026-11.
    expect(screen.getByText(/^患者意见主题（\d{4}年\d{1,2}月）$/)).toBeTruthy()

    await act(async () => {
      fireEvent.click(screen.getByText('近6个月'))
    })
    const asked = sent.filter((s) => s.event.action === 'dashboard').map((s) => s.event.data)
    expect(asked.at(-1)).toMatchObject({ departmentId, from: shiftMonth(store.survey.dashboard.to, -5) })
    expect(screen.getAllByRole('region', { name: /患者满意度$/ })).toHaveLength(2)
  })
})

import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { RangePicker } from '../../src/pages/survey/shared/range-picker'
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

import { act, fireEvent, render, screen, within } from '@testing-library/react'
import type { ErrorCode, OpenVisitResult, UserView } from '../../src/contract'
import RatePage from '../../src/pages/survey/rate/index'
import { Questionnaire } from '../../src/pages/survey/rate/questionnaire'
import { StoreContext } from '../../src/stores/context'
import { RootStore } from '../../src/stores/root-store'
import { createMemoryStorage } from '../../src/stores/support/storage'
import { fakeApi } from '../support/fake-api'

const opened: OpenVisitResult = {
  visit: { type: 'inpatient', departmentId: 'd1', departmentName: '骨科', visitDate: '2026-11-20', doctor: '王医生' },
  questionnaire: {
    id: 'inpatient',
    version: 1,
    title: '住院患者满意度调查',
    items: [
      { id: 'diet', label: '饮食', allowNA: true },
      { id: 'overall', label: '总体满意度', allowNA: false },
    ],
  },
}

/** The comment field shows once the person has given 单独同意 for free text about their treatment. */
const agreedToSensitiveText: UserView = {
  id: '00000000-0000-4000-8000-000000000003',
  name: '',
  roles: ['patient'],
  departmentId: null,
  departmentName: null,
  prefs: { largeText: false, sensitiveText: 'granted' },
  staff: null,
}

test('shows progress, 不适用 only where allowed, the comment counter, and marks the items the server names', async () => {
  const { api } = fakeApi((_fn, event) =>
    event.action === 'openVisit'
      ? { ok: true, data: opened }
      : event.action === 'me'
        ? { ok: true, data: agreedToSensitiveText }
        : {
            ok: false,
            error: {
              code: 'INVALID_INPUT',
              message: '还有题目没有作答或选择有误，请检查标红的项目',
              fields: [{ path: 'answers.overall', message: '请为“总体满意度”打分' }],
            },
          },
  )
  const store = new RootStore({ api, storage: createMemoryStorage(), toast: () => {}, devSignIn: null })
  await store.identity.load()
  await store.survey.rating.open('code')
  render(
    <StoreContext.Provider value={store}>
      <Questionnaire />
    </StoreContext.Provider>,
  )

  // The visit's day reads as every other day in the app does.
  expect(screen.getByText(/2026年11月20日 骨科/)).toBeTruthy()
  const diet = screen.getByRole('radiogroup', { name: '饮食' })
  const overall = screen.getByRole('radiogroup', { name: '总体满意度' })
  expect(
    within(diet)
      .getAllByRole('radio')
      .map((r) => r.textContent),
  ).toEqual(['非常满意', '满意', '一般', '不满意', '非常不满意', '不适用'])
  expect(within(overall).queryByText('不适用')).toBeNull()
  expect(screen.getByLabelText('答题进度').textContent).toContain('已答 0 / 2 题')

  act(() => {
    fireEvent.click(within(diet).getByText('不适用'))
    fireEvent.click(within(screen.getByRole('radiogroup', { name: /推荐本院/ })).getByText('8'))
  })
  expect(screen.getByLabelText('答题进度').textContent).toContain('已答 1 / 2 题')
  expect(within(diet).getByRole('radio', { name: '不适用' }).getAttribute('aria-checked')).toBe('true')

  fireEvent.change(screen.getByPlaceholderText('您的意见会帮助我们改进'), { target: { value: '饭菜偏咸' } })
  expect(screen.getByText('4 / 500')).toBeTruthy()

  await act(async () => {
    fireEvent.click(screen.getByText('提交评价'))
  })
  expect(screen.getByText('请为“总体满意度”打分')).toBeTruthy()
  expect(screen.getAllByRole('alert').some((alert) => alert.textContent?.includes('请检查标红的项目'))).toBe(true)
  expect(screen.getByText('总体满意度').parentElement?.className).toContain('sv-question--missing')
  expect(screen.getByText('饮食').parentElement?.className).not.toContain('sv-question--missing')
})

test('a blank form marks every unanswered question and the recommendation, each next to it, until it is answered', async () => {
  const { api, sent } = fakeApi((_fn, event) =>
    event.action === 'openVisit' ? { ok: true, data: opened } : { ok: true, data: agreedToSensitiveText },
  )
  const store = new RootStore({ api, storage: createMemoryStorage(), toast: () => {}, devSignIn: null })
  await store.identity.load()
  await store.survey.rating.open('code')
  render(
    <StoreContext.Provider value={store}>
      <Questionnaire />
    </StoreContext.Provider>,
  )
  await act(async () => {
    fireEvent.click(screen.getByText('提交评价'))
  })
  expect(sent.filter((s) => s.event.action === 'submit')).toHaveLength(0)
  const diet = screen.getByRole('radiogroup', { name: '饮食' })
  const overall = screen.getByRole('radiogroup', { name: '总体满意度' })
  const recommend = screen.getByRole('radiogroup', { name: /推荐本院/ })
  // Each mark sits inside its own question, not in one list at the bottom.
  expect(within(diet.parentElement as HTMLElement).getByText('请为“饮食”打分')).toBeTruthy()
  expect(within(overall.parentElement as HTMLElement).getByText('请为“总体满意度”打分')).toBeTruthy()
  expect(within(recommend.parentElement as HTMLElement).getByText(/推荐本院的意愿/)).toBeTruthy()

  act(() => {
    fireEvent.click(within(diet).getByText('满意'))
  })
  expect(screen.queryByText('请为“饮食”打分')).toBeNull()
  expect(screen.getByText('请为“总体满意度”打分')).toBeTruthy()
})

test.each([
  ['CONFLICT', '本次就诊已评价，感谢您的反馈', '本次就诊已评价', '感谢您的反馈'],
  ['EXPIRED', '评价码已过期', '评价码已过期', '已超过有效期，请重新获取'],
  ['INVALID_INPUT', '评价码无效，请核对后重新输入', '评价码无效', '请核对后重新输入'],
] as [ErrorCode, string, string, string][])(
  'a code refused with %s shows its title once, and a line that adds to it',
  async (code, message, title, line) => {
    const { api } = fakeApi(() => ({ ok: false, error: { code, message } }))
    const store = new RootStore({ api, storage: createMemoryStorage(), toast: () => {}, devSignIn: null })
    render(
      <StoreContext.Provider value={store}>
        <RatePage />
      </StoreContext.Provider>,
    )
    await act(() => store.survey.rating.open('code'))
    const card = screen.getByRole('alert')
    expect(card.textContent?.split(title)).toHaveLength(2)
    expect(within(card).getByText(line)).toBeTruthy()
  },
)

import { act, fireEvent, render, screen } from '@testing-library/react'
import { View } from '@tarojs/components'
import { CommentCard, RecommendRow } from '../../src/pages/survey/shared/recommend-and-comment'
import { StoreContext } from '../../src/stores/context'
import { RootStore } from '../../src/stores/root-store'
import { QuestionnaireDraft, type QuestionnaireAnswers } from '../../src/stores/support/questionnaire-draft'
import { createMemoryStorage } from '../../src/stores/support/storage'
import { Submission } from '../../src/stores/support/submission'
import { fakeApi } from '../support/fake-api'

function setUp() {
  const { api } = fakeApi(() => ({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } }))
  const store = new RootStore({ api, storage: createMemoryStorage(), toast: () => {}, devSignIn: null })
  const submission = new Submission(async () => 'ok')
  const draft = new QuestionnaireDraft<QuestionnaireAnswers>(
    () => ({ answers: {}, recommend: null, comment: '' }),
    () => [],
    () => submission,
    '请选择推荐意愿（0–10分）',
  )
  const mount = (ui: JSX.Element) => render(<StoreContext.Provider value={store}>{ui}</StoreContext.Provider>)
  return { draft, submission, mount }
}

test('the recommend row offers 0–10, marks a missing answer and clears it when chosen', () => {
  const { draft, mount } = setUp()
  act(() => void draft.markUnanswered())
  mount(<RecommendRow draft={draft} label='您是否愿意推荐？' />)
  const row = screen.getByRole('radiogroup', { name: '您是否愿意推荐？' })
  expect(row.querySelectorAll('[role="radio"]')).toHaveLength(11)
  expect(screen.getByText('请选择推荐意愿（0–10分）')).toBeTruthy()
  fireEvent.click(screen.getByRole('radio', { name: '7' }))
  expect(draft.values.recommend).toBe(7)
  expect(screen.getByRole('radio', { name: '7' }).getAttribute('aria-checked')).toBe('true')
  expect(screen.queryByText('请选择推荐意愿（0–10分）')).toBeNull()
})

test('the comment card names its field, counts what is typed and holds further fields', () => {
  const { draft, submission, mount } = setUp()
  mount(
    <CommentCard draft={draft} submission={submission} max={1000} placeholder='请勿填写可识别您身份的信息'>
      <View>想表扬的工作人员</View>
    </CommentCard>,
  )
  fireEvent.change(screen.getByLabelText('意见和建议'), { target: { value: '排班更合理些' } })
  expect(draft.values.comment).toBe('排班更合理些')
  expect(screen.getByText('6 / 1000')).toBeTruthy()
  expect(screen.getByText('想表扬的工作人员')).toBeTruthy()
})

test('a comment about treatment waits for 单独同意 before its field shows', () => {
  const { draft, submission, mount } = setUp()
  mount(<CommentCard draft={draft} submission={submission} max={500} placeholder='您的意见' sensitive />)
  expect(screen.queryByLabelText('意见和建议')).toBeNull()
  expect(screen.getByText('填写文字前，请您单独同意')).toBeTruthy()
})

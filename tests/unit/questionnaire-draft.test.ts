import { INCOMPLETE } from '../../src/stores/support/questionnaire-errors'
import { QuestionnaireDraft, type QuestionnaireAnswers } from '../../src/stores/support/questionnaire-draft'
import { Submission } from '../../src/stores/support/submission'
import { ApiFailure } from '../../src/services/api/errors'

const blank = (): QuestionnaireAnswers => ({ answers: {}, recommend: null, comment: '' })

function draftOf(
  questions = [
    { id: 'waiting', label: '候诊时间' },
    { id: 'overall', label: '总体满意度' },
  ],
) {
  const write = jest.fn(async (_requestId: string) => 'ok')
  const submission = new Submission(write)
  const draft = new QuestionnaireDraft(
    blank,
    () => questions,
    () => submission,
    '请选择推荐意愿（0–10分）',
  )
  return { draft, submission, write }
}

describe('QuestionnaireDraft', () => {
  it('marks every unanswered question and the recommendation of a blank form, in the store’s words', () => {
    const { draft, submission } = draftOf()
    expect(draft.markUnanswered()).toBe(false)
    expect(submission.error).toBe(INCOMPLETE)
    expect(draft.itemError('waiting')).toBe('请为“候诊时间”打分')
    expect(draft.itemError('overall')).toBe('请为“总体满意度”打分')
    expect(draft.recommendError).toBe('请选择推荐意愿（0–10分）')
  })

  it('clears only the mark of what was answered, and the summary once no mark is left', () => {
    const { draft, submission } = draftOf()
    draft.markUnanswered()
    draft.answer('waiting', 2)
    expect(draft.itemError('waiting')).toBeUndefined()
    expect(draft.itemError('overall')).toBe('请为“总体满意度”打分')
    draft.answer('overall', null)
    draft.setRecommend(0)
    expect(draft.recommendError).toBeUndefined()
    expect(submission.error).toBeNull()
    // 不适用 (null) and a 0 recommendation are answers.
    expect(draft.markUnanswered()).toBe(true)
  })

  it('counts answers to the questions asked now, not ones kept from an older questionnaire', () => {
    const { draft } = draftOf()
    draft.reset({ answers: { waiting: 3, retired: 5 }, recommend: null, comment: '' })
    expect(draft.answeredCount).toBe(1)
  })

  it('shows and clears the server’s mark on the comment, by the path the server names', async () => {
    const { draft, submission, write } = draftOf()
    write.mockRejectedValueOnce(
      new ApiFailure('INVALID_INPUT', '意见太长', [{ path: 'comment', message: '最多500字' }]),
    )
    await submission.submit()
    expect(submission.fieldError('comment')).toBe('最多500字')
    draft.setComment('短一些')
    expect(submission.fieldError('comment')).toBeUndefined()
    expect(draft.values.comment).toBe('短一些')
  })

  it('keeps a copy on the device that later edits do not change, and starts blank after a reset', () => {
    const { draft } = draftOf()
    draft.answer('waiting', 4)
    const kept = draft.snapshot()
    draft.answer('waiting', 1)
    expect(kept.answers).toEqual({ waiting: 4 })
    draft.reset()
    expect(draft.values).toEqual(blank())
  })
})

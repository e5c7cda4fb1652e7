import { ApiFailure, failureUnder, messageUnder, NEXT_STEP } from '../../src/services/api/errors'

describe('the line under an error title', () => {
  it('drops the title the message starts with, and the punctuation or brackets after it', () => {
    expect(messageUnder('评价码已过期', '评价码已过期（就诊后30天内有效），感谢您的关注', 'EXPIRED')).toBe(
      '就诊后30天内有效，感谢您的关注',
    )
    expect(messageUnder('本次就诊已评价', '本次就诊已评价，感谢您的反馈', 'CONFLICT')).toBe('感谢您的反馈')
    expect(messageUnder('评价码无效', '评价码无效，请核对后重新输入', 'INVALID_INPUT')).toBe('请核对后重新输入')
  })

  it('keeps a message that says something else', () => {
    expect(messageUnder('评价码无效', '没有这个就诊号', 'NOT_FOUND')).toBe('没有这个就诊号')
  })

  it('says what to do next when the message adds nothing to the title', () => {
    expect(messageUnder('评价码已过期', '评价码已过期', 'EXPIRED')).toBe(NEXT_STEP.EXPIRED)
    expect(messageUnder('评价码已过期', '评价码已过期。', 'EXPIRED')).toBe(NEXT_STEP.EXPIRED)
    // A message that is only part of the title says nothing new either.
    expect(messageUnder('暂时无法打开问卷', '无法打开', 'INTERNAL')).toBe(NEXT_STEP.INTERNAL)
  })

  it('reads code and message from any failure, and treats an unknown error as the system being busy', () => {
    expect(failureUnder('本次就诊已评价', new ApiFailure('CONFLICT', '本次就诊已评价'))).toBe(NEXT_STEP.CONFLICT)
    expect(failureUnder('暂时无法打开问卷', new Error('boom'))).toBe('系统繁忙，请稍后再试')
  })
})

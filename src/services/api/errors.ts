import type { ErrorCode, FieldError } from '../../contract'

/** `NETWORK`: the request may not have reached the server; the same requestId makes a retry safe. */
export type FailureCode = ErrorCode | 'NETWORK'

export const NETWORK_MESSAGE = '网络不稳定，请检查网络后重试，您填写的内容已保留'
/** A page that only shows something has no input to keep. */
export const READ_NETWORK_MESSAGE = '网络不稳定，请检查网络后重新加载'

export class ApiFailure extends Error {
  readonly code: FailureCode
  readonly fields: FieldError[]

  constructor(code: FailureCode, message: string, fields: FieldError[] = []) {
    super(message)
    this.name = 'ApiFailure'
    this.code = code
    this.fields = fields
  }
}

export function failureMessage(error: unknown): string {
  return error instanceof ApiFailure ? error.message : '系统繁忙，请稍后再试'
}

export function failureCode(error: unknown): FailureCode {
  return error instanceof ApiFailure ? error.code : 'INTERNAL'
}

/** The message for a failed read: the same as a write's, less the promise about kept input. */
export function readFailureMessage(error: unknown): string {
  return failureCode(error) === 'NETWORK' ? READ_NETWORK_MESSAGE : failureMessage(error)
}

/** What a person can do after each kind of failure: the line under a title that already says what happened. */
export const NEXT_STEP: Record<FailureCode, string> = {
  UNAUTHENTICATED: '请关闭后重新打开小程序',
  FORBIDDEN: '如需使用，请联系医院管理员',
  INVALID_INPUT: '请核对后重新输入',
  NOT_FOUND: '可能已删除或链接有误，请返回后重新进入',
  CONFLICT: '无需重复操作',
  EXPIRED: '已超过有效期，请重新获取',
  RATE_LIMITED: '操作太频繁，请稍等一分钟再试',
  INTERNAL: '系统繁忙，请稍后再试',
  NETWORK: '请检查网络后重试',
}

const LEADING_PUNCTUATION = /^[，。,.：:；;！!\s]+/

/**
 * The message under a title, without saying the title twice: under "评价码已过期" the server's
 * "评价码已过期（就诊后30天内有效），感谢您的关注" reads "就诊后30天内有效，感谢您的关注". A message
 * that says nothing the title does not gives way to what to do next, so the body always adds something.
 */
export function messageUnder(title: string, message: string, code: FailureCode): string {
  const rest = message.startsWith(title)
    ? message
        .slice(title.length)
        .replace(LEADING_PUNCTUATION, '')
        .replace(/^（([^）]*)）/, '$1')
        .replace(LEADING_PUNCTUATION, '')
    : message
  return rest === '' || title.includes(rest) ? NEXT_STEP[code] : rest
}

/** A failure shown as a title with a line under it, e.g. a questionnaire code refused. */
export function failureUnder(title: string, error: unknown): string {
  return messageUnder(title, failureMessage(error), failureCode(error))
}

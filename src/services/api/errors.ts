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

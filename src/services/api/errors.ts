import type { ErrorCode, FieldError } from '../../contract'

/** `NETWORK`: the request may not have reached the server; the same requestId makes a retry safe. */
export type FailureCode = ErrorCode | 'NETWORK'

export const NETWORK_MESSAGE = '网络不稳定，请检查网络后重试，您填写的内容已保留'

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

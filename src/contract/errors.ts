/** Stable error codes of the API. Clients branch on the code; people read the message. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'EXPIRED',
  'RATE_LIMITED',
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  EXPIRED: 410,
  RATE_LIMITED: 429,
  INTERNAL: 500,
}

export const DEFAULT_MESSAGE: Record<ErrorCode, string> = {
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '您没有权限进行此操作',
  INVALID_INPUT: '填写的内容有误，请检查后再提交',
  NOT_FOUND: '没有找到相关内容',
  CONFLICT: '操作与当前状态冲突，请刷新后再试',
  EXPIRED: '已过期，请重新获取',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  INTERNAL: '系统繁忙，请稍后再试',
}

/** A field that failed validation: `path` is the dotted field path, e.g. `answers.q3`. */
export interface FieldError {
  path: string
  message: string
}

export interface ApiError {
  code: ErrorCode
  message: string
  fields?: FieldError[]
  requestId?: string
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value)
}

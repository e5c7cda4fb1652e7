import { DEFAULT_MESSAGE, type ErrorCode, type FieldError } from '../../contract'

/** A refusal the caller should see: a stable code and a message in Chinese. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = DEFAULT_MESSAGE[code],
    readonly fields: FieldError[] = [],
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const forbidden = (message?: string) => new AppError('FORBIDDEN', message)
export const notFound = (message?: string) => new AppError('NOT_FOUND', message)
export const conflict = (message?: string) => new AppError('CONFLICT', message)
export const invalid = (message: string, fields: FieldError[] = []) => new AppError('INVALID_INPUT', message, fields)

import type { ApiError } from './errors'

/** What every cloud function receives, from WeChat or from the local host. */
export interface CallEvent {
  action: string
  data?: unknown
  /** Client-generated; a write retried with the same id returns the first result. */
  requestId?: string
}

export type CallResult<T> = { ok: true; data: T } | { ok: false; error: ApiError }

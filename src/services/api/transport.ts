import type { CallEvent, CallResult } from '../../contract'

/** Carries one call to a cloud function. Throws only when the call may not have arrived. */
export interface Transport {
  send(fn: string, event: CallEvent): Promise<CallResult<unknown>>
}

export class TransportError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause))
    this.name = 'TransportError'
  }
}

export function isCallResult(body: unknown): body is CallResult<unknown> {
  return typeof body === 'object' && body !== null && 'ok' in body
}

import type { CallEvent, CallResult } from '../../src/contract'
import { ApiClient } from '../../src/services/api/client'
import type { Transport } from '../../src/services/api/transport'

export type Responder = (fn: string, event: CallEvent) => CallResult<unknown> | Promise<CallResult<unknown>>

/** An ApiClient whose transport answers from a function and records every event it was sent. */
export function fakeApi(respond: Responder) {
  const sent: { fn: string; event: CallEvent }[] = []
  const transport: Transport = {
    async send(fn, event) {
      sent.push({ fn, event })
      return respond(fn, event)
    },
  }
  return { api: new ApiClient(transport), sent }
}

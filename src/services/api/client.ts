import type { ActionName, CallResult, FunctionName, InputOf, OutputOf } from '../../contract'
import { ApiFailure, NETWORK_MESSAGE } from './errors'
import { createRequestId } from './request-id'
import { TransportError, type Transport } from './transport'

export interface CallOptions {
  /** Reuse the id of an earlier attempt so the server answers it instead of writing twice. */
  requestId?: string
}

const NETWORK_RETRIES = 1

export class ApiClient {
  constructor(private readonly transport: Transport) {}

  async call<F extends FunctionName, A extends ActionName<F>>(
    fn: F,
    action: A,
    data: InputOf<F, A>,
    options: CallOptions = {},
  ): Promise<OutputOf<F, A>> {
    const event = { action, data, requestId: options.requestId ?? createRequestId() }
    const result = await this.sendWithRetry(fn, event)
    if (result.ok) return result.data as OutputOf<F, A>
    throw new ApiFailure(result.error.code, result.error.message, result.error.fields)
  }

  private async sendWithRetry(fn: string, event: { action: string; data: unknown; requestId: string }) {
    for (let attempt = 0; ; attempt++) {
      try {
        return (await this.transport.send(fn, event)) as CallResult<unknown>
      } catch (error) {
        if (!(error instanceof TransportError)) throw error
        if (attempt >= NETWORK_RETRIES) throw new ApiFailure('NETWORK', NETWORK_MESSAGE)
      }
    }
  }
}

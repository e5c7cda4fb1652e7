import type { CallEvent } from '../../contract'
import { isCallResult, TransportError, type Transport } from './transport'

export interface HttpResponse {
  status: number
  body: unknown
}

/** The one HTTP primitive the transport needs; Taro.request in the app, fetch in tests. */
export type HttpPost = (url: string, body: unknown, headers: Record<string, string>) => Promise<HttpResponse>

export interface HttpTransportOptions {
  baseUrl: string
  post: HttpPost
  token: () => string | null
}

export function createHttpTransport({ baseUrl, post, token }: HttpTransportOptions): Transport {
  return {
    async send(fn: string, event: CallEvent) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' }
      const bearer = token()
      if (bearer) headers.Authorization = `Bearer ${bearer}`
      let response: HttpResponse
      try {
        response = await post(`${baseUrl}/fn/${fn}`, event, headers)
      } catch (error) {
        throw new TransportError(error)
      }
      // A proxy's 502 page is not an answer from our host: treat it like a dropped connection.
      if (!isCallResult(response.body)) throw new TransportError(`HTTP ${response.status}`)
      return response.body
    },
  }
}

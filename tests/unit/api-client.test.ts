import type { CallEvent } from '../../src/contract'
import { ApiClient } from '../../src/services/api/client'
import { ApiFailure } from '../../src/services/api/errors'
import { createHttpTransport } from '../../src/services/api/http-transport'
import { TransportError, type Transport } from '../../src/services/api/transport'

function flakyTransport(failures: number) {
  const events: CallEvent[] = []
  const transport: Transport = {
    async send(_fn, event) {
      events.push(event)
      if (events.length <= failures) throw new TransportError('socket hang up')
      return { ok: true, data: { echoed: event.data } }
    },
  }
  return { transport, events }
}

test('retries a dropped call once with the same requestId, so the server can answer it idempotently', async () => {
  const { transport, events } = flakyTransport(1)
  const api = new ApiClient(transport)
  await expect(api.call('identity', 'setPrefs', { largeText: true })).resolves.toEqual({ echoed: { largeText: true } })
  expect(events).toHaveLength(2)
  expect(events[0].requestId).toBeTruthy()
  expect(events[1].requestId).toBe(events[0].requestId)
})

test('gives up after the retry with a NETWORK failure the page can show', async () => {
  const api = new ApiClient(flakyTransport(5).transport)
  const failure = await api.call('identity', 'me', {}).catch((e: unknown) => e)
  expect(failure).toBeInstanceOf(ApiFailure)
  expect(failure).toMatchObject({ code: 'NETWORK', message: expect.stringContaining('内容已保留') })
})

test('turns an error envelope into an ApiFailure with the code and field errors', async () => {
  const transport: Transport = {
    send: async () => ({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '填写有误', fields: [{ path: 'name', message: '请填写姓名' }] },
    }),
  }
  const failure = await new ApiClient(transport)
    .call('identity', 'bindStaff', { employeeNo: 'H1', name: '' })
    .catch((e: unknown) => e)
  expect(failure).toMatchObject({ code: 'INVALID_INPUT', fields: [{ path: 'name', message: '请填写姓名' }] })
})

test('the HTTP transport sends the bearer token and treats a non-envelope answer as a dropped connection', async () => {
  const seen: { url: string; headers: Record<string, string> }[] = []
  const transport = createHttpTransport({
    baseUrl: 'http://host',
    token: () => 'tok',
    post: async (url, _body, headers) => {
      seen.push({ url, headers })
      return seen.length === 1
        ? { status: 502, body: '<html>Bad Gateway</html>' }
        : { status: 200, body: { ok: true, data: 1 } }
    },
  })
  await expect(transport.send('identity', { action: 'me' })).rejects.toBeInstanceOf(TransportError)
  await expect(transport.send('identity', { action: 'me' })).resolves.toEqual({ ok: true, data: 1 })
  expect(seen[0]).toEqual({
    url: 'http://host/fn/identity',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer tok' },
  })
})

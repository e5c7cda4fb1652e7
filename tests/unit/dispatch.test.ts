import { z } from 'zod'
import type { Role } from '../../src/contract'
import { AdjustableClock } from '../../src/cloud/core/clock'
import type { Runtime } from '../../src/cloud/core/context'
import { action, ADMINS, EVERYONE, type FunctionDef } from '../../src/cloud/core/define'
import { dispatch } from '../../src/cloud/core/dispatch'
import { silentLogger } from '../../src/cloud/core/logger'
import type { PlatformRepo, RequestClaim } from '../../src/cloud/core/platform-repo'
import { loadSecrets } from '../../src/cloud/core/secrets'
import type { IdentityRepo } from '../../src/cloud/domain/identity/repo'
import type { Repos } from '../../src/cloud/domain/repos'
import { linkPageCodes } from '../../src/cloud/host/page-codes'

/** Just enough storage for the dispatcher: users by OPENID and idempotency claims, in memory. */
function memoryRuntime(rolesByOpenid: Record<string, Role[]>): Runtime {
  const requests = new Map<string, RequestClaim>()
  const hits = new Map<string, number>()
  const keyOf = (k: { userId: string; fn: string; action: string; requestId: string }) =>
    [k.userId, k.fn, k.action, k.requestId].join('|')
  const platform: Partial<PlatformRepo> = {
    async claimRequest(key) {
      const existing = requests.get(keyOf(key))
      if (existing) return existing
      requests.set(keyOf(key), { state: 'pending' })
      return { state: 'new' }
    },
    async completeRequest(key, result) {
      requests.set(keyOf(key), { state: 'done', result })
    },
    async releaseRequest(key) {
      requests.delete(keyOf(key))
    },
    async takeRateSlot(key, windowStart, limit) {
      const slot = `${key}|${windowStart.toISOString()}`
      const taken = hits.get(slot) ?? 0
      if (taken >= limit) return false
      hits.set(slot, taken + 1)
      return true
    },
  }
  const identity: Partial<IdentityRepo> = {
    async ensureUser(openid) {
      return {
        id: `user-${openid}`,
        openid,
        name: '',
        roles: rolesByOpenid[openid] ?? ['patient'],
        departmentId: null,
        prefs: { largeText: false, sensitiveText: null },
      }
    },
  }
  const repos = { platform, identity } as unknown as Repos
  return {
    repos,
    clock: new AdjustableClock(),
    secrets: loadSecrets({}, false),
    log: silentLogger,
    pageCodes: linkPageCodes(() => 'http://127.0.0.1'),
  }
}

let writes = 0
const echoFunction: FunctionDef = {
  hello: action({
    roles: EVERYONE,
    input: z.object({ name: z.string().min(1, '请填写姓名') }),
    handle: async (ctx, input) => ({ hi: input.name, caller: ctx.caller.userId }),
  }),
  adminOnly: action({ roles: ADMINS, input: z.object({}), handle: async () => 'secret' }),
  record: action({
    roles: EVERYONE,
    input: z.object({ delayMs: z.number() }),
    write: true,
    handle: async (_ctx, input) => {
      await new Promise((resolve) => setTimeout(resolve, input.delayMs))
      return { write: ++writes }
    },
  }),
  explode: action({
    roles: EVERYONE,
    input: z.object({}),
    handle: async () => {
      throw new Error('db down: password=hunter2')
    },
  }),
}

const runtime = memoryRuntime({ admin: ['patient', 'admin'] })
const callAs = (openid: string | undefined, event: unknown) => dispatch('echo', echoFunction, event, openid, runtime)
const call = (event: unknown) => callAs('someone', event)

test('no OPENID from the platform is UNAUTHENTICATED, whatever the payload claims', async () => {
  expect(await callAs(undefined, { action: 'hello', data: { name: 'x', openid: 'admin' } })).toMatchObject({
    ok: false,
    error: { code: 'UNAUTHENTICATED' },
  })
})

test('the caller comes from the OPENID; payload fields cannot grant a role', async () => {
  expect(await call({ action: 'hello', data: { name: '王', userId: 'user-admin' } })).toEqual({
    ok: true,
    data: { hi: '王', caller: 'user-someone' },
  })
  expect(await call({ action: 'adminOnly', data: { role: 'admin' } })).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  })
  expect(await callAs('admin', { action: 'adminOnly' })).toEqual({ ok: true, data: 'secret' })
})

test('unknown and inherited action names are NOT_FOUND, malformed events INVALID_INPUT', async () => {
  for (const name of ['nope', '__proto__', 'constructor', 'hasOwnProperty']) {
    expect(await call({ action: name })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  }
  for (const event of [null, 'hello', [], { action: '' }, { action: 'hello', requestId: 'short' }]) {
    expect(await call(event)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  }
})

test('validation errors carry field paths and the schema’s Chinese message', async () => {
  expect(await call({ action: 'hello', data: { name: '' } })).toMatchObject({
    ok: false,
    error: { code: 'INVALID_INPUT', fields: [{ path: 'name', message: '请填写姓名' }] },
  })
})

test('a NUL character, which the database cannot store, is INVALID_INPUT at its field, never reaching a handler', async () => {
  expect(await call({ action: 'hello', data: { name: '王\u0000' } })).toMatchObject({
    ok: false,
    error: { code: 'INVALID_INPUT', fields: [{ path: 'name', message: '含有无法识别的字符' }] },
  })
  const retried = await call({ action: 'record', data: { delayMs: 0 }, requestId: 'abcdefgh\u0000' })
  expect(retried).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'requestId' }] } })
})

test('a write retried with the same requestId runs once, even when the retry arrives while it runs', async () => {
  writes = 0
  const event = { action: 'record', data: { delayMs: 150 }, requestId: 'request-0001' }
  const [first, concurrent] = await Promise.all([call(event), call(event)])
  const later = await call(event)
  expect(first).toEqual({ ok: true, data: { write: 1 } })
  expect(concurrent).toEqual(first)
  expect(later).toEqual(first)
  expect(await call({ ...event, requestId: 'request-0002' })).toEqual({ ok: true, data: { write: 2 } })
  expect(writes).toBe(2)
})

test('an unexpected error is INTERNAL with an incident number and no internals', async () => {
  const result = await call({ action: 'explode' })
  expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/编号 \w+/) } })
  expect(JSON.stringify(result)).not.toContain('hunter2')
})

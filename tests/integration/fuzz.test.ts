import { get } from 'node:http'
import fc from 'fast-check'
import { HTTP_STATUS, isErrorCode, type CallResult } from '../../src/contract'
import { AdjustableClock } from '../../src/cloud/core/clock'
import type { Ctx, Runtime } from '../../src/cloud/core/context'
import type { FunctionDef } from '../../src/cloud/core/define'
import { dispatch } from '../../src/cloud/core/dispatch'
import { silentLogger } from '../../src/cloud/core/logger'
import { loadSecrets } from '../../src/cloud/core/secrets'
import type { UserRecord } from '../../src/cloud/domain/identity/repo'
import { CLOUD_FUNCTIONS } from '../../src/cloud/registry'
import { junk, malformedEvent } from '../support/junk'
import { startTestHost, type TestHost } from '../support/test-host'
import { actionKeys } from '../support/world'
import { linkPageCodes } from '../../src/cloud/host/page-codes'

const PAYLOADS_PER_ACTION = 1000
const HTTP_SAMPLE = 300
const SEED = 20261123

let host: TestHost
let runtime: Runtime
let callers: { admin: string; patient: string }
let tried = 0
/** A real department: date arithmetic happens only once it is found. */
let departmentId = ''

beforeAll(async () => {
  host = await startTestHost()
  // In process, over the host's own storage: the same dispatcher the HTTP route calls, minus the socket.
  const { repos } = host.host.store
  // Who the two callers are does not change during the run; resolving them once keeps the suite fast.
  const users = new Map<string, Promise<UserRecord>>()
  const ensureUser = (openid: string) => {
    const known = users.get(openid) ?? repos.identity.ensureUser(openid)
    users.set(openid, known)
    return known
  }
  runtime = {
    repos: { ...repos, identity: { ...repos.identity, ensureUser } },
    clock: new AdjustableClock(),
    secrets: loadSecrets({}, false),
    log: silentLogger,
    pageCodes: linkPageCodes(() => host.url),
  }
  const [department] = await host.host.store.sql.query<{ id: string }>('SELECT id FROM departments LIMIT 1')
  departmentId = department.id
  callers = {
    admin: (await host.signIn('admin', 'fuzz-admin')).user.openid,
    patient: (await host.signIn('patient', 'fuzz-patient')).user.openid,
  }
})
afterAll(async () => {
  console.log(`fuzz: ${tried} malformed payloads in process (each as admin and as patient), ${HTTP_SAMPLE} over HTTP`)
  await host.close()
})

/**
 * Most junk is refused by the schema; what gets through reaches the handler as a parsed input.
 * A read handler given a parsed input it has already answered is not run again: that run would
 * prove nothing new and makes the suite minutes instead of seconds. Writes always run.
 */
function rereadOnce(fn: FunctionDef): FunctionDef {
  return Object.fromEntries(
    Object.entries(fn).map(([name, def]) => {
      if (def.write) return [name, def]
      const answers = new Map<string, Promise<unknown>>()
      const handle = (ctx: Ctx, input: unknown) => {
        const key = `${ctx.caller.userId} ${JSON.stringify(input)}`
        const answer = answers.get(key) ?? def.handle(ctx, input)
        answers.set(key, answer)
        return answer
      }
      return [name, { ...def, handle }]
    }),
  )
}

/** A contract answer: success, or a refusal with a 4xx code. Never INTERNAL, never a bare throw. */
function isContractAnswer(result: CallResult<unknown>): boolean {
  if (result.ok) return true
  const { code } = result.error
  return isErrorCode(code) && HTTP_STATUS[code] >= 400 && HTTP_STATUS[code] < 500
}

describe('over HTTP', () => {
  const names = [...Object.keys(CLOUD_FUNCTIONS), 'nope', '__proto__', 'constructor']
  const rawBody = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.string({ maxLength: 40 }).map((s) => `{"action": ${s}`),
    junk.map((value) => JSON.stringify(value) ?? 'undefined'),
    fc.constant('x'.repeat(70 * 1024)),
  )
  const request = fc.record({
    fn: fc.constantFrom(...names),
    body: rawBody,
    contentType: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
  })

  test(`${HTTP_SAMPLE} raw bodies (invalid JSON, junk, oversized) get a 4xx contract answer`, async () => {
    const { token } = await host.signIn('admin', 'fuzz-admin')
    await fc.assert(
      fc.asyncProperty(request, async ({ fn, body, contentType }) => {
        const reply = await host.raw(`/fn/${fn}`, body, {
          'content-type': contentType,
          authorization: `Bearer ${token}`,
        })
        const error = (reply.body as { error?: { code?: unknown } }).error
        const fine = reply.status === 200 || (reply.status >= 400 && reply.status < 500 && isErrorCode(error?.code))
        if (!fine || error?.code === 'INTERNAL') throw new Error(`${reply.status} ${JSON.stringify(reply.body)}`)
      }),
      { numRuns: HTTP_SAMPLE, seed: SEED },
    )
  })
})

describe.each(actionKeys(CLOUD_FUNCTIONS))('%s', (key) => {
  test(`${PAYLOADS_PER_ACTION} malformed payloads are refused with a contract code`, async () => {
    const [fnName, actionName] = key.split('.') as [keyof typeof CLOUD_FUNCTIONS, string]
    const fn = rereadOnce(CLOUD_FUNCTIONS[fnName])
    await fc.assert(
      fc.asyncProperty(malformedEvent(actionName, fn[actionName].input), async (event) => {
        tried++
        for (const openid of [callers.admin, callers.patient]) {
          const result = await dispatch(fnName, fn, event, openid, runtime)
          if (!isContractAnswer(result)) throw new Error(`${openid}: ${JSON.stringify(result)}`)
        }
      }),
      { numRuns: PAYLOADS_PER_ACTION, seed: SEED },
    )
  })
})

describe('inputs of the right shape that no database takes', () => {
  const digits = (n: number, width: number) => String(n).padStart(width, '0')
  const date = fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
    .map(([y, m, d]) => `${digits(y, 4)}-${digits(m, 2)}-${digits(d, 2)}`)
  const month = fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }))
    .map(([y, m]) => `${digits(y, 4)}-${digits(m, 2)}`)
  const hostileText = fc
    .tuple(fc.string({ minLength: 2, maxLength: 25 }), fc.constantFrom('\u0000', '\uD800', '\uFEFF', '\u202E'))
    .map(([text, odd]) => `${text}${odd}${text}`)
  const session = {
    type: '党课',
    location: '报告厅',
    startAt: '2099-01-01T01:00:00Z',
    endAt: '2099-01-01T02:00:00Z',
    audience: 'all',
    creditHours: 1,
  }
  const cases: [string, keyof typeof CLOUD_FUNCTIONS, string, fc.Arbitrary<unknown>][] = [
    ['any YYYY-MM-DD', 'study', 'stats', fc.record({ from: date, to: date })],
    ['any YYYY-MM', 'feedback', 'computeStars', fc.record({ month })],
    [
      'any YYYY-MM',
      'survey',
      'dashboard',
      fc.record({ departmentId: fc.constant(null).map(() => departmentId), from: month, to: month }),
    ],
    ['odd characters', 'study', 'createSession', hostileText.map((title) => ({ ...session, title }))],
  ]

  test.each(cases)('%s in %s.%s gets a contract answer', async (_label, fnName, action, data) => {
    await fc.assert(
      fc.asyncProperty(data, async (input) => {
        tried++
        const result = await dispatch(fnName, CLOUD_FUNCTIONS[fnName], { action, data: input }, callers.admin, runtime)
        if (!isContractAnswer(result)) throw new Error(`${JSON.stringify(input)}: ${JSON.stringify(result)}`)
      }),
      { numRuns: 300, seed: SEED },
    )
  })
})

/** On a fresh connection: a pooled keep-alive socket may have timed out during the in-process run. */
function health(): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(`${host.url}/health`, { agent: false }, (response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => (body += chunk.toString()))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    }).on('error', reject)
  })
}

test('the host still answers /health, and no prototype was polluted', async () => {
  expect(await health()).toEqual({ status: 200, body: '{"ok":true}' })
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  expect(({} as Record<string, unknown>).roles).toBeUndefined()
})

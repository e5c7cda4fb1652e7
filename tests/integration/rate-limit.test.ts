import { SUBMISSIONS_PER_DAY } from '../../src/contract'
import { isPublic, rateLimitOf } from '../../src/cloud/core/define'
import { CLOUD_FUNCTIONS } from '../../src/cloud/registry'
import { errorOf, startTestHost, type Reply, type TestHost } from '../support/test-host'
import { departments } from '../support/world'
import { writeCase, type WriteWorld } from '../support/write-cases'

let host: TestHost
let world: WriteWorld

const MINUTE_MS = 60_000
const DAY_MS = 24 * 60 * MINUTE_MS

/** Public writes: anyone signed in can call them, so a script could too. */
const LIMITED = Object.entries(CLOUD_FUNCTIONS).flatMap(([fn, actions]) =>
  Object.entries(actions)
    .filter(([, def]) => def.write && isPublic(def))
    .map(([action, def]) => [fn, action, rateLimitOf(def)] as const),
)

beforeAll(async () => {
  host = await startTestHost()
  const admin = await host.signIn('admin', 'rate-admin')
  world = { host, admin, where: await departments(admin) }
})
afterAll(async () => {
  host.setClock(null)
  await host.close()
})

test('every public write action has a per-minute limit at most', () => {
  const loose = LIMITED.filter(([, , limit]) => !limit || limit.windowSeconds > 60 || limit.limit > 60)
  expect(loose.map(([fn, action]) => `${fn}.${action}`)).toEqual([])
})

test.each(LIMITED)('%s.%s answers RATE_LIMITED past its limit, per caller', async (fn, action, limit) => {
  const setup = writeCase(fn, action)
  if (!limit || !setup) throw new Error(`${fn}.${action} needs a write case and a limit`)
  const { as, input } = await setup(world, `rate-${fn}-${action}`)
  // One fixed window for the whole burst: the clock stands still a second into the current minute.
  host.setClock(new Date(Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS + 1000))
  const replies: Reply[] = []
  for (let i = 0; i <= limit.limit; i++) replies.push(await as.call(fn, action, input))
  host.setClock(null)
  const codes = replies.map((reply) => (reply.body.ok ? 'ok' : reply.body.error.code))
  expect(codes[0]).not.toBe('RATE_LIMITED')
  expect(codes[limit.limit]).toBe('RATE_LIMITED')
  expect(codes).not.toContain('INTERNAL')
  // Another caller is not held back by this one's burst.
  const other = await setup(world, `rate-${fn}-${action}-other`)
  const fresh = await other.as.call(fn, action, other.input)
  expect(fresh.body.ok || errorOf(fresh).code !== 'RATE_LIMITED').toBe(true)
})

test('a handler limit longer than the kernel minute keeps its own count where both windows start together', async () => {
  const setup = writeCase('feedback', 'submit')
  if (!setup) throw new Error('feedback.submit needs a write case')
  // Ten seconds past UTC midnight: the daily window and the minute window begin at the same instant.
  host.setClock(new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + 10_000))
  const { as, input } = await setup(world, 'rate-shared-window')
  const codes: string[] = []
  for (let i = 0; i <= SUBMISSIONS_PER_DAY; i++) {
    const reply = await as.call('feedback', 'submit', input)
    codes.push(reply.body.ok ? 'ok' : reply.body.error.code)
  }
  host.setClock(null)
  expect(codes).toEqual([...Array<string>(SUBMISSIONS_PER_DAY).fill('ok'), 'RATE_LIMITED'])
})

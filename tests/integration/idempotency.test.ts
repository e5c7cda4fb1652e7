import { inputDigest } from '../../src/cloud/core/input-digest'
import { PENDING_LEASE_MS } from '../../src/cloud/core/platform-repo'
import { loadSecrets } from '../../src/cloud/core/secrets'
import { CLOUD_FUNCTIONS } from '../../src/cloud/registry'
import type { Sql } from '../../src/cloud/storage/pglite/sql'
import { dataOf, errorOf, startTestHost, type TestHost } from '../support/test-host'
import { departments } from '../support/world'
import { writeCase, type WriteWorld } from '../support/write-cases'

let host: TestHost
let world: WriteWorld

const WRITES = Object.entries(CLOUD_FUNCTIONS).flatMap(([fn, actions]) =>
  Object.entries(actions)
    .filter(([, def]) => def.write)
    .map(([action]) => [fn, action] as const),
)

beforeAll(async () => {
  host = await startTestHost()
  const admin = await host.signIn('admin', 'idem-admin')
  world = { host, admin, where: await departments(admin) }
})
afterAll(async () => {
  await host.close()
})

/** Row count and a hash of every row, per table: any change anywhere shows. */
async function fingerprint(sql: Sql): Promise<Record<string, string>> {
  const tables = await sql.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  )
  const entries = await Promise.all(
    tables.map(async ({ name }) => {
      const [row] = await sql.query<{ n: number; h: string }>(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${name}" t`,
      )
      return [name, `${row.n}:${row.h}`] as const
    }),
  )
  return Object.fromEntries(entries)
}

test('every write action has a case', () => {
  expect(WRITES.filter(([fn, action]) => !writeCase(fn, action)).map((key) => key.join('.'))).toEqual([])
})

test.each(WRITES)(
  '%s.%s retried with the same requestId answers the first result and changes nothing',
  async (fn, action) => {
    const setup = writeCase(fn, action)
    if (!setup) throw new Error(`no write case for ${fn}.${action}`)
    const { as, input } = await setup(world, `idem-${fn}-${action}`)
    const requestId = `retry-${fn}-${action}`
    const first = await as.call(fn, action, input, requestId)
    dataOf(first)
    const before = await fingerprint(host.host.store.sql)
    const retried = await as.call(fn, action, input, requestId)
    expect(retried.body).toEqual(first.body)
    expect(await fingerprint(host.host.store.sql)).toEqual(before)
  },
)

/** Other input for the same write: a person's own write, and an anonymous one (its record names no one). */
const CHANGED: [string, string, (input: Record<string, unknown>) => unknown][] = [
  ['identity', 'setPrefs', (input) => ({ ...input, largeText: !input.largeText })],
  ['survey', 'submit', (input) => ({ ...input, recommend: 2, comment: '等了很久' })],
]

test.each(CHANGED)(
  '%s.%s with a used requestId and other input is CONFLICT, changes nothing, and the first input still replays',
  async (fn, action, change) => {
    const setup = writeCase(fn, action)
    if (!setup) throw new Error(`no write case for ${fn}.${action}`)
    const { as, input } = await setup(world, `idem-other-${fn}-${action}`)
    const requestId = `other-input-${fn}-${action}`
    const first = await as.call(fn, action, input, requestId)
    dataOf(first)
    const before = await fingerprint(host.host.store.sql)

    const other = await as.call(fn, action, change(input as Record<string, unknown>), requestId)
    expect(other.status).toBe(409)
    expect(errorOf(other)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('内容前后不一致') })
    expect(await fingerprint(host.host.store.sql)).toEqual(before)
    // Key order is not content: the first input written in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(input as Record<string, unknown>).reverse())
    expect((await as.call(fn, action, reordered, requestId)).body).toEqual(first.body)
  },
)

test('a retry finishes a write whose first run died, once its claim has outlived the lease', async () => {
  const start = new Date('2026-09-01T02:00:00Z')
  host.setClock(start)
  const patient = await host.signIn('patient', 'idem-died')
  const requestId = 'died-mid-write'
  // What a process killed mid-write leaves: its claim, still pending, and nothing else.
  const input = CLOUD_FUNCTIONS.identity.setPrefs.input.parse({ largeText: true })
  const inputHash = inputDigest(loadSecrets({}, false).visitCode, input)
  await host.host.store.repos.platform.claimRequest(
    { userId: patient.user.id, fn: 'identity', action: 'setPrefs', requestId, inputHash },
    start,
  )
  const retry = () => patient.call('identity', 'setPrefs', { largeText: true }, requestId)

  expect(errorOf(await retry()).code).toBe('CONFLICT')
  host.setClock(new Date(start.getTime() + PENDING_LEASE_MS + 1000))
  const finished = await retry()
  expect(dataOf(finished)).toMatchObject({ id: patient.user.id, prefs: { largeText: true } })
  expect((await retry()).body).toEqual(finished.body)
  host.setClock(null)
})

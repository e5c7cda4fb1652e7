import type { UserView } from '../../src/contract'
import { dataOf, startTestHost, type TestHost } from '../support/test-host'

let host: TestHost

beforeAll(async () => {
  host = await startTestHost()
})

afterAll(async () => {
  await host.close()
})

/** Counts the statements the host runs while `work` does. */
async function statementsDuring(work: () => Promise<unknown>): Promise<number> {
  const sql = host.host.store.sql
  const query = sql.query
  let count = 0
  sql.query = (text, params) => {
    count++
    return query(text, params)
  }
  try {
    await work()
  } finally {
    sql.query = query
  }
  return count
}

describe('the host remembers callers by OPENID', () => {
  it('reads a known caller without a users query', async () => {
    const patient = await host.signIn('patient', 'cache-reads')
    await patient.call('identity', 'me')
    // `me` reads the profile; the caller itself comes from the cache.
    expect(await statementsDuring(() => patient.call('identity', 'me'))).toBe(1)
  })

  it('sees a role granted or taken back on the very next call', async () => {
    const admin = await host.signIn('admin')
    const staff = await host.signIn('staff', 'cache-roles')
    expect((await staff.call('identity', 'pendingStaff')).status).toBe(403)

    await admin.call('identity', 'setRole', { userId: staff.user.id, role: 'admin', grant: true })
    expect((await staff.call('identity', 'pendingStaff')).status).toBe(200)

    await admin.call('identity', 'setRole', { userId: staff.user.id, role: 'admin', grant: false })
    expect((await staff.call('identity', 'pendingStaff')).status).toBe(403)
  })

  it('sees a change made by any statement, not only by the identity repository', async () => {
    const patient = await host.signIn('patient', 'cache-any-statement')
    expect((await patient.call('identity', 'auditLog', { limit: 1 })).status).toBe(403)
    await host.host.store.sql.query(`UPDATE users SET roles = array_append(roles, 'admin') WHERE id = $1`, [
      patient.user.id,
    ])
    expect((await patient.call('identity', 'auditLog', { limit: 1 })).status).toBe(200)
  })

  it('sees preferences and erasure at once', async () => {
    const patient = await host.signIn('patient', 'cache-prefs')
    dataOf(await patient.call<UserView>('identity', 'setPrefs', { largeText: true }))
    expect(dataOf(await patient.call<UserView>('identity', 'me')).prefs.largeText).toBe(true)
    dataOf(await patient.call<UserView>('identity', 'setPrefs', { largeText: false }))
    expect(dataOf(await patient.call<UserView>('identity', 'me')).prefs.largeText).toBe(false)

    const volunteer = await host.signIn('volunteer', 'cache-erase')
    expect((await volunteer.call('volunteer', 'myRecord')).status).toBe(200)
    await volunteer.call('identity', 'deleteMe', { confirm: true }, 'cache-erase-request')
    expect((await volunteer.call('volunteer', 'myRecord')).status).toBe(403)
  })
})

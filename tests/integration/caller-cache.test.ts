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
  it('answers a known caller’s me without a statement: caller and profile come from the cache', async () => {
    const patient = await host.signIn('patient', 'cache-reads')
    await patient.call('identity', 'me')
    expect(await statementsDuring(() => patient.call('identity', 'me'))).toBe(0)
  })

  it('shows a renamed department, a new binding and a roster name in the very next me', async () => {
    const sql = host.host.store.sql
    const staff = await host.signIn('staff', 'cache-profile')
    const me = async () => dataOf(await staff.call<UserView>('identity', 'me'))
    const first = await me()
    expect(first.departmentName).not.toBeNull()
    expect(first.staff).toBeNull()
    await sql.query(`UPDATE departments SET name = name || '（新）' WHERE id = $1`, [first.departmentId])
    expect((await me()).departmentName).toBe(`${first.departmentName}（新）`)

    const employeeNo = `C${Date.now()}`
    await sql.query(
      `INSERT INTO staff_roster (employee_no, name, department_id, title) VALUES ($1, '林护士', $2, '护师')`,
      [employeeNo, first.departmentId],
    )
    await sql.query(
      `INSERT INTO staff_bindings (user_id, employee_no, status, requested_at) VALUES ($1, $2, 'pending', now())`,
      [staff.user.id, employeeNo],
    )
    expect((await me()).staff).toEqual({ employeeNo, name: '林护士', status: 'pending' })
    await sql.query(`UPDATE staff_roster SET name = '林护师' WHERE employee_no = $1`, [employeeNo])
    expect((await me()).staff).toEqual({ employeeNo, name: '林护师', status: 'pending' })
    await sql.query(`UPDATE staff_bindings SET status = 'approved' WHERE user_id = $1`, [staff.user.id])
    expect((await me()).staff?.status).toBe('approved')
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

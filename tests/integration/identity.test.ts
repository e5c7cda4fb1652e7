import type { UserView } from '../../src/contract'
import { issueToken } from '../../src/cloud/host/session-token'
import { buildRoster, ROSTER_SIZE } from '../../src/cloud/host/seed/hospital'
import { loadSecrets } from '../../src/cloud/core/secrets'
import { dataOf, errorOf, post, startTestHost, type TestHost } from '../support/test-host'

const roster = buildRoster(ROSTER_SIZE)

let host: TestHost
beforeAll(async () => {
  host = await startTestHost()
})
afterAll(async () => {
  await host.close()
})

describe('who is calling', () => {
  it('refuses a call without a token', async () => {
    const reply = await host.raw('/fn/identity', JSON.stringify({ action: 'me' }))
    expect(reply.status).toBe(401)
    expect(reply.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it('refuses a tampered token', async () => {
    const patient = await host.signIn('patient')
    const [body, signature] = patient.token.split('.')
    const forgedBody = Buffer.from(JSON.stringify({ sub: 'demo-admin', exp: Date.now() + 1e9 })).toString('base64url')
    for (const token of [`${forgedBody}.${signature}`, `${body}.${signature.slice(0, -2)}xx`, 'garbage']) {
      const reply = await host.raw('/fn/identity', JSON.stringify({ action: 'me' }), {
        authorization: `Bearer ${token}`,
      })
      expect(reply.status).toBe(401)
    }
  })

  it('refuses an expired token', async () => {
    const secret = loadSecrets({}, false).session
    const token = issueToken(secret, 'demo-patient', new Date(Date.now() - 8 * 24 * 3600 * 1000))
    const reply = await host.raw('/fn/identity', JSON.stringify({ action: 'me' }), { authorization: `Bearer ${token}` })
    expect(reply.status).toBe(401)
    expect(reply.body).toMatchObject({ error: { code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录' } })
  })

  it('ignores openid, role and userId in the payload', async () => {
    const admin = await host.signIn('admin')
    const patient = await host.signIn('patient')
    const reply = await patient.call<UserView>('identity', 'me', {
      openid: admin.user.openid,
      role: 'admin',
      userId: admin.user.id,
    })
    const me = dataOf(reply)
    expect(me.id).toBe(patient.user.id)
    expect(me.roles).toEqual(['patient'])
    const forbidden = await patient.call('identity', 'pendingStaff', { role: 'admin', openid: admin.user.openid })
    expect(forbidden.status).toBe(403)
  })

  it('gives the same dev user for the same id and distinct users for distinct ids', async () => {
    const first = await host.signIn('volunteer', 'v-1')
    const again = await host.signIn('volunteer', 'v-1')
    const other = await host.signIn('volunteer', 'v-2')
    expect(again.user.id).toBe(first.user.id)
    expect(other.user.id).not.toBe(first.user.id)
    expect(first.user.roles).toContain('volunteer')
  })
})

describe('bad input never crashes the host', () => {
  it('answers malformed JSON, unknown names, wrong types and oversized bodies with stable 4xx codes', async () => {
    const patient = await host.signIn('patient')
    const auth = { authorization: `Bearer ${patient.token}` }
    const cases = [
      { reply: await host.raw('/fn/identity', '{"action":', auth), status: 400, code: 'INVALID_INPUT' },
      { reply: await host.raw('/fn/nosuch', JSON.stringify({ action: 'me' }), auth), status: 404, code: 'NOT_FOUND' },
      {
        reply: await host.raw('/fn/identity', JSON.stringify({ action: 'nosuch' }), auth),
        status: 404,
        code: 'NOT_FOUND',
      },
      {
        reply: await host.raw('/fn/identity', JSON.stringify({ action: 'toString' }), auth),
        status: 404,
        code: 'NOT_FOUND',
      },
      {
        reply: await host.raw('/fn/identity', JSON.stringify({ action: 42 }), auth),
        status: 400,
        code: 'INVALID_INPUT',
      },
      { reply: await host.raw('/fn/identity', JSON.stringify([1, 2]), auth), status: 400, code: 'INVALID_INPUT' },
      {
        reply: await host.raw('/fn/identity', JSON.stringify({ action: 'setPrefs', data: { largeText: 'yes' } }), auth),
        status: 400,
        code: 'INVALID_INPUT',
      },
      {
        reply: await host.raw('/fn/identity', JSON.stringify({ action: 'me', data: 'x'.repeat(70 * 1024) }), auth),
        status: 413,
        code: 'INVALID_INPUT',
      },
    ]
    for (const { reply, status, code } of cases) {
      expect(reply.status).toBe(status)
      expect(reply.body).toMatchObject({ ok: false, error: { code } })
    }
    const wrongType = cases[6].reply.body as { error: { fields: { path: string }[] } }
    expect(wrongType.error.fields.map((f) => f.path)).toEqual(['largeText'])
    const health = await fetch(`${host.url}/health`)
    expect(health.status).toBe(200)
  })
})

describe('preferences', () => {
  it('keeps 大字模式 per user across a host restart', async () => {
    const patient = await host.signIn('patient', 'prefs-1')
    const updated = dataOf(await patient.call<UserView>('identity', 'setPrefs', { largeText: true }))
    expect(updated.prefs.largeText).toBe(true)
    const other = await host.signIn('patient', 'prefs-2')
    expect(dataOf(await other.call<UserView>('identity', 'me')).prefs.largeText).toBe(false)

    await host.close({ keepData: true })
    host = await startTestHost({ existingDataDir: host.dataDir })
    const reply = await post(`${host.url}/fn/identity`, JSON.stringify({ action: 'me' }), {
      authorization: `Bearer ${patient.token}`,
    })
    expect(reply.body).toMatchObject({ ok: true, data: { id: patient.user.id, prefs: { largeText: true } } })
  })
})

describe('单独同意 for free text about treatment', () => {
  it("is unasked at first, then remembers each person's answer on the server", async () => {
    const patient = await host.signIn('patient', 'consent-1')
    expect(dataOf(await patient.call<UserView>('identity', 'me')).prefs.sensitiveText).toBeNull()

    const declined = dataOf(await patient.call<UserView>('identity', 'setPrefs', { sensitiveText: 'declined' }))
    expect(declined.prefs).toEqual({ largeText: false, sensitiveText: 'declined' })
    // Switching 大字模式 later leaves the consent answer alone.
    dataOf(await patient.call<UserView>('identity', 'setPrefs', { largeText: true }))
    const granted = dataOf(await patient.call<UserView>('identity', 'setPrefs', { sensitiveText: 'granted' }))
    expect(granted.prefs).toEqual({ largeText: true, sensitiveText: 'granted' })

    const other = await host.signIn('patient', 'consent-2')
    expect(dataOf(await other.call<UserView>('identity', 'me')).prefs.sensitiveText).toBeNull()

    const mine = dataOf(await patient.call<{ identity: { user: Record<string, unknown> } }>('identity', 'exportMyData'))
    expect(mine.identity.user).toMatchObject({ sensitiveText: 'granted', sensitiveTextAt: expect.any(String) })
  })

  it('refuses an answer that is neither yes nor no, with a Chinese message on the field', async () => {
    const patient = await host.signIn('patient', 'consent-3')
    const error = errorOf(await patient.call('identity', 'setPrefs', { sensitiveText: 'maybe' }))
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.fields).toEqual([{ path: 'sensitiveText', message: '请选择同意或不同意' }])
    expect(dataOf(await patient.call<UserView>('identity', 'me')).prefs.sensitiveText).toBeNull()
  })
})

describe('staff binding and roles', () => {
  const entry = roster[40]

  it('matches the roster, waits for an admin, then grants the staff role once', async () => {
    const nurse = await host.signIn('patient', 'bind-1')
    const wrongName = await nurse.call('identity', 'bindStaff', { employeeNo: entry.employeeNo, name: '不对的名字' })
    expect(errorOf(wrongName)).toMatchObject({ code: 'INVALID_INPUT', fields: [{ path: 'employeeNo' }] })

    const pending = dataOf(
      await nurse.call<UserView>('identity', 'bindStaff', { employeeNo: entry.employeeNo, name: entry.name }),
    )
    expect(pending.staff).toEqual({ employeeNo: entry.employeeNo, name: entry.name, status: 'pending' })
    expect(pending.roles).not.toContain('staff')

    const admin = await host.signIn('admin')
    const queue = dataOf(await admin.call<{ userId: string; departmentName: string }[]>('identity', 'pendingStaff'))
    expect(queue).toContainEqual(
      expect.objectContaining({ userId: nurse.user.id, departmentName: entry.departmentName }),
    )

    const approve = { userId: nurse.user.id, approve: true }
    const first = await admin.call('identity', 'approveStaff', approve, 'approve-bind-1')
    const retried = await admin.call('identity', 'approveStaff', approve, 'approve-bind-1')
    expect(dataOf(first)).toEqual({ userId: nurse.user.id, status: 'approved' })
    expect(retried.body).toEqual(first.body)
    const again = await admin.call('identity', 'approveStaff', approve, 'approve-bind-1-other')
    expect(errorOf(again).code).toBe('NOT_FOUND')

    const me = dataOf(await nurse.call<UserView>('identity', 'me'))
    expect(me.roles).toEqual(['patient', 'staff'])
    expect(me.name).toBe(entry.name)
    expect(me.departmentName).toBe(entry.departmentName)

    const impostor = await host.signIn('patient', 'bind-2')
    const taken = await impostor.call('identity', 'bindStaff', { employeeNo: entry.employeeNo, name: entry.name })
    expect(errorOf(taken).code).toBe('CONFLICT')
  })

  it('lets only an admin approve staff or change roles', async () => {
    const patient = await host.signIn('patient', 'roles-1')
    const manager = await host.signIn('manager')
    for (const caller of [patient, manager]) {
      expect((await caller.call('identity', 'pendingStaff')).status).toBe(403)
      expect(
        (await caller.call('identity', 'setRole', { userId: patient.user.id, role: 'admin', grant: true })).status,
      ).toBe(403)
    }
  })

  it('makes a manager of a department and takes it back, with an audit trail', async () => {
    const admin = await host.signIn('admin')
    const departments = dataOf(await admin.call<{ id: string; name: string }[]>('identity', 'departments'))
    expect(departments.length).toBeGreaterThanOrEqual(12)
    const ortho = departments.find((d) => d.name === '骨科')!
    const user = await host.signIn('staff', 'roles-2')

    const missingDepartment = await admin.call('identity', 'setRole', {
      userId: user.user.id,
      role: 'manager',
      grant: true,
    })
    expect(errorOf(missingDepartment).fields).toEqual([{ path: 'departmentId', message: '设为科室管理者时请选择科室' }])

    await admin.call('identity', 'setRole', {
      userId: user.user.id,
      role: 'manager',
      grant: true,
      departmentId: ortho.id,
    })
    let me = dataOf(await user.call<UserView>('identity', 'me'))
    expect(me.roles).toContain('manager')
    expect(me.departmentName).toBe('骨科')

    await admin.call('identity', 'setRole', { userId: user.user.id, role: 'manager', grant: false })
    me = dataOf(await user.call<UserView>('identity', 'me'))
    expect(me.roles).not.toContain('manager')

    const audit = await host.host.store.repos.platform.listAudit(10)
    expect(audit.filter((a) => a.target === `user:${user.user.id}`).map((a) => a.details.grant)).toEqual([false, true])
    await expect(host.host.store.sql.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/)
  })
})

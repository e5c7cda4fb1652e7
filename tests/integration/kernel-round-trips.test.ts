import { z } from 'zod'
import type { Role, UserView } from '../../src/contract'
import { AdjustableClock } from '../../src/cloud/core/clock'
import type { Runtime } from '../../src/cloud/core/context'
import { action, ADMINS, EVERYONE, PUBLIC_WRITE_LIMIT, type FunctionDef } from '../../src/cloud/core/define'
import { dispatch } from '../../src/cloud/core/dispatch'
import { silentLogger } from '../../src/cloud/core/logger'
import { loadSecrets } from '../../src/cloud/core/secrets'
import { devUser } from '../../src/cloud/host/dev-users'
import { linkPageCodes } from '../../src/cloud/host/page-codes'
import { CLOUD_FUNCTIONS } from '../../src/cloud/registry'
import type { BindingDoc } from '../../src/cloud/storage/cloudbase/identity-repo'
import { createPlatformRepo } from '../../src/cloud/storage/cloudbase/platform-repo'
import { C } from '../../src/cloud/storage/cloudbase/schema'
import type { RoundTrips } from '../support/cloud-db-stand-in'
import { openCloudStandIn } from '../support/repo-adapters'

/**
 * What the kernel itself (caller, rate limit, idempotency, generic audit) costs on the cloud database:
 * handlers that touch no storage, dispatched as a deployed function dispatches them.
 */
const kernelProbe: FunctionDef = {
  look: action({ roles: EVERYONE, input: z.object({}), handle: async () => 'seen' }),
  note: action({ roles: EVERYONE, input: z.object({}), write: true, rateLimit: false, handle: async () => 'noted' }),
  tap: action({ roles: EVERYONE, input: z.object({}), write: true, handle: async () => 'tapped' }),
  decide: action({ roles: ADMINS, input: z.object({}), write: true, handle: async () => 'decided' }),
}

let costOf: (as: Role, action: string, requestId?: string) => Promise<RoundTrips & { ok: boolean }>
let harness: Awaited<ReturnType<typeof openCloudStandIn>>
let runtime: Runtime

beforeAll(async () => {
  harness = await openCloudStandIn()
  const { db, repos } = harness
  // A second into a minute, so the rate-limit test's calls share one window.
  const clock = new AdjustableClock()
  clock.set(new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 1000))
  runtime = {
    repos,
    clock,
    secrets: loadSecrets({}, false),
    log: silentLogger,
    pageCodes: linkPageCodes(() => 'http://127.0.0.1'),
  }
  const users = {
    patient: await devUser(repos.identity, 'patient', 'kernel-patient', null),
    admin: await devUser(repos.identity, 'admin', 'kernel-admin', null),
  }
  costOf = async (as, actionName, requestId) => {
    const user = users[as as keyof typeof users]
    if (!user) throw new Error(`no ${as}`)
    const before = { ...db.calls }
    const reply = await dispatch('probe', kernelProbe, { action: actionName, requestId }, user.openid, runtime)
    return {
      ok: reply.ok,
      reads: db.calls.reads - before.reads,
      writes: db.calls.writes - before.writes,
      transactions: db.calls.transactions - before.transactions,
    }
  }
})

test('a read action costs one read: its caller', async () => {
  expect(await costOf('patient', 'look')).toEqual({ ok: true, reads: 1, writes: 0, transactions: 0 })
})

test('a fresh write costs its caller, the idempotency claim and its completion; a retry reads the result', async () => {
  expect(await costOf('patient', 'note', 'kernel-note-1')).toEqual({ ok: true, reads: 1, writes: 2, transactions: 0 })
  // The refused claim's add, then a read of the stored result: no take-over attempt on a finished request.
  expect(await costOf('patient', 'note', 'kernel-note-1')).toEqual({ ok: true, reads: 2, writes: 1, transactions: 0 })
})

test("a rate-limited write adds one write, on its window's first hit and after; the limit still refuses", async () => {
  const first = await costOf('patient', 'tap', 'kernel-tap-1')
  const steady = await costOf('patient', 'tap', 'kernel-tap-2')
  expect(first).toEqual({ ok: true, reads: 1, writes: 3, transactions: 0 })
  expect(steady).toEqual({ ok: true, reads: 1, writes: 3, transactions: 0 })
  for (let tap = 3; tap <= PUBLIC_WRITE_LIMIT.limit; tap++)
    expect((await costOf('patient', 'tap', `kernel-tap-${tap}`)).ok).toBe(true)
  expect((await costOf('patient', 'tap', 'kernel-tap-over')).ok).toBe(false)
})

test("a privileged write's generic audit entry is one write", async () => {
  expect(await costOf('admin', 'decide', 'kernel-decide-1')).toEqual({ ok: true, reads: 1, writes: 3, transactions: 0 })
})

describe('identity.me on the cloud database', () => {
  const bindings = () => harness.db.collection<BindingDoc>(C.staffBindings)
  const callMe = async (openid: string) => {
    const before = { ...harness.db.calls }
    const reply = await dispatch('identity', CLOUD_FUNCTIONS.identity, { action: 'me' }, openid, runtime)
    if (!reply.ok) throw new Error(reply.error.message)
    return { profile: reply.data as UserView, reads: harness.db.calls.reads - before.reads }
  }
  const approvedStaff = async () => {
    const { repos, fixtures } = harness
    const department = await fixtures.department()
    const entry = await fixtures.rosterEntry(department.id, '周医生')
    const user = await devUser(repos.identity, 'patient', `kernel-staff-${entry.employeeNo}`, null)
    if (!user) throw new Error('no user')
    await repos.identity.requestStaffBinding(user.id, entry.employeeNo, new Date())
    await repos.identity.decideStaffBinding(user.id, true, 'kernel-admin', new Date())
    return { user, department, entry }
  }

  test("reads the caller and the staff binding, and a department's name once per instance", async () => {
    const { user, department, entry } = await approvedStaff()
    const first = await callMe(user.openid)
    expect(first.profile).toMatchObject({
      departmentName: department.name,
      staff: { employeeNo: entry.employeeNo, name: '周医生', status: 'approved' },
    })
    expect(first.reads).toBe(3)
    expect(await callMe(user.openid)).toEqual({ ...first, reads: 2 })
  })

  test('a binding stored before it kept the roster name still shows it', async () => {
    const { user } = await approvedStaff()
    await bindings()
      .doc(user.id)
      .update({ data: { name: harness.db.command.remove() } })
    expect(harness.db.documents(C.staffBindings).find((doc) => doc._id === user.id)).not.toHaveProperty('name')
    await callMe(user.openid)
    // Its department's name now known to the instance: the caller, the binding and the roster entry.
    const legacy = await callMe(user.openid)
    expect(legacy.profile.staff?.name).toBe('周医生')
    expect(legacy.reads).toBe(3)
  })
})

describe('identity.pendingStaff on the cloud database', () => {
  test('reads the same whatever the number waiting: bindings, roster entries, departments', async () => {
    const { repos, fixtures, db } = harness
    const admin = await devUser(repos.identity, 'admin', 'kernel-admin', null)
    if (!admin) throw new Error('no admin')
    const waiting = async () => {
      const department = await fixtures.department()
      const entry = await fixtures.rosterEntry(department.id)
      const user = await devUser(repos.identity, 'patient', `kernel-waiting-${entry.employeeNo}`, null)
      if (!user) throw new Error('no user')
      await repos.identity.requestStaffBinding(user.id, entry.employeeNo, new Date())
      return { userId: user.id, departmentName: department.name }
    }
    const listed = async () => {
      const before = db.calls.reads
      const reply = await dispatch(
        'identity',
        CLOUD_FUNCTIONS.identity,
        { action: 'pendingStaff' },
        admin.openid,
        runtime,
      )
      if (!reply.ok) throw new Error(reply.error.message)
      return { list: reply.data as { userId: string; departmentName: string }[], reads: db.calls.reads - before }
    }
    const first = await waiting()
    const one = await listed()
    expect(one.list).toContainEqual(expect.objectContaining(first))
    const more = [await waiting(), await waiting()]
    const three = await listed()
    for (const person of more) expect(three.list).toContainEqual(expect.objectContaining(person))
    expect(three.reads).toBe(one.reads)
    expect(one.reads).toBe(4)
  })
})

describe('a rate-limit window shared by function instances', () => {
  test('each instance counts into it right, and a window removed under an instance is added again', async () => {
    const { db } = harness
    const [one, two] = [createPlatformRepo(db), createPlatformRepo(db)]
    const windowStart = new Date('2026-03-02T08:00:00.000Z')
    const key = 'probe.shared/60s:kernel-openid'
    const writesOf = async (take: () => Promise<boolean>) => {
      const before = db.calls.writes
      return { taken: await take(), writes: db.calls.writes - before }
    }
    expect(await writesOf(() => one.takeRateSlot(key, windowStart, 3))).toEqual({ taken: true, writes: 1 })
    // The other instance has not seen the window: its add is refused, then it counts into the window.
    expect(await writesOf(() => two.takeRateSlot(key, windowStart, 3))).toEqual({ taken: true, writes: 2 })
    expect(await writesOf(() => two.takeRateSlot(key, windowStart, 3))).toEqual({ taken: true, writes: 1 })
    expect(await writesOf(() => one.takeRateSlot(key, windowStart, 3))).toEqual({ taken: false, writes: 2 })
    expect(await one.rateHits(key, windowStart)).toBe(3)
    await db.collection(C.rateHits).where({ key }).remove()
    expect(await writesOf(() => one.takeRateSlot(key, windowStart, 3))).toEqual({ taken: true, writes: 2 })
    expect(await one.rateHits(key, windowStart)).toBe(1)
  })
})

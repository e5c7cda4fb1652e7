import { randomUUID } from 'node:crypto'
import type { RepoHarness } from '../repo-adapters'

const at = new Date('2026-03-02T08:00:00.000Z')

export function identityContract(harness: () => RepoHarness): void {
  describe('identity', () => {
    const identity = () => harness().repos.identity
    const fixtures = () => harness().fixtures
    const newUser = () => identity().ensureUser(`openid-${randomUUID()}`)

    it('creates one patient for an OPENID however many first calls race', async () => {
      const openid = `openid-${randomUUID()}`
      const users = await Promise.all(Array.from({ length: 20 }, () => identity().ensureUser(openid)))
      expect(new Set(users.map((u) => u.id)).size).toBe(1)
      expect(users[0]).toMatchObject({
        openid,
        name: '',
        roles: ['patient'],
        departmentId: null,
        prefs: { largeText: false },
      })
      expect(await identity().findUser(users[0].id)).toEqual(users[0])
      expect(await identity().findUser(randomUUID())).toBeNull()
    })

    it('upserts without changing an existing user', async () => {
      const department = await fixtures().department()
      const openid = `openid-${randomUUID()}`
      const created = await identity().upsertUser({
        openid,
        name: '张三',
        roles: ['patient', 'volunteer'],
        departmentId: department.id,
      })
      expect(created).toMatchObject({ name: '张三', roles: ['patient', 'volunteer'], departmentId: department.id })
      const again = await identity().upsertUser({ openid, name: '李四', roles: ['patient'], departmentId: null })
      expect(again).toEqual(created)
    })

    it('lists and finds departments; stores preferences; shows the profile with its department', async () => {
      const department = await fixtures().department('medtech')
      expect(await identity().listDepartments()).toContainEqual(department)
      expect(await identity().findDepartment(department.id)).toEqual(department)
      expect(await identity().findDepartment(randomUUID())).toBeNull()
      const user = await identity().upsertUser({
        openid: `openid-${randomUUID()}`,
        name: '王五',
        roles: ['patient'],
        departmentId: department.id,
      })
      await identity().updatePrefs(user.id, { largeText: true })
      await identity().updatePrefs(user.id, {})
      expect(await identity().findProfile(user.id)).toEqual({
        id: user.id,
        name: '王五',
        roles: ['patient'],
        departmentId: department.id,
        departmentName: department.name,
        prefs: { largeText: true },
        staff: null,
      })
      expect(await identity().findProfile(randomUUID())).toBeNull()
    })

    it('binds staff on approval: role, roster name and department together', async () => {
      const department = await fixtures().department()
      const entry = await fixtures().rosterEntry(department.id, '赵医生')
      expect(await identity().findRosterEntry(entry.employeeNo)).toEqual(entry)
      expect(await identity().findRosterEntry('NOPE000')).toBeNull()
      const user = await newUser()
      expect(await identity().requestStaffBinding(user.id, entry.employeeNo, at)).toBe(true)
      expect(await identity().findStaffBinding(user.id)).toEqual({
        employeeNo: entry.employeeNo,
        name: '赵医生',
        status: 'pending',
      })
      expect(await identity().listPendingStaff()).toContainEqual({
        userId: user.id,
        employeeNo: entry.employeeNo,
        name: '赵医生',
        departmentName: department.name,
        requestedAt: at.toISOString(),
      })
      const decided = await identity().decideStaffBinding(user.id, true, randomUUID(), at)
      expect(decided).toEqual({ employeeNo: entry.employeeNo, name: '赵医生', status: 'approved' })
      expect(await identity().findUser(user.id)).toMatchObject({
        name: '赵医生',
        roles: ['patient', 'staff'],
        departmentId: department.id,
      })
      expect((await identity().listPendingStaff()).map((p) => p.userId)).not.toContain(user.id)
      expect(await identity().decideStaffBinding(user.id, true, randomUUID(), at)).toBeNull()
      // Approved stays approved.
      expect(await identity().requestStaffBinding(user.id, entry.employeeNo, at)).toBe(true)
      expect((await identity().findStaffBinding(user.id))?.status).toBe('approved')
    })

    it('approves one account per employee number even when two approvals race', async () => {
      const department = await fixtures().department()
      const entry = await fixtures().rosterEntry(department.id)
      const [a, b] = await Promise.all([newUser(), newUser()])
      await identity().requestStaffBinding(a.id, entry.employeeNo, at)
      await identity().requestStaffBinding(b.id, entry.employeeNo, at)
      const results = await Promise.all([a, b].map((u) => identity().decideStaffBinding(u.id, true, randomUUID(), at)))
      expect(results.filter((r) => r === 'taken')).toHaveLength(1)
      expect(results.filter((r) => r !== 'taken' && r?.status === 'approved')).toHaveLength(1)
      const loser = results[0] === 'taken' ? a : b
      expect((await identity().findStaffBinding(loser.id))?.status).toBe('pending')
      expect((await identity().findUser(loser.id))?.roles).toEqual(['patient'])
      const third = await newUser()
      expect(await identity().requestStaffBinding(third.id, entry.employeeNo, at)).toBe(false)
      expect(await identity().findStaffBinding(third.id)).toBeNull()
    })

    it('rejects a binding without touching the user, and lets them ask again', async () => {
      const department = await fixtures().department()
      const entry = await fixtures().rosterEntry(department.id)
      const user = await newUser()
      await identity().requestStaffBinding(user.id, entry.employeeNo, at)
      expect(await identity().decideStaffBinding(user.id, false, randomUUID(), at)).toMatchObject({
        status: 'rejected',
      })
      expect((await identity().findUser(user.id))?.roles).toEqual(['patient'])
      expect(await identity().requestStaffBinding(user.id, entry.employeeNo, at)).toBe(true)
      expect((await identity().findStaffBinding(user.id))?.status).toBe('pending')
    })

    it('grants and revokes roles without losing a concurrent change', async () => {
      const department = await fixtures().department()
      const user = await newUser()
      const [asManager] = await Promise.all([
        identity().setRole(user.id, 'manager', true, department.id),
        identity().setRole(user.id, 'admin', true, null),
        identity().setRole(user.id, 'volunteer', true, null),
      ])
      expect(asManager?.departmentId).toBe(department.id)
      const granted = await identity().findUser(user.id)
      expect([...(granted?.roles ?? [])].sort()).toEqual(['admin', 'manager', 'patient', 'volunteer'])
      expect(granted?.departmentId).toBe(department.id)
      const again = await identity().setRole(user.id, 'admin', true, null)
      expect(again?.roles.filter((r) => r === 'admin')).toHaveLength(1)
      const revoked = await identity().setRole(user.id, 'manager', false, null)
      expect(revoked?.roles).not.toContain('manager')
      expect(revoked?.departmentId).toBe(department.id)
      expect(await identity().setRole(randomUUID(), 'admin', true, null)).toBeNull()
    })

    it('lists the administrators, and only them', async () => {
      const [admin, patient] = [await newUser(), await newUser()]
      await identity().setRole(admin.id, 'admin', true, null)
      const admins = await identity().adminIds()
      expect(admins).toContain(admin.id)
      expect(admins).not.toContain(patient.id)
      await identity().setRole(admin.id, 'admin', false, null)
      expect(await identity().adminIds()).not.toContain(admin.id)
    })
  })
}

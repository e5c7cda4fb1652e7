import { randomUUID } from 'node:crypto'
import type { RosterImportEntry } from '../../../src/cloud/domain/identity/repo'
import type { RepoHarness } from '../repo-adapters'

const at = new Date('2026-03-02T08:00:00.000Z')

const suffix = () => randomUUID().replace(/-/g, '').slice(0, 8).toUpperCase()

/** Two staff of a department no other test names. */
function hrExport(): RosterImportEntry[] {
  const departmentName = `新科室-${suffix()}`
  return [
    { employeeNo: `R${suffix()}`, name: '钱医生', departmentName, title: '主治医师', partyMember: true },
    { employeeNo: `R${suffix()}`, name: '孙护士', departmentName, title: '护师', partyMember: false },
  ]
}

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
        prefs: { largeText: false, sensitiveText: null },
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
      await identity().updatePrefs(user.id, { largeText: true }, at)
      await identity().updatePrefs(user.id, {}, at)
      expect((await identity().findUser(user.id))?.prefs).toEqual({ largeText: true, sensitiveText: null })
      // 单独同意 is remembered apart from 大字模式; a later answer replaces the earlier one.
      await identity().updatePrefs(user.id, { sensitiveText: 'declined' }, at)
      await identity().updatePrefs(user.id, { sensitiveText: 'granted' }, at)
      expect(await identity().findProfile(user.id)).toEqual({
        id: user.id,
        name: '王五',
        roles: ['patient'],
        departmentId: department.id,
        departmentName: department.name,
        prefs: { largeText: true, sensitiveText: 'granted' },
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

    it('completes a record its caller already read into the same profile as a whole read', async () => {
      const department = await fixtures().department()
      const entry = await fixtures().rosterEntry(department.id, '孙护士')
      const user = await newUser()
      await identity().requestStaffBinding(user.id, entry.employeeNo, at)
      await identity().decideStaffBinding(user.id, true, randomUUID(), at)
      const record = await identity().findUser(user.id)
      if (!record) throw new Error('no user')
      const whole = await identity().findProfile(user.id)
      expect(whole).toMatchObject({
        name: '孙护士',
        departmentName: department.name,
        staff: { employeeNo: entry.employeeNo, name: '孙护士', status: 'approved' },
      })
      expect(await identity().findProfile(user.id, record)).toEqual(whole)
      // Asked twice, the department's name is the same (an instance may keep names: departments are never renamed).
      expect(await identity().findProfile(user.id, record)).toEqual(whole)
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

    it("changes a department's kind and nothing else", async () => {
      const department = await fixtures().department('clinical')
      expect(await identity().setDepartmentKind(department.id, 'admin')).toEqual({ ...department, kind: 'admin' })
      expect(await identity().setDepartmentKind(department.id, 'admin')).toEqual({ ...department, kind: 'admin' })
      expect(await identity().findDepartment(department.id)).toEqual({ ...department, kind: 'admin' })
      expect(await identity().setDepartmentKind(randomUUID(), 'admin')).toBeNull()
    })

    it("lists a department's managers, and the administrators", async () => {
      const [department, other] = [await fixtures().department(), await fixtures().department()]
      const [manager, elsewhere] = [await newUser(), await newUser()]
      await identity().setRole(manager.id, 'manager', true, department.id)
      await identity().setRole(elsewhere.id, 'manager', true, other.id)
      expect(await identity().managerIds(department.id)).toEqual([manager.id])

      const [admin, patient] = [await newUser(), await newUser()]
      await identity().setRole(admin.id, 'admin', true, null)
      const admins = await identity().adminIds()
      expect(admins).toContain(admin.id)
      expect(admins).not.toContain(patient.id)
      await identity().setRole(admin.id, 'admin', false, null)
      expect(await identity().adminIds()).not.toContain(admin.id)
    })

    it('imports the roster: creates the departments it names, then the entries', async () => {
      const existing = await fixtures().department()
      const [first, second] = hrExport()
      const moved = { ...second, departmentName: existing.name }
      const counts = await identity().importRoster(
        [first, moved],
        [
          { name: first.departmentName, kind: 'medtech' },
          { name: existing.name, kind: 'admin' },
        ],
      )
      expect(counts).toEqual({ created: 2, updated: 0, unchanged: 0, departmentsCreated: [first.departmentName] })
      const created = (await identity().listDepartments()).find((d) => d.name === first.departmentName)
      expect(created).toMatchObject({ name: first.departmentName, kind: 'medtech' })
      expect(await identity().findDepartment(existing.id)).toEqual(existing)
      expect(await identity().findRosterEntry(first.employeeNo)).toEqual({
        employeeNo: first.employeeNo,
        name: '钱医生',
        departmentId: created?.id,
        title: '主治医师',
        partyMember: true,
      })
      expect((await identity().findRosterEntry(moved.employeeNo))?.departmentId).toBe(existing.id)
    })

    it('updates entries whose employee number exists and leaves identical ones unchanged', async () => {
      const entries = hrExport()
      const departments = [{ name: entries[0].departmentName, kind: 'clinical' as const }]
      await identity().importRoster(entries, departments)
      expect(await identity().importRoster(entries, departments)).toEqual({
        created: 0,
        updated: 0,
        unchanged: 2,
        departmentsCreated: [],
      })
      const promoted = { ...entries[1], name: '孙护士长', title: '主管护师', partyMember: true }
      expect(await identity().importRoster([entries[0], promoted], departments)).toEqual({
        created: 0,
        updated: 1,
        unchanged: 1,
        departmentsCreated: [],
      })
      expect(await identity().findRosterEntry(promoted.employeeNo)).toMatchObject({
        name: '孙护士长',
        title: '主管护师',
        partyMember: true,
      })
    })

    it('moves approved accounts with their changed entries, but not a manager off the department they manage', async () => {
      const entries = hrExport()
      const departments = [{ name: entries[0].departmentName, kind: 'clinical' as const }]
      await identity().importRoster(entries, departments)
      const [nurse, head, pending] = [await newUser(), await newUser(), await newUser()]
      const approve = async (user: { id: string }, employeeNo: string) => {
        await identity().requestStaffBinding(user.id, employeeNo, at)
        await identity().decideStaffBinding(user.id, true, randomUUID(), at)
      }
      await approve(nurse, entries[0].employeeNo)
      await approve(head, entries[1].employeeNo)
      const managed = (await identity().findUser(head.id))?.departmentId ?? null
      await identity().setRole(head.id, 'manager', true, managed)
      const stranger = hrExport()[0]
      await identity().importRoster([stranger], [{ name: stranger.departmentName, kind: 'clinical' }])
      await identity().requestStaffBinding(pending.id, stranger.employeeNo, at)

      const moved = hrExport()[0].departmentName
      const changes = [
        { ...entries[0], name: '钱主任', departmentName: moved },
        { ...entries[1], name: '孙护士长', departmentName: moved },
        { ...stranger, name: '改名', departmentName: moved },
      ]
      await identity().importRoster(changes, [...departments, { name: moved, kind: 'clinical' }])
      const movedId = (await identity().listDepartments()).find((d) => d.name === moved)?.id
      expect(await identity().findUser(nurse.id)).toMatchObject({ name: '钱主任', departmentId: movedId })
      expect(await identity().findUser(head.id)).toMatchObject({ name: '孙护士长', departmentId: managed })
      expect(await identity().findUser(pending.id)).toMatchObject({ name: '', departmentId: null })
      // A binding, pending or approved, shows its entry's new name.
      expect((await identity().findStaffBinding(pending.id))?.name).toBe('改名')
      expect((await identity().findProfile(nurse.id))?.staff?.name).toBe('钱主任')
    })

    it('imports the same roster twice at once without duplicate departments or entries', async () => {
      const [template] = hrExport()
      const entries = Array.from({ length: 45 }, () => ({ ...template, employeeNo: `R${suffix()}` }))
      const departments = [{ name: template.departmentName, kind: 'clinical' as const }]
      const results = await Promise.all([1, 2].map(() => identity().importRoster(entries, departments)))
      const sum = (field: 'created' | 'updated' | 'unchanged') => results.reduce((n, r) => n + r[field], 0)
      expect([sum('created'), sum('updated'), sum('unchanged')]).toEqual([45, 0, 45])
      expect(results.flatMap((r) => r.departmentsCreated)).toEqual([entries[0].departmentName])
      const named = (await identity().listDepartments()).filter((d) => d.name === entries[0].departmentName)
      expect(named).toHaveLength(1)
      for (const entry of entries) {
        expect((await identity().findRosterEntry(entry.employeeNo))?.departmentId).toBe(named[0].id)
      }
    })
  })
}

import { randomUUID } from 'node:crypto'
import type {
  Department,
  DepartmentKind,
  Role,
  SensitiveTextAnswer,
  StaffBinding,
  StaffBindingStatus,
} from '../../../contract'
import type { IdentityRepo, RosterEntry, RosterImportEntry, UserRecord } from '../../domain/identity/repo'
import { addOnce, byIds, readAll, type CloudDb, type Doc, type Patch, type Transaction } from './db'
import { C } from './schema'

export interface DepartmentDoc extends Doc {
  name: string
  kind: DepartmentKind
  sort: number
}

export interface RosterDoc extends Doc {
  name: string
  departmentId: string
  title: string
  partyMember: boolean
}

export interface UserDoc extends Doc {
  openid: string
  name: string
  roles: Role[]
  departmentId: string | null
  largeText: boolean
  /** Absent on users stored before 单独同意 was asked. */
  sensitiveText?: SensitiveTextAnswer | null
  sensitiveTextAt?: string | null
  createdAt: string
}

export interface BindingDoc extends Doc {
  employeeNo: string
  /** The roster's name for the number, kept as the roster changes (a profile reads no roster); absent on bindings stored before. */
  name?: string
  status: StaffBindingStatus
  requestedAt: string
  decidedAt: string | null
  decidedBy: string | null
}

/** Holds an employee number for the one account approved for it. */
export interface EmployeeClaimDoc extends Doc {
  userId: string
}

const toUser = (doc: UserDoc): UserRecord => ({
  id: doc._id,
  openid: doc.openid,
  name: doc.name,
  roles: doc.roles,
  departmentId: doc.departmentId,
  prefs: { largeText: doc.largeText, sensitiveText: doc.sensitiveText ?? null },
})

const toDepartment = (doc: DepartmentDoc): Department => ({ id: doc._id, name: doc.name, kind: doc.kind })

const toRoster = (doc: RosterDoc): RosterEntry => ({
  employeeNo: doc._id,
  name: doc.name,
  departmentId: doc.departmentId,
  title: doc.title,
  partyMember: doc.partyMember,
})

const ROSTER_WRITE_BATCH = 20

const sameRoster = (doc: RosterDoc, fields: Omit<RosterDoc, '_id'>) =>
  doc.name === fields.name &&
  doc.departmentId === fields.departmentId &&
  doc.title === fields.title &&
  doc.partyMember === fields.partyMember

class EmployeeTaken extends Error {}

const withRole = (roles: Role[], role: Role) => (roles.includes(role) ? roles : [...roles, role])

/** Adds a role inside a transaction; the user document is read and written in it, so no update is lost. */
export async function grantRole(
  tx: Transaction,
  userId: string,
  role: Role,
  change: (user: UserDoc) => Partial<Pick<UserDoc, 'name' | 'departmentId'>> = () => ({}),
): Promise<UserDoc | null> {
  const ref = tx.collection<UserDoc>(C.users).doc(userId)
  const { data: user } = await ref.get()
  if (!user) return null
  const patch = { roles: withRole(user.roles, role), ...change(user) }
  await ref.update({ data: patch })
  return { ...user, ...patch }
}

export function createIdentityRepo(db: CloudDb): IdentityRepo {
  const _ = db.command
  const users = () => db.collection<UserDoc>(C.users)
  const departments = () => db.collection<DepartmentDoc>(C.departments)

  const userByOpenid = async (openid: string) => {
    const { data } = await users().where({ openid }).limit(1).get()
    return data[0] ?? null
  }

  /** Department ids by name, adding the missing ones; the unique name index settles a concurrent add. */
  const ensureDepartments = async (wanted: { name: string; kind: DepartmentKind }[]) => {
    const existing = await readAll(departments())
    const ids = new Map(existing.map((d) => [d.name, d._id]))
    let sort = Math.max(0, ...existing.map((d) => d.sort))
    const created: string[] = []
    for (const { name, kind } of wanted) {
      if (ids.has(name)) continue
      const doc: DepartmentDoc = { _id: randomUUID(), name, kind, sort: ++sort }
      if (await addOnce(departments(), doc)) {
        created.push(name)
        ids.set(name, doc._id)
        continue
      }
      const { data } = await departments().where({ name }).limit(1).get()
      if (!data[0]) throw new Error(`department ${name} vanished right after a duplicate add`)
      ids.set(name, data[0]._id)
    }
    return { ids, created }
  }

  /** `created`, `updated` or `unchanged`: the entry document's `_id` is the employee number. */
  const writeRosterEntry = async (entry: RosterImportEntry, departmentId: string, current: RosterDoc | undefined) => {
    const roster = db.collection<RosterDoc>(C.roster)
    const { employeeNo, departmentName: _name, ...rest } = entry
    const fields = { ...rest, departmentId }
    if (!current && (await addOnce(roster, { _id: employeeNo, ...fields }))) return 'created'
    if (current && sameRoster(current, fields)) return 'unchanged'
    // Written by the server only when something differs, so a racing identical import counts it once.
    const { stats } = await roster.doc(employeeNo).update({ data: fields })
    return stats.updated > 0 ? 'updated' : 'unchanged'
  }

  /**
   * Bindings take their changed entry's name; approved accounts take it too and, unless they manage
   * a department, its department.
   */
  const followRoster = async (changed: Map<string, Pick<UserDoc, 'name' | 'departmentId'>>) => {
    const numbers = [...changed.keys()]
    for (let i = 0; i < numbers.length; i += ROSTER_WRITE_BATCH) {
      const bindings = await readAll(
        db
          .collection<BindingDoc>(C.staffBindings)
          .where({ employeeNo: _.in(numbers.slice(i, i + ROSTER_WRITE_BATCH)) }),
      )
      for (const { _id: userId, employeeNo, status } of bindings) {
        const entry = changed.get(employeeNo)
        if (!entry) continue
        // Only while the binding is still for this number: a request for another one meanwhile keeps its own name.
        await db
          .collection<BindingDoc>(C.staffBindings)
          .where({ _id: userId, employeeNo })
          .update({ data: { name: entry.name } })
        if (status !== 'approved') continue
        await users()
          .doc(userId)
          .update({ data: { name: entry.name } })
        // Checked as the document is written: a manager granted meanwhile keeps the department they manage.
        await users()
          .where({ _id: userId, roles: _.neq('manager') })
          .update({ data: { departmentId: entry.departmentId } })
      }
    }
  }

  const findUser = async (id: string) => {
    const { data } = await users().doc(id).get()
    return data ? toUser(data) : null
  }

  /** Names by department id. A department is never renamed nor removed, so a name once read stays right. */
  const departmentNames = new Map<string, string>()
  const nameOfDepartment = async (departmentId: string | null) => {
    if (!departmentId) return null
    const known = departmentNames.get(departmentId)
    if (known !== undefined) return known
    const { data } = await departments().doc(departmentId).get()
    if (data) departmentNames.set(departmentId, data.name)
    return data?.name ?? null
  }

  const binding = async (userId: string): Promise<StaffBinding | null> => {
    const { data } = await db.collection<BindingDoc>(C.staffBindings).doc(userId).get()
    if (!data) return null
    const name = data.name ?? (await db.collection<RosterDoc>(C.roster).doc(data.employeeNo).get()).data?.name
    return { employeeNo: data.employeeNo, name: name ?? '', status: data.status }
  }

  const insertUser = async (user: Omit<UserDoc, '_id' | 'largeText' | 'createdAt'>): Promise<UserRecord> => {
    const existing = await userByOpenid(user.openid)
    if (existing) return toUser(existing)
    // The unique openid index turns a concurrent first sight into one user.
    const doc: UserDoc = { _id: randomUUID(), ...user, largeText: false, createdAt: new Date().toISOString() }
    if (await addOnce(users(), doc)) return toUser(doc)
    const stored = await userByOpenid(user.openid)
    if (!stored) throw new Error('user vanished right after insert')
    return toUser(stored)
  }

  return {
    ensureUser: (openid) => insertUser({ openid, name: '', roles: ['patient'], departmentId: null }),

    upsertUser: (user) => insertUser(user),

    findUser,

    async findProfile(id, known) {
      const user = known ?? (await findUser(id))
      if (!user) return null
      const { openid: _openid, ...shown } = user
      const [departmentName, staff] = await Promise.all([nameOfDepartment(user.departmentId), binding(id)])
      return { ...shown, departmentName, staff }
    },

    async setDepartmentKind(id, kind) {
      await departments().doc(id).update({ data: { kind } })
      const { data } = await departments().doc(id).get()
      return data ? toDepartment(data) : null
    },

    async adminIds() {
      const docs = await readAll(db.collection<UserDoc>(C.users).where({ roles: 'admin' }))
      return docs.map((doc) => doc._id).sort()
    },

    async managerIds(departmentId) {
      const docs = await readAll(db.collection<UserDoc>(C.users).where({ departmentId, roles: 'manager' }))
      return docs.map((doc) => doc._id).sort()
    },

    async listDepartments() {
      const docs = await readAll(departments().orderBy('sort', 'asc').orderBy('name', 'asc'))
      return docs.map(toDepartment)
    },

    async findDepartment(id) {
      const { data } = await departments().doc(id).get()
      return data ? toDepartment(data) : null
    },

    async updatePrefs(userId, prefs, at) {
      const data: Partial<UserDoc> = {}
      if (prefs.largeText !== undefined) data.largeText = prefs.largeText
      if (prefs.sensitiveText)
        Object.assign(data, { sensitiveText: prefs.sensitiveText, sensitiveTextAt: at.toISOString() })
      if (Object.keys(data).length === 0) return
      await users().doc(userId).update({ data })
    },

    async findRosterEntry(employeeNo) {
      const { data } = await db.collection<RosterDoc>(C.roster).doc(employeeNo).get()
      return data ? toRoster(data) : null
    },

    findStaffBinding: binding,

    async requestStaffBinding(userId, employeeNo, at) {
      const [{ data: claim }, { data: roster }] = await Promise.all([
        db.collection<EmployeeClaimDoc>(C.employeeClaims).doc(employeeNo).get(),
        db.collection<RosterDoc>(C.roster).doc(employeeNo).get(),
      ])
      if (claim && claim.userId !== userId) return false
      const requested = {
        employeeNo,
        status: 'pending' as const,
        requestedAt: at.toISOString(),
        decidedAt: null,
        decidedBy: null,
      }
      const bindings = db.collection<BindingDoc>(C.staffBindings)
      // A first request adds the binding; a later one makes it pending again, unless it was approved (one call, no transaction).
      if (await addOnce(bindings, { _id: userId, ...requested, ...(roster ? { name: roster.name } : {}) })) return true
      await bindings
        .where({ _id: userId, status: _.neq('approved') })
        .update({ data: { ...requested, name: roster ? roster.name : _.remove() } })
      return true
    },

    async listPendingStaff() {
      const pending = await readAll(
        db.collection<BindingDoc>(C.staffBindings).where({ status: 'pending' }).orderBy('requestedAt', 'asc'),
      )
      // The roster entries, then their departments, in one read each however many wait.
      const rosters = await byIds<RosterDoc>(
        db,
        C.roster,
        pending.map((b) => b.employeeNo),
      )
      const departmentOf = (b: BindingDoc) => rosters.get(b.employeeNo)?.departmentId ?? null
      const named = await byIds<DepartmentDoc>(db, C.departments, pending.map(departmentOf))
      return pending.map((b) => ({
        userId: b._id,
        employeeNo: b.employeeNo,
        name: rosters.get(b.employeeNo)?.name ?? '',
        departmentName: named.get(departmentOf(b) ?? '')?.name ?? '',
        requestedAt: b.requestedAt,
      }))
    },

    async decideStaffBinding(userId, approve, decidedBy, at) {
      try {
        return await db.runTransaction(async (tx): Promise<StaffBinding | null> => {
          const ref = tx.collection<BindingDoc>(C.staffBindings).doc(userId)
          const { data: pending } = await ref.get()
          if (pending?.status !== 'pending') return null
          const status = approve ? 'approved' : 'rejected'
          const { data: roster } = await tx.collection<RosterDoc>(C.roster).doc(pending.employeeNo).get()
          const decided: Patch = { status, decidedAt: at.toISOString(), decidedBy }
          await ref.update({ data: roster ? { ...decided, name: roster.name } : decided })
          if (approve) {
            const claims = tx.collection<EmployeeClaimDoc>(C.employeeClaims)
            if (!(await addOnce(claims, { _id: pending.employeeNo, userId }))) throw new EmployeeTaken()
            if (roster) {
              await grantRole(tx, userId, 'staff', () => ({ name: roster.name, departmentId: roster.departmentId }))
            }
          }
          return { employeeNo: pending.employeeNo, name: roster?.name ?? '', status }
        })
      } catch (error) {
        // Another account was approved for this employee number first; the transaction rolled back.
        if (error instanceof EmployeeTaken) return 'taken'
        throw error
      }
    },

    async setRole(userId, role, grant, departmentId) {
      const user = await db.runTransaction(async (tx) => {
        if (grant) {
          return grantRole(tx, userId, role, (u) => ({ departmentId: departmentId ?? u.departmentId }))
        }
        const ref = tx.collection<UserDoc>(C.users).doc(userId)
        const { data } = await ref.get()
        if (!data) return null
        const roles = data.roles.filter((r) => r !== role)
        await ref.update({ data: { roles } })
        return { ...data, roles }
      })
      return user ? toUser(user) : null
    },

    async importRoster(entries, newDepartments) {
      const { ids, created: departmentsCreated } = await ensureDepartments(newDepartments)
      const current = await byIds<RosterDoc>(
        db,
        C.roster,
        entries.map((e) => e.employeeNo),
      )
      const counts = { created: 0, updated: 0, unchanged: 0 }
      const changed = new Map<string, Pick<UserDoc, 'name' | 'departmentId'>>()
      // A thousand one-by-one round trips would outlast the function's timeout; each entry is its own document.
      for (let i = 0; i < entries.length; i += ROSTER_WRITE_BATCH) {
        const batch = entries.slice(i, i + ROSTER_WRITE_BATCH).map(async (entry) => {
          const departmentId = ids.get(entry.departmentName)
          if (!departmentId) throw new Error(`no department named ${entry.departmentName}`)
          const outcome = await writeRosterEntry(entry, departmentId, current.get(entry.employeeNo))
          if (outcome === 'updated') changed.set(entry.employeeNo, { name: entry.name, departmentId })
          return outcome
        })
        for (const outcome of await Promise.all(batch)) counts[outcome]++
      }
      await followRoster(changed)
      return { ...counts, departmentsCreated }
    },
  }
}

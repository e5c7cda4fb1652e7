import type { Department, PendingStaff, Role, SensitiveTextAnswer, StaffBinding } from '../../../contract'
import type { IdentityRepo, UserRecord } from '../../domain/identity/repo'
import { iso, isUniqueViolation, type Sql } from './sql'
import type { UserCache } from './user-cache'

interface UserRow {
  id: string
  openid: string
  name: string
  roles: Role[]
  departmentId: string | null
  largeText: boolean
  sensitiveText: SensitiveTextAnswer | null
}

const USER_COLUMNS = `id, openid, name, roles, department_id AS "departmentId", large_text AS "largeText",
  sensitive_text AS "sensitiveText"`

function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    openid: row.openid,
    name: row.name,
    roles: row.roles,
    departmentId: row.departmentId,
    prefs: { largeText: row.largeText, sensitiveText: row.sensitiveText },
  }
}

export function createIdentityRepo(sql: Sql, cache: UserCache): IdentityRepo {
  const userWhere = async (where: string, value: string) => {
    const [row] = await sql.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE ${where} = $1`, [value])
    return row ? toUser(row) : null
  }

  return {
    async ensureUser(openid) {
      const cached = cache.get(openid)
      if (cached) return cached
      const readStartedAt = cache.mark()
      const existing = await userWhere('openid', openid)
      if (existing) {
        cache.remember(existing, readStartedAt)
        return existing
      }
      await sql.query('INSERT INTO users (openid) VALUES ($1) ON CONFLICT (openid) DO NOTHING', [openid])
      const created = await userWhere('openid', openid)
      if (!created) throw new Error('user vanished right after insert')
      return created
    },

    async upsertUser(user) {
      await sql.query(
        `INSERT INTO users (openid, name, roles, department_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (openid) DO NOTHING`,
        [user.openid, user.name, user.roles, user.departmentId],
      )
      const stored = await userWhere('openid', user.openid)
      if (!stored) throw new Error('user vanished right after insert')
      return stored
    },

    findUser: (id) => userWhere('id', id),

    async findProfile(id) {
      const cached = cache.profile(id)
      if (cached) return cached
      const readStartedAt = cache.mark()
      const [row] = await sql.query<UserRow & { departmentName: string | null; staff: StaffBinding | null }>(
        `SELECT u.id, u.openid, u.name, u.roles, u.department_id AS "departmentId", u.large_text AS "largeText",
                u.sensitive_text AS "sensitiveText", d.name AS "departmentName",
                CASE WHEN b.user_id IS NULL THEN NULL
                     ELSE json_build_object('employeeNo', b.employee_no, 'name', r.name, 'status', b.status) END AS staff
         FROM users u
         LEFT JOIN departments d ON d.id = u.department_id
         LEFT JOIN staff_bindings b ON b.user_id = u.id
         LEFT JOIN staff_roster r ON r.employee_no = b.employee_no
         WHERE u.id = $1`,
        [id],
      )
      if (!row) return null
      const { openid, ...user } = toUser(row)
      const profile = { ...user, departmentName: row.departmentName, staff: row.staff }
      cache.rememberProfile(openid, profile, readStartedAt)
      return profile
    },

    async setDepartmentKind(id, kind) {
      const [row] = await sql.query<Department>(
        'UPDATE departments SET kind = $2 WHERE id = $1 RETURNING id, name, kind',
        [id, kind],
      )
      return row ?? null
    },

    async adminIds() {
      const rows = await sql.query<{ id: string }>(`SELECT id FROM users WHERE 'admin' = ANY(roles) ORDER BY id`)
      return rows.map((row) => row.id)
    },

    async managerIds(departmentId) {
      const rows = await sql.query<{ id: string }>(
        `SELECT id FROM users WHERE department_id = $1 AND 'manager' = ANY(roles) ORDER BY id`,
        [departmentId],
      )
      return rows.map((row) => row.id)
    },

    async listDepartments() {
      return sql.query<Department>('SELECT id, name, kind FROM departments ORDER BY sort, name')
    },

    async findDepartment(id) {
      const [row] = await sql.query<Department>('SELECT id, name, kind FROM departments WHERE id = $1', [id])
      return row ?? null
    },

    async updatePrefs(userId, prefs, at) {
      await sql.query(
        `UPDATE users SET large_text = COALESCE($2, large_text), sensitive_text = COALESCE($3, sensitive_text),
                sensitive_text_at = CASE WHEN $3::text IS NULL THEN sensitive_text_at ELSE $4 END
         WHERE id = $1`,
        [userId, prefs.largeText ?? null, prefs.sensitiveText ?? null, at],
      )
    },

    async findRosterEntry(employeeNo) {
      const [row] = await sql.query<{
        employeeNo: string
        name: string
        departmentId: string
        title: string
        partyMember: boolean
      }>(
        `SELECT employee_no AS "employeeNo", name, department_id AS "departmentId", title, party_member AS "partyMember"
         FROM staff_roster WHERE employee_no = $1`,
        [employeeNo],
      )
      return row ?? null
    },

    async findStaffBinding(userId) {
      const [row] = await sql.query<StaffBinding>(
        `SELECT b.employee_no AS "employeeNo", r.name, b.status
         FROM staff_bindings b JOIN staff_roster r USING (employee_no) WHERE b.user_id = $1`,
        [userId],
      )
      return row ?? null
    },

    async requestStaffBinding(userId, employeeNo, at) {
      const [takenByOther] = await sql.query(
        `SELECT 1 FROM staff_bindings WHERE employee_no = $1 AND status = 'approved' AND user_id <> $2`,
        [employeeNo, userId],
      )
      if (takenByOther) return false
      await sql.query(
        `INSERT INTO staff_bindings (user_id, employee_no, status, requested_at) VALUES ($1, $2, 'pending', $3)
         ON CONFLICT (user_id) DO UPDATE SET employee_no = $2, status = 'pending', requested_at = $3,
           decided_at = NULL, decided_by = NULL
         WHERE staff_bindings.status <> 'approved'`,
        [userId, employeeNo, at],
      )
      return true
    },

    async listPendingStaff() {
      const rows = await sql.query<Omit<PendingStaff, 'requestedAt'> & { requestedAt: Date }>(
        `SELECT b.user_id AS "userId", b.employee_no AS "employeeNo", r.name, d.name AS "departmentName",
                b.requested_at AS "requestedAt"
         FROM staff_bindings b JOIN staff_roster r USING (employee_no) JOIN departments d ON d.id = r.department_id
         WHERE b.status = 'pending' ORDER BY b.requested_at`,
      )
      return rows.map((row) => ({ ...row, requestedAt: iso(row.requestedAt) ?? '' }))
    },

    async decideStaffBinding(userId, approve, decidedBy, at) {
      try {
        return await sql.transaction(async (tx) => {
          const [binding] = await tx.query<{ employeeNo: string }>(
            `UPDATE staff_bindings SET status = $2, decided_at = $3, decided_by = $4
             WHERE user_id = $1 AND status = 'pending' RETURNING employee_no AS "employeeNo"`,
            [userId, approve ? 'approved' : 'rejected', at, decidedBy],
          )
          if (!binding) return null
          if (approve) {
            await tx.query(
              `UPDATE users u SET name = r.name, department_id = r.department_id,
                 roles = CASE WHEN 'staff' = ANY(u.roles) THEN u.roles ELSE array_append(u.roles, 'staff') END
               FROM staff_roster r WHERE u.id = $1 AND r.employee_no = $2`,
              [userId, binding.employeeNo],
            )
          }
          const [decided] = await tx.query<StaffBinding>(
            `SELECT b.employee_no AS "employeeNo", r.name, b.status
             FROM staff_bindings b JOIN staff_roster r USING (employee_no) WHERE b.user_id = $1`,
            [userId],
          )
          return decided
        })
      } catch (error) {
        // Another account was approved for this employee number first.
        if (isUniqueViolation(error)) return 'taken'
        throw error
      }
    },

    async setRole(userId, role, grant, departmentId) {
      const [row] = grant
        ? await sql.query<UserRow>(
            `UPDATE users SET roles = CASE WHEN $2 = ANY(roles) THEN roles ELSE array_append(roles, $2) END,
               department_id = COALESCE($3, department_id)
             WHERE id = $1 RETURNING ${USER_COLUMNS}`,
            [userId, role, departmentId],
          )
        : await sql.query<UserRow>(
            `UPDATE users SET roles = array_remove(roles, $2) WHERE id = $1 RETURNING ${USER_COLUMNS}`,
            [userId, role],
          )
      return row ? toUser(row) : null
    },

    async importRoster(entries, newDepartments) {
      return sql.transaction(async (tx) => {
        const departments = await tx.query<{ name: string }>(
          `INSERT INTO departments (name, kind, sort)
           SELECT d.name, d.kind, (SELECT COALESCE(max(sort), 0) FROM departments) + d.n
           FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS d(name, kind, n)
           ON CONFLICT (name) DO NOTHING RETURNING name`,
          [newDepartments.map((d) => d.name), newDepartments.map((d) => d.kind)],
        )
        // xmax is 0 only on a freshly inserted row; an unchanged row is filtered out by the WHERE.
        const written = await tx.query<{ created: boolean }>(
          `INSERT INTO staff_roster (employee_no, name, department_id, title, party_member)
           SELECT e.no, e.name, d.id, e.title, e.party
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[]) AS e(no, name, dept, title, party)
           JOIN departments d ON d.name = e.dept
           ON CONFLICT (employee_no) DO UPDATE SET name = excluded.name, department_id = excluded.department_id,
             title = excluded.title, party_member = excluded.party_member
           WHERE (staff_roster.name, staff_roster.department_id, staff_roster.title, staff_roster.party_member)
             IS DISTINCT FROM (excluded.name, excluded.department_id, excluded.title, excluded.party_member)
           RETURNING xmax = 0 AS created`,
          [
            entries.map((e) => e.employeeNo),
            entries.map((e) => e.name),
            entries.map((e) => e.departmentName),
            entries.map((e) => e.title),
            entries.map((e) => e.partyMember),
          ],
        )
        await tx.query(
          `UPDATE users u SET name = r.name,
             department_id = CASE WHEN 'manager' = ANY(u.roles) THEN u.department_id ELSE r.department_id END
           FROM staff_bindings b JOIN staff_roster r ON r.employee_no = b.employee_no
           WHERE b.user_id = u.id AND b.status = 'approved' AND r.employee_no = ANY($1)
             AND (u.name <> r.name OR (NOT 'manager' = ANY(u.roles) AND u.department_id IS DISTINCT FROM r.department_id))`,
          [entries.map((e) => e.employeeNo)],
        )
        const created = written.filter((row) => row.created).length
        return {
          created,
          updated: written.length - created,
          unchanged: entries.length - written.length,
          departmentsCreated: departments.map((d) => d.name),
        }
      })
    },
  }
}

import type { Role } from '../../../contract'
import type { Sql } from '../../storage/pglite/sql'
import { buildRoster, DEMO_USERS, DEPARTMENTS, ROSTER_SIZE } from './hospital'

const DEMO_ROLES: Record<keyof typeof DEMO_USERS, Role[]> = {
  patient: ['patient'],
  volunteer: ['patient', 'volunteer'],
  staff: ['patient', 'staff'],
  manager: ['patient', 'staff', 'manager'],
  admin: ['patient', 'staff', 'admin'],
}

export async function seedIdentity(sql: Sql, now: Date): Promise<void> {
  await sql.query(
    'INSERT INTO departments (name, kind, sort) SELECT * FROM unnest($1::text[], $2::text[], $3::int[])',
    [DEPARTMENTS.map((d) => d.name), DEPARTMENTS.map((d) => d.kind), DEPARTMENTS.map((_, i) => i)],
  )
  const roster = buildRoster(ROSTER_SIZE)
  await sql.query(
    `INSERT INTO staff_roster (employee_no, name, department_id, title, party_member)
     SELECT r.no, r.name, d.id, r.title, r.party
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[]) AS r(no, name, dept, title, party)
     JOIN departments d ON d.name = r.dept`,
    [
      roster.map((r) => r.employeeNo),
      roster.map((r) => r.name),
      roster.map((r) => r.departmentName),
      roster.map((r) => r.title),
      roster.map((r) => r.partyMember),
    ],
  )
  for (const [role, demo] of Object.entries(DEMO_USERS) as [
    keyof typeof DEMO_USERS,
    (typeof DEMO_USERS)[keyof typeof DEMO_USERS],
  ][]) {
    const [user] = await sql.query<{ id: string }>(
      `INSERT INTO users (openid, name, roles, department_id)
       VALUES ($1, COALESCE($2, (SELECT name FROM staff_roster WHERE employee_no = $3)), $4,
               (SELECT department_id FROM staff_roster WHERE employee_no = $3))
       RETURNING id`,
      [demo.openid, demo.name, demo.employeeNo, DEMO_ROLES[role]],
    )
    if (demo.employeeNo) {
      await sql.query(
        `INSERT INTO staff_bindings (user_id, employee_no, status, requested_at, decided_at) VALUES ($1, $2, 'approved', $3, $3)`,
        [user.id, demo.employeeNo, now],
      )
    }
  }
}

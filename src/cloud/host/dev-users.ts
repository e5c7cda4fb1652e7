import type { Role } from '../../contract'
import type { IdentityRepo, UserRecord } from '../domain/identity/repo'
import { DEMO_USERS } from './seed/hospital'

/** The department a dev user of a department-bound role lands in when the test names none. */
export const DEFAULT_DEV_DEPARTMENT = '心内科'

/**
 * The dev sign-in's users: the seeded demo user of a role, or a user of one's own making,
 * the same one for the same id, holding the role it was asked for.
 */
export async function devUser(
  identity: IdentityRepo,
  role: Role,
  id: string | undefined,
  departmentId: string | null,
): Promise<UserRecord | null> {
  if (id === undefined) return identity.ensureUser(DEMO_USERS[role].openid)
  const user = await identity.upsertUser({
    openid: `dev-${id}`,
    name: `测试用户${id}`,
    roles: role === 'patient' ? ['patient'] : ['patient', role],
    departmentId,
  })
  if (user.roles.includes(role)) return user
  return identity.setRole(user.id, role, true, departmentId)
}

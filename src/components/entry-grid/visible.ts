import type { Role } from '../../contract'
import type { Entry } from './index'

export interface RoleEntry extends Entry {
  /** Shown only to these roles; everyone when absent. */
  roles?: Role[]
  /** Hidden from these roles, e.g. 报名志愿者 from people who already are volunteers. */
  exceptRoles?: Role[]
}

export function visibleEntries(entries: RoleEntry[], roles: Role[]): RoleEntry[] {
  const has = (wanted: Role[] | undefined) => wanted?.some((role) => roles.includes(role)) ?? false
  return entries.filter((entry) => (!entry.roles || has(entry.roles)) && !has(entry.exceptRoles))
}

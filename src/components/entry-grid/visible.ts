import type { Role } from '../../contract'
import type { Entry } from './index'

export interface RoleEntry extends Entry {
  /** Shown only to these roles; everyone when absent. */
  roles?: Role[]
}

export function visibleEntries(entries: RoleEntry[], roles: Role[]): RoleEntry[] {
  return entries.filter((entry) => !entry.roles || entry.roles.some((role) => roles.includes(role)))
}

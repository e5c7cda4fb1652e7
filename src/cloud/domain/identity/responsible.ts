import type { SystemCtx } from '../../core/context'

/** Who answers for a department: its managers, or the administrators while it has none. */
export async function responsibleFor(ctx: SystemCtx, departmentId: string): Promise<string[]> {
  const managers = await ctx.repos.identity.managerIds(departmentId)
  return managers.length > 0 ? managers : ctx.repos.identity.adminIds()
}

/** `responsibleFor`, asked once per department: a sweep meets the same departments again and again. */
export function responsibleLookup(ctx: SystemCtx): (departmentId: string) => Promise<string[]> {
  const known = new Map<string, Promise<string[]>>()
  return (departmentId) => {
    const found = known.get(departmentId) ?? responsibleFor(ctx, departmentId)
    known.set(departmentId, found)
    return found
  }
}

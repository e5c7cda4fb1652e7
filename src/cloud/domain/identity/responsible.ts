import type { SystemCtx } from '../../core/context'

/** Who answers for a department: its managers, or the administrators while it has none. */
export async function responsibleFor(ctx: SystemCtx, departmentId: string): Promise<string[]> {
  const managers = await ctx.repos.identity.managerIds(departmentId)
  return managers.length > 0 ? managers : ctx.repos.identity.adminIds()
}

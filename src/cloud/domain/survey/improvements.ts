import type { z } from 'zod'
import type { Improvement, publishImprovementInput } from '../../../contract'
import { notFound } from '../../core/app-error'
import type { Ctx } from '../../core/context'
import { audit } from '../../core/effects'
import { chinaDay } from '../../../contract/month'
import { assertDepartmentAccess } from './boards'

/** 你说·我们做: a department's managers, or an admin, tell patients what changed because of what they said. */
export async function publishImprovement(
  ctx: Ctx,
  input: z.output<typeof publishImprovementInput>,
): Promise<Improvement> {
  assertDepartmentAccess(ctx, input.departmentId)
  const department = await ctx.repos.identity.findDepartment(input.departmentId)
  if (!department) throw notFound('科室不存在')
  const improvement = await ctx.repos.survey.addImprovement({
    departmentId: input.departmentId,
    departmentName: department.name,
    said: input.said,
    did: input.did,
    authorId: ctx.caller.userId,
    publishedOn: chinaDay(ctx.now),
    at: ctx.now,
  })
  await audit(ctx, `department:${input.departmentId}`, { improvement: improvement.id })
  return improvement
}

import type { z } from 'zod'
import {
  AUDIT_PAGE_MAX,
  type approveStaffInput,
  type AuditView,
  type auditLogInput,
  type bindStaffInput,
  type ImportRosterResult,
  type Department,
  type importRosterInput,
  type setDepartmentKindInput,
  type MyData,
  type Prefs,
  type setPrefsInput,
  type setRoleInput,
  type UserView,
} from '../../../contract'
import { AppError, conflict, invalid, notFound } from '../../core/app-error'
import type { Caller, Ctx } from '../../core/context'
import { audit } from '../../core/effects'
import { departmentKindOf, readRoster } from './roster-import'

/** The caller's user record as this call read it, with the preferences it has written since. */
const recordOf = (
  { userId, openid, name, roles, departmentId, largeText, sensitiveText }: Caller,
  prefs: Partial<Prefs> = {},
) => ({
  id: userId,
  openid,
  name,
  roles,
  departmentId,
  prefs: { largeText: prefs.largeText ?? largeText, sensitiveText: prefs.sensitiveText ?? sensitiveText },
})

async function profileOf(ctx: Ctx, prefs?: Partial<Prefs>): Promise<UserView> {
  const profile = await ctx.repos.identity.findProfile(ctx.caller.userId, recordOf(ctx.caller, prefs))
  if (!profile) throw new AppError('UNAUTHENTICATED')
  return profile
}

export const me = (ctx: Ctx) => profileOf(ctx)

/** The reply is the profile as written: the preferences given over the caller's record, not a read of it again. */
export async function setPrefs(ctx: Ctx, input: z.output<typeof setPrefsInput>): Promise<UserView> {
  await ctx.repos.identity.updatePrefs(ctx.caller.userId, input, ctx.now)
  return profileOf(ctx, input)
}

export async function departments(ctx: Ctx) {
  return ctx.repos.identity.listDepartments()
}

export async function bindStaff(ctx: Ctx, input: z.output<typeof bindStaffInput>): Promise<UserView> {
  if (ctx.caller.roles.includes('staff')) throw conflict('您已是认证职工')
  const entry = await ctx.repos.identity.findRosterEntry(input.employeeNo.toUpperCase())
  if (!entry || entry.name !== input.name) {
    throw invalid('工号与姓名不匹配，请核对后重试', [{ path: 'employeeNo', message: '工号与姓名不匹配' }])
  }
  const requested = await ctx.repos.identity.requestStaffBinding(ctx.caller.userId, entry.employeeNo, ctx.now)
  if (!requested) throw conflict('该工号已被其他微信账号认证，如有疑问请联系管理员')
  return me(ctx)
}

export async function pendingStaff(ctx: Ctx) {
  return ctx.repos.identity.listPendingStaff()
}

export async function approveStaff(ctx: Ctx, input: z.output<typeof approveStaffInput>) {
  const decided = await ctx.repos.identity.decideStaffBinding(input.userId, input.approve, ctx.caller.userId, ctx.now)
  if (!decided) throw notFound('没有待审核的职工认证')
  if (decided === 'taken') throw conflict('该工号已被其他微信账号认证')
  await audit(ctx, `user:${input.userId}`, { approve: input.approve, employeeNo: decided.employeeNo })
  return { userId: input.userId, status: decided.status }
}

export async function setRole(ctx: Ctx, input: z.output<typeof setRoleInput>) {
  if (input.departmentId && !(await ctx.repos.identity.findDepartment(input.departmentId))) {
    throw invalid('科室不存在', [{ path: 'departmentId', message: '科室不存在' }])
  }
  if (input.userId === ctx.caller.userId && input.role === 'admin' && !input.grant) {
    throw conflict('不能取消自己的管理员身份')
  }
  const user = await ctx.repos.identity.setRole(input.userId, input.role, input.grant, input.departmentId ?? null)
  if (!user) throw notFound('用户不存在')
  await audit(ctx, `user:${input.userId}`, { role: input.role, grant: input.grant, departmentId: input.departmentId })
  return { userId: user.id, roles: user.roles }
}

export async function auditLog(ctx: Ctx, input: z.output<typeof auditLogInput>): Promise<AuditView[]> {
  const { from, to, target, limit } = input ?? {}
  return ctx.repos.platform.listAudit(limit ?? AUDIT_PAGE_MAX, {
    from: from ? new Date(from) : undefined,
    to: to ? new Date(to) : undefined,
    target,
  })
}

export async function exportMyData(ctx: Ctx): Promise<MyData> {
  return ctx.repos.personalData.exportUser(ctx.caller.userId)
}

export async function deleteMe(ctx: Ctx): Promise<{ deleted: true }> {
  await ctx.repos.personalData.eraseUser(ctx.caller.userId, ctx.now)
  await audit(ctx, `user:${ctx.caller.userId}`)
  return { deleted: true }
}

export async function importRoster(ctx: Ctx, input: z.output<typeof importRosterInput>): Promise<ImportRosterResult> {
  const { entries, errors } = readRoster(input.text)
  const named = [...new Set(entries.map((e) => e.departmentName))]
  const counts =
    entries.length > 0
      ? await ctx.repos.identity.importRoster(
          entries,
          named.map((name) => ({ name, kind: departmentKindOf(name) })),
        )
      : { created: 0, updated: 0, unchanged: 0, departmentsCreated: [] }
  await audit(ctx, 'identity:roster', { ...counts, errors: errors.length })
  return { ...counts, errors }
}

/** Corrects a kind the roster import guessed: it decides whether the public board lists the department. */
export async function setDepartmentKind(ctx: Ctx, input: z.output<typeof setDepartmentKindInput>): Promise<Department> {
  const department = await ctx.repos.identity.setDepartmentKind(input.departmentId, input.kind)
  if (!department) throw notFound('没有这个科室')
  await audit(ctx, `department:${department.id}`, { kind: input.kind })
  return department
}

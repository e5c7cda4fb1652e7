import type { z } from 'zod'
import {
  CME_RECORD_ISSUER,
  DEFAULT_CME_REQUIREMENT,
  type CmeCertificate,
  type CmeProgress,
  type CmeRequirement,
  type cmeRequirementInput,
  type cmeYearInput,
  type CsvExport,
} from '../../../contract'
import { chinaDay } from '../../../contract/month'
import { forbidden } from '../../core/app-error'
import type { Ctx } from '../../core/context'
import { toCsv } from '../../core/csv'
import { audit } from '../../core/effects'
import type { CmeRow } from './repo'
import { creditEarned, sumCredits, type TimeRange } from './rules'

/**
 * 继续医学教育 Ⅱ类学分: earned under the study-hours attendance rule, counted against the admin's
 * yearly requirement (default 25 a year, of which Ⅱ类 15–20).
 */

export function yearRange(year: number): TimeRange {
  return { from: new Date(`${year}-01-01T00:00:00+08:00`), to: new Date(`${year + 1}-01-01T00:00:00+08:00`) }
}

export async function requirementOf(ctx: Ctx, year: number): Promise<CmeRequirement> {
  return (await ctx.repos.study.cmeRequirement(year)) ?? { year, ...DEFAULT_CME_REQUIREMENT }
}

/** Ⅱ类 credits still needed to reach the minimum; 0 once met. */
export const stillNeeded = (earned: number, requirement: CmeRequirement) =>
  Math.max(0, sumCredits([requirement.class2Min, -earned]))

const earnedOf = (row: CmeRow) =>
  creditEarned(
    { startAt: row.startAt, endAt: row.endAt, credit: row.cmeCredits, requireCheckOut: row.requireCheckOut },
    row,
  )

/** `null`: the whole hospital (admins); otherwise the manager's own department. */
function departmentScope(ctx: Ctx): string | null {
  if (ctx.caller.roles.includes('admin')) return null
  if (!ctx.caller.departmentId) throw forbidden('您的账号未关联科室，请联系管理员')
  return ctx.caller.departmentId
}

export async function setCmeRequirement(
  ctx: Ctx,
  input: z.output<typeof cmeRequirementInput>,
): Promise<CmeRequirement> {
  await ctx.repos.study.setCmeRequirement(input, ctx.caller.userId, ctx.now)
  await audit(ctx, `cme:${input.year}`, { ...input })
  return input
}

/** Each department's staff, how many reached the Ⅱ类 minimum, and their average credits. */
export async function cmeProgress(ctx: Ctx, input: z.output<typeof cmeYearInput>): Promise<CmeProgress> {
  const scope = departmentScope(ctx)
  const requirement = await requirementOf(ctx, input.year)
  const rows = await ctx.repos.study.cmeRows(yearRange(input.year), scope)
  const earned = new Map<string, number[]>()
  for (const row of rows) earned.set(row.userId, [...(earned.get(row.userId) ?? []), earnedOf(row)])
  const groups = new Map<string, CmeProgress['departments'][number]>()
  const totals = new Map<string, number>()
  for (const person of await ctx.repos.study.staffPlaces(scope)) {
    const key = person.departmentId ?? ''
    const group = groups.get(key) ?? {
      departmentId: person.departmentId,
      departmentName: person.departmentName,
      staff: 0,
      met: 0,
      averageCredits: 0,
    }
    const credits = sumCredits(earned.get(person.userId) ?? [])
    group.staff += 1
    if (stillNeeded(credits, requirement) === 0) group.met += 1
    totals.set(key, sumCredits([totals.get(key) ?? 0, credits]))
    groups.set(key, group)
  }
  const departments = [...groups.entries()].map(([key, group]) => ({
    ...group,
    averageCredits: Math.round(((totals.get(key) ?? 0) / group.staff) * 10) / 10,
  }))
  return { requirement, departments }
}

/** One row per person per session, for upload to the provincial CME system. */
export async function exportCme(ctx: Ctx, input: z.output<typeof cmeYearInput>): Promise<CsvExport> {
  const scope = departmentScope(ctx)
  const rows = await ctx.repos.study.cmeRows(yearRange(input.year), scope)
  const csv = toCsv(
    ['工号', '姓名', '科室', '活动名称', '日期', '学分类别', '授予学分'],
    rows.map((row) => [
      row.employeeNo ?? '',
      row.name,
      row.departmentName,
      row.title,
      chinaDay(new Date(row.startAt)),
      'Ⅱ类',
      String(earnedOf(row)),
    ]),
  )
  await audit(ctx, `cme:${input.year}`, { exported: rows.length })
  return { filename: `继续医学教育学分-${input.year}.csv`, csv }
}

/** The caller's own record for the year: each session whose Ⅱ类 credit they earned, and the total. */
export async function cmeCertificate(ctx: Ctx, input: z.output<typeof cmeYearInput>): Promise<CmeCertificate> {
  const { userId, departmentId } = ctx.caller
  const rows = await ctx.repos.study.recordRows(userId, yearRange(input.year), ctx.now)
  const sessions = rows
    .map((row) => ({
      sessionId: row.sessionId,
      title: row.title,
      date: chinaDay(new Date(row.startAt)),
      cmeCredits: creditEarned(
        { startAt: row.startAt, endAt: row.endAt, credit: row.cmeCredits, requireCheckOut: row.requireCheckOut },
        row.stay,
      ),
    }))
    .filter((session) => session.cmeCredits > 0)
    .reverse()
  const total = sumCredits(sessions.map((s) => s.cmeCredits))
  const requirement = await requirementOf(ctx, input.year)
  const [binding, department] = await Promise.all([
    ctx.repos.identity.findStaffBinding(userId),
    departmentId ? ctx.repos.identity.findDepartment(departmentId) : null,
  ])
  return {
    year: input.year,
    name: ctx.caller.name,
    employeeNo: binding?.status === 'approved' ? binding.employeeNo : null,
    departmentName: department?.name ?? '未分配科室',
    sessions,
    total,
    requirement,
    stillNeeded: stillNeeded(total, requirement),
    issuer: CME_RECORD_ISSUER,
    issuedOn: chinaDay(ctx.now),
  }
}

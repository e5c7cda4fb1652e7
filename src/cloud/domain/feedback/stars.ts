import type { z } from 'zod'
import {
  STAR_FORMULA,
  STAR_WEIGHTS,
  type DepartmentStars,
  type PublishedStars,
  type StarComputation,
  type StarScore,
  type publishStarsInput,
  type starMonthInput,
} from '../../../contract'
import { invalid } from '../../core/app-error'
import type { Ctx } from '../../core/context'
import { audit } from '../../core/effects'
import type { StaffTally } from './repo'
import { staffLabel, toPublished } from './view'

// Service stars

export function scoreOf(tally: Pick<StaffTally, 'praise' | 'surveyMentions' | 'upheldComplaints'>): number {
  return (
    STAR_WEIGHTS.praise * tally.praise +
    STAR_WEIGHTS.surveyMention * tally.surveyMentions +
    STAR_WEIGHTS.upheldComplaint * tally.upheldComplaints
  )
}

function toScore(tally: StaffTally): StarScore {
  return {
    employeeNo: tally.employeeNo,
    name: tally.name,
    staffLabel: staffLabel(tally.name, tally.title),
    praise: tally.praise,
    surveyMentions: tally.surveyMentions,
    upheldComplaints: tally.upheldComplaints,
    score: scoreOf(tally),
  }
}

export async function computeStars(ctx: Ctx, input: z.output<typeof starMonthInput>): Promise<StarComputation> {
  const departments = new Map<string, DepartmentStars>()
  for (const tally of await ctx.repos.feedback.tallyMonth(input.month)) {
    const department = departments.get(tally.departmentId) ?? {
      departmentId: tally.departmentId,
      departmentName: tally.departmentName,
      staff: [],
    }
    department.staff.push(toScore(tally))
    departments.set(tally.departmentId, department)
  }
  for (const department of departments.values()) {
    department.staff.sort((a, b) => b.score - a.score || a.employeeNo.localeCompare(b.employeeNo))
  }
  return {
    month: input.month,
    formula: STAR_FORMULA,
    departments: [...departments.values()],
    published: toPublished(await ctx.repos.feedback.publishedStars(input.month)),
  }
}

export async function publishStars(ctx: Ctx, input: z.output<typeof publishStarsInput>): Promise<PublishedStars> {
  const tallies = new Map((await ctx.repos.feedback.tallyMonth(input.month)).map((t) => [t.employeeNo, t]))
  const picks = input.picks.map((pick, index) => {
    const tally = tallies.get(pick.employeeNo)
    if (!tally || tally.departmentId !== pick.departmentId) {
      const message = '该职工本月在该科室没有得分记录'
      throw invalid(message, [{ path: `picks.${index}.employeeNo`, message }])
    }
    return { employeeNo: tally.employeeNo, departmentId: tally.departmentId, score: scoreOf(tally) }
  })
  if (new Set(picks.map((p) => p.employeeNo)).size !== picks.length) {
    throw invalid('同一位职工只能选一次', [{ path: 'picks', message: '同一位职工只能选一次' }])
  }
  await ctx.repos.feedback.publishStars(input.month, picks, ctx.caller.userId, ctx.now)
  await audit(ctx, `stars:${input.month}`, { picks: picks.map((p) => p.employeeNo) })
  const published = toPublished(await ctx.repos.feedback.publishedStars(input.month))
  if (!published) throw new Error('published stars vanished right after insert')
  return published
}

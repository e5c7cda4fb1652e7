import type { z } from 'zod'
import {
  MIN_SAMPLE,
  OVERALL_ITEM,
  SATISFACTION_TARGET,
  SCALE_LABELS,
  VISIT_TYPES,
  VISIT_TYPE_LABELS,
  type Board,
  type Dashboard,
  type DashboardSection,
  type boardInput,
  type monthRangeInput,
} from '../../../contract'
import { forbidden, invalid, notFound } from '../../core/app-error'
import type { Ctx } from '../../core/context'
import { toCsv } from '../../core/csv'
import { audit } from '../../core/effects'
import { lastDayOf, monthOf, monthsEnding, shiftMonth } from '../../../contract/month'
import { addMonthCounts, enoughAnswers, itemFigures, NO_MONTH_COUNTS, rateFigure, recommendFigure } from './figures'
import type { SurveyRepo } from './repo'

const TREND_MONTHS = 12
const RECENT_COMMENTS = 20
const MAX_RANGE_MONTHS = 24
export const BOARD_IMPROVEMENTS = 20

/**
 * Boards built in this instance, per repository (one per database) and month, with the version of
 * their inputs they were built at.
 */
const builtBoards = new WeakMap<SurveyRepo, Map<string, { version: string; board: Board }>>()
const BUILT_BOARDS_KEPT = MAX_RANGE_MONTHS

/**
 * 满意度公示: every figure is by visit month, and only counts below the small-sample line. The same
 * for everyone, so while the adapter's board version stands the board built at it is served again.
 */
export async function board(ctx: Ctx, input: z.output<typeof boardInput>): Promise<Board> {
  const month = input?.month ?? monthOf(ctx.now)
  const repo = ctx.repos.survey
  const version = await repo.boardVersion()
  const boards = builtBoards.get(repo) ?? builtBoards.set(repo, new Map()).get(repo)!
  const built = boards.get(month)
  if (version !== null && built?.version === version) return built.board
  const fresh = await buildBoard(ctx, month)
  if (version !== null) {
    if (boards.size >= BUILT_BOARDS_KEPT) boards.clear()
    boards.set(month, { version, board: fresh })
  }
  return fresh
}

async function buildBoard(ctx: Ctx, month: string): Promise<Board> {
  const previousMonth = shiftMonth(month, -1)
  const months = monthsEnding(month, TREND_MONTHS)
  const [counts, departments, improvements] = await Promise.all([
    ctx.repos.survey.itemCountsAll(OVERALL_ITEM, months[0], month),
    ctx.repos.identity.listDepartments(),
    ctx.repos.survey.listImprovements(BOARD_IMPROVEMENTS),
  ])
  const pick = (m: string, departmentId?: string) =>
    counts.filter((c) => c.month === m && (departmentId === undefined || c.departmentId === departmentId))
  return {
    month,
    previousMonth,
    target: SATISFACTION_TARGET,
    minSample: MIN_SAMPLE,
    hospital: { current: rateFigure(pick(month)), previous: rateFigure(pick(previousMonth)) },
    departments: departments
      .filter((d) => d.kind !== 'admin')
      .map((d) => ({
        departmentId: d.id,
        departmentName: d.name,
        current: rateFigure(pick(month, d.id)),
        previous: rateFigure(pick(previousMonth, d.id)),
      })),
    trend: months.map((m) => ({ month: m, ...rateFigure(pick(m)) })),
    improvements,
  }
}

/** A manager acts on their own department only; an admin on every department. */
export function assertDepartmentAccess(ctx: Ctx, departmentId: string) {
  if (ctx.caller.roles.includes('admin')) return
  if (ctx.caller.roles.includes('manager') && ctx.caller.departmentId === departmentId) return
  throw forbidden('只能查看本科室的数据')
}

async function departmentForRange(ctx: Ctx, input: z.output<typeof monthRangeInput>) {
  assertDepartmentAccess(ctx, input.departmentId)
  if (shiftMonth(input.from, MAX_RANGE_MONTHS - 1) < input.to) {
    throw invalid(`查询范围不超过${MAX_RANGE_MONTHS}个月`, [{ path: 'to', message: '范围过大' }])
  }
  const department = await ctx.repos.identity.findDepartment(input.departmentId)
  if (!department) throw notFound('科室不存在')
  return department
}

export async function dashboard(ctx: Ctx, input: z.output<typeof monthRangeInput>): Promise<Dashboard> {
  const department = await departmentForRange(ctx, input)
  const repo = ctx.repos.survey
  const { departmentId, from, to } = input
  const [counts, labels, months, visits, comments] = await Promise.all([
    repo.itemCounts(departmentId, from, to),
    repo.itemLabels(),
    repo.monthCounts(departmentId, from, to),
    repo.visitCount(departmentId, `${from}-01`, lastDayOf(to)),
    repo.recentComments(departmentId, from, to, RECENT_COMMENTS),
  ])
  const sections = VISIT_TYPES.map((visitType): DashboardSection => {
    const own = counts.filter((c) => c.visitType === visitType)
    return {
      visitType,
      responses: months[visitType].responses,
      satisfaction: rateFigure(own.filter((c) => c.itemId === OVERALL_ITEM)),
      items: itemFigures(own, labels[visitType]),
      recommend: recommendFigure(months[visitType]),
    }
  })
  const total = VISIT_TYPES.map((t) => months[t]).reduce(addMonthCounts, NO_MONTH_COUNTS)
  return {
    departmentId,
    departmentName: department.name,
    from,
    to,
    responses: total.responses,
    visits,
    responseRate: visits > 0 ? total.responses / visits : null,
    sections,
    weakest: sections
      .flatMap((s) => s.items)
      .filter((i) => i.itemId !== OVERALL_ITEM && i.rate !== null)
      .sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0))
      .slice(0, 3),
    recommend: recommendFigure(total),
    comments,
  }
}

const percent = (rate: number | null) => (rate === null ? '' : `${(rate * 100).toFixed(1)}%`)

/** Per month, visit type and item; a row with too few answers keeps its counts of answers and 不适用 only. */
export async function exportCsv(ctx: Ctx, input: z.output<typeof monthRangeInput>) {
  const department = await departmentForRange(ctx, input)
  const [counts, labels] = await Promise.all([
    ctx.repos.survey.itemCounts(input.departmentId, input.from, input.to),
    ctx.repos.survey.itemLabels(),
  ])
  const rows = [...new Set(counts.map((c) => c.month))].sort().flatMap((month) =>
    VISIT_TYPES.flatMap((visitType) => {
      const own = counts.filter((c) => c.month === month && c.visitType === visitType)
      return itemFigures(own, labels[visitType]).map((figure) => {
        const scores = own.find((c) => c.itemId === figure.itemId)?.scores ?? [0, 0, 0, 0, 0]
        const distribution = enoughAnswers(figure.answered) ? [...scores].reverse() : scores.map(() => '')
        return [
          month,
          department.name,
          VISIT_TYPE_LABELS[visitType],
          figure.label,
          ...distribution,
          figure.notApplicable,
          figure.answered,
          figure.average ?? '',
          enoughAnswers(figure.answered) ? percent(figure.rate) : `样本不足${MIN_SAMPLE}`,
        ]
      })
    }),
  )
  const scaleHeader = [5, 4, 3, 2, 1].map((s) => SCALE_LABELS[s as 1 | 2 | 3 | 4 | 5])
  await audit(ctx, `department:${input.departmentId}`, { from: input.from, to: input.to })
  return {
    filename: `满意度_${department.name}_${input.from}_${input.to}.csv`,
    csv: toCsv(['月份', '科室', '类型', '项目', ...scaleHeader, '不适用', '有效回答', '平均分', '满意率'], rows),
  }
}

import type { z } from 'zod'
import {
  EXCELLENT_RULE,
  EXCELLENT_RULE_TEXT,
  type ExcellentList,
  type ExcellentShortlist,
  type ExcellentVolunteer,
  type excellentInput,
  type publishExcellentInput,
  type RankingRow,
  type yearInput,
} from '../../../contract'
import { chinaYear } from '../../../contract/month'
import { conflict, invalid } from '../../core/app-error'
import type { Ctx } from '../../core/context'
import { audit } from '../../core/effects'
import { yearRange } from './records'

/** Everyone who served that year is a row; the rule keeps only those far above the bar. */
const RANKING_ROWS = 100_000

type YearRow = Pick<RankingRow, 'userId' | 'name' | 'team' | 'minutes' | 'served' | 'averageRating'>

/** The rule shown next to the list: the bar on hours, services and rating, then the order. */
export function shortlist(rows: YearRow[]): ExcellentVolunteer[] {
  const { minHours, minServices, minRating, size } = EXCELLENT_RULE
  return rows
    .filter(
      (row) =>
        row.minutes >= minHours * 60 &&
        row.served >= minServices &&
        (row.averageRating === null || row.averageRating >= minRating),
    )
    .sort(
      (a, b) =>
        b.minutes - a.minutes ||
        b.served - a.served ||
        (b.averageRating ?? 0) - (a.averageRating ?? 0) ||
        a.userId.localeCompare(b.userId),
    )
    .slice(0, size)
    .map(({ userId, name, team, minutes, served, averageRating }) => ({
      userId,
      name,
      team,
      minutes,
      services: served,
      averageRating: averageRating === null ? null : Math.round(averageRating * 100) / 100,
    }))
}

function requirePastOrCurrent(ctx: Ctx, year: number) {
  if (year > chinaYear(ctx.now)) throw invalid('不能评选将来的年份', [{ path: 'year', message: '年份不能晚于今年' }])
}

async function candidatesOf(ctx: Ctx, year: number): Promise<ExcellentVolunteer[]> {
  await ctx.repos.volunteer.closeOverdueShifts(ctx.now, null)
  return shortlist(await ctx.repos.volunteer.ranking(yearRange(year), RANKING_ROWS))
}

export async function excellentShortlist(ctx: Ctx, input: z.output<typeof yearInput>): Promise<ExcellentShortlist> {
  requirePastOrCurrent(ctx, input.year)
  const [candidates, published] = await Promise.all([
    candidatesOf(ctx, input.year),
    ctx.repos.volunteer.findExcellent(input.year),
  ])
  return {
    year: input.year,
    rule: EXCELLENT_RULE_TEXT,
    candidates,
    published: published && { publishedAt: published.publishedAt, volunteers: published.volunteers },
  }
}

/**
 * The administrator publishes the year's list from the shortlist, once: publishing the same list
 * again answers with it, a different one is CONFLICT.
 */
export async function publishExcellent(
  ctx: Ctx,
  input: z.output<typeof publishExcellentInput>,
): Promise<ExcellentList> {
  requirePastOrCurrent(ctx, input.year)
  const candidates = await candidatesOf(ctx, input.year)
  const outside = input.userIds.filter((id) => !candidates.some((c) => c.userId === id))
  if (outside.length > 0) {
    throw invalid('名单中有不符合评选条件的志愿者', [{ path: 'userIds', message: '只能从入围名单中选择' }])
  }
  const volunteers = candidates.filter((c) => input.userIds.includes(c.userId))
  const { publication, created } = await ctx.repos.volunteer.publishExcellent(
    input.year,
    { publishedAt: ctx.now.toISOString(), volunteers },
    ctx.caller.userId,
  )
  const sameList =
    publication.volunteers.length === volunteers.length &&
    publication.volunteers.every((v) => input.userIds.includes(v.userId))
  if (!created && !sameList) throw conflict(`${input.year} 年的优秀志愿者名单已发布，不能更改`)
  if (created) await audit(ctx, `excellent:${input.year}`, { userIds: volunteers.map((v) => v.userId) })
  return { year: input.year, rule: EXCELLENT_RULE_TEXT, published: publication }
}

/** Everyone: a year's published list, or the latest one, for the volunteer hall. */
export async function excellent(ctx: Ctx, input: z.output<typeof excellentInput>): Promise<ExcellentList> {
  const found = await ctx.repos.volunteer.findExcellent(input.year ?? null)
  return {
    year: found?.year ?? input.year ?? chinaYear(ctx.now),
    rule: EXCELLENT_RULE_TEXT,
    published: found && { publishedAt: found.publishedAt, volunteers: found.volunteers },
  }
}

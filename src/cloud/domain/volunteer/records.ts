import type { z } from 'zod'
import {
  RECORD_PAGE_SIZE,
  type addRecordSectionInput,
  type adjustHoursInput,
  type CsvExport,
  type myRecordInput,
  type RankingRow,
  type RecordSection,
  type ServiceEntry,
  type ServiceRecord,
  type StarLevel,
  type VolunteerRecord,
  type yearInput,
} from '../../../contract'
import { CHINA_OFFSET_MS, chinaYear } from '../../../contract/month'
import { notFound } from '../../core/app-error'
import type { Ctx } from '../../core/context'
import { toCsv } from '../../core/csv'
import { audit } from '../../core/effects'
import type { ServiceRow, TimeRange } from './repo'
import { closeOwnOverdueShift, congratulateMilestones } from './milestones'
import { starLevel } from './stars'

const RANKING_LIMIT = 100
const EXPORT_LIMIT = 100_000

export function yearRange(year: number): TimeRange {
  return {
    from: new Date(Date.UTC(year, 0, 1) - CHINA_OFFSET_MS),
    to: new Date(Date.UTC(year + 1, 0, 1) - CHINA_OFFSET_MS),
  }
}

const roundRating = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100)

export async function recordOf(ctx: Ctx, userId: string): Promise<ServiceRecord> {
  const year = chinaYear(ctx.now)
  const totals = await ctx.repos.volunteer.totals(userId, yearRange(year))
  return {
    year,
    minutesThisYear: totals.minutesInRange,
    minutesAllTime: totals.minutesAllTime,
    servedThisYear: totals.servedInRange,
    servedAllTime: totals.servedAllTime,
    averageRating: roundRating(totals.averageRating),
    ratingCount: totals.ratingCount,
    star: starLevel(totals.minutesAllTime),
  }
}

export const starOf = async (ctx: Ctx, userId: string): Promise<StarLevel> =>
  starLevel(await ctx.repos.volunteer.minutesAllTime(userId))

/** A service in the words of the national record: what was done, where, and who confirmed it. */
export function toServiceEntry(row: ServiceRow): ServiceEntry {
  const wording: Record<ServiceRow['kind'], { content: string; confirmedBy: string }> = {
    request: {
      content: `${row.content ?? ''}${row.destination ? `，陪同至${row.destination}` : ''}`,
      confirmedBy: '患者确认完成',
    },
    shift: {
      content: '院内导诊值班',
      confirmedBy: row.autoClosed ? '系统记录（满12小时自动结束）' : '系统记录（上岗、下岗打卡）',
    },
    adjustment: { content: row.content ?? '', confirmedBy: `管理员${row.recordedBy ? ` ${row.recordedBy}` : ''}补录` },
    external: { content: row.content ?? '', confirmedBy: `${row.recordedBy || '服务队'} 审核通过` },
  }
  return {
    kind: row.kind,
    at: row.at,
    place: row.place || '—',
    ...wording[row.kind],
    minutes: row.minutes,
    countsHours: row.kind !== 'request',
    rating: row.rating,
  }
}

export async function adjustHours(ctx: Ctx, input: z.output<typeof adjustHoursInput>): Promise<ServiceRecord> {
  if (!(await ctx.repos.volunteer.volunteerExists(input.userId))) throw notFound('没有这位志愿者')
  await ctx.repos.volunteer.addAdjustment(input.userId, input.minutes, input.reason, ctx.caller.userId, ctx.now)
  await audit(ctx, `user:${input.userId}`, { minutes: input.minutes, reason: input.reason })
  await congratulateMilestones(ctx, input.userId)
  return recordOf(ctx, input.userId)
}

export async function addRecordSection(
  ctx: Ctx,
  input: z.output<typeof addRecordSectionInput>,
): Promise<RecordSection> {
  if (!(await ctx.repos.volunteer.volunteerExists(input.userId))) throw notFound('没有这位志愿者')
  const { userId, ...entry } = input
  await ctx.repos.volunteer.addRecordSection(userId, entry, ctx.caller.userId, ctx.now)
  await audit(ctx, `user:${userId}`, { section: entry.section, title: entry.title })
  return { title: entry.title, date: entry.date, detail: entry.detail }
}

export async function myRecord(ctx: Ctx, input: z.output<typeof myRecordInput>): Promise<VolunteerRecord> {
  const repo = ctx.repos.volunteer
  await closeOwnOverdueShift(ctx, ctx.caller.userId)
  const page = { limit: RECORD_PAGE_SIZE, offset: (input.page - 1) * RECORD_PAGE_SIZE }
  const [record, services, sections] = await Promise.all([
    recordOf(ctx, ctx.caller.userId),
    repo.listServices(ctx.caller.userId, page),
    repo.listRecordSections(ctx.caller.userId),
  ])
  const section = (kind: 'training' | 'award') =>
    sections.filter((s) => s.section === kind).map(({ title, date, detail }) => ({ title, date, detail }))
  return {
    ...record,
    services: services.rows.map(toServiceEntry),
    page: input.page,
    pageSize: RECORD_PAGE_SIZE,
    serviceCount: services.total,
    training: section('training'),
    awards: section('award'),
  }
}

async function rankingRows(ctx: Ctx, year: number, limit: number): Promise<RankingRow[]> {
  await ctx.repos.volunteer.closeOverdueShifts(ctx.now, null)
  const rows = await ctx.repos.volunteer.ranking(yearRange(year), limit)
  return rows.map(({ minutesAllTime, ...row }, i) => ({
    ...row,
    rank: i + 1,
    averageRating: roundRating(row.averageRating),
    star: starLevel(minutesAllTime),
  }))
}

export async function ranking(ctx: Ctx, input: z.output<typeof yearInput>): Promise<RankingRow[]> {
  return rankingRows(ctx, input.year, RANKING_LIMIT)
}

export async function exportRanking(ctx: Ctx, input: z.output<typeof yearInput>): Promise<CsvExport> {
  const rows = await rankingRows(ctx, input.year, EXPORT_LIMIT)
  await audit(ctx, `ranking:${input.year}`, { rows: rows.length })
  return {
    filename: `志愿服务排行-${input.year}.csv`,
    csv: toCsv(
      ['名次', '姓名', '服务队', '服务时长（小时）', '服务次数', '平均评分'],
      rows.map((row) => [
        row.rank,
        row.name,
        row.team,
        (row.minutes / 60).toFixed(1),
        row.served,
        row.averageRating === null ? null : row.averageRating.toFixed(2),
      ]),
    ),
  }
}

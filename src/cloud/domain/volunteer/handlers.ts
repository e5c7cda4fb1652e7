import type { z } from 'zod'
import {
  CARE_NEEDS,
  ESCALATE_WAITING_MINUTES,
  FLAG_CLAIMED_MINUTES,
  type adjustHoursInput,
  type CsvExport,
  type DeskRequest,
  type DeskView,
  type decideInput,
  type HallView,
  type helpRequestInput,
  type MyHelpRequest,
  type OpenHelpRequest,
  type RankingRow,
  type rateInput,
  type registerInput,
  type rejectInput,
  type requestIdInput,
  type ServiceRecord,
  type VolunteerRosterEntry,
  type ShiftView,
  type startShiftInput,
  type VolunteerProfile,
  type yearInput,
} from '../../../contract'
import { conflict, forbidden, invalid, notFound } from '../../core/app-error'
import type { Ctx, SystemCtx } from '../../core/context'
import { toCsv } from '../../core/csv'
import { audit, limitRate, notify, remind } from '../../core/effects'
import { maskPhone } from '../../core/phone'
import type { HelpRecord, TimeRange } from './repo'
import { CHINA_OFFSET_MS, chinaYear, MINUTE_MS } from '../../../contract/month'

const OPEN_LIST_LIMIT = 50
const RANKING_LIMIT = 100
const EXPORT_LIMIT = 100_000
const AUTO_CLOSED_DAYS = 7
const REQUESTS_PER_HOUR = 10

function yearRange(year: number): TimeRange {
  return {
    from: new Date(Date.UTC(year, 0, 1) - CHINA_OFFSET_MS),
    to: new Date(Date.UTC(year + 1, 0, 1) - CHINA_OFFSET_MS),
  }
}

function minutesSince(iso: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / MINUTE_MS))
}

const minutesAgo = (now: Date, minutes: number) => new Date(now.getTime() - minutes * MINUTE_MS)

const roundRating = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100)

function toMyRequest(record: HelpRecord, now: Date): MyHelpRequest {
  const waiting = record.status === 'waiting'
  return {
    id: record.id,
    need: record.need,
    from: record.from,
    toDepartment: record.toDepartment,
    note: record.note,
    people: record.people,
    status: record.status,
    createdAt: record.createdAt,
    queuePosition: waiting ? record.ahead + 1 : null,
    waitingMinutes: waiting ? minutesSince(record.createdAt, now) : 0,
    volunteer: record.volunteer,
    rating: record.rating,
  }
}

function toOpen(record: HelpRecord, now: Date): OpenHelpRequest {
  const waitingMinutes = record.status === 'waiting' ? minutesSince(record.createdAt, now) : 0
  return {
    id: record.id,
    need: record.need,
    from: record.from,
    toDepartment: record.toDepartment,
    note: record.note,
    people: record.people,
    status: record.status,
    patientName: record.patientName || '患者',
    careNeeded: CARE_NEEDS.includes(record.need),
    waitingMinutes,
    escalated: record.status === 'waiting' && waitingMinutes >= ESCALATE_WAITING_MINUTES,
    claimedAt: record.claimedAt,
  }
}

function toDesk(record: HelpRecord, now: Date): DeskRequest {
  return {
    ...toOpen(record, now),
    volunteerName: record.volunteer?.name ?? null,
    minutesSinceClaim: record.claimedAt ? minutesSince(record.claimedAt, now) : null,
  }
}

const withMaskedPhone = (profile: VolunteerProfile): VolunteerProfile => ({
  ...profile,
  phone: maskPhone(profile.phone),
})

async function requireRequest(ctx: Ctx, id: string): Promise<HelpRecord> {
  const record = await ctx.repos.volunteer.findRequest(id)
  if (!record) throw notFound('没有找到这条呼叫')
  return record
}

async function ownRequest(ctx: Ctx, id: string): Promise<HelpRecord> {
  const record = await requireRequest(ctx, id)
  if (record.patientId !== ctx.caller.userId) throw notFound('没有找到这条呼叫')
  return record
}

/** Applies the 12-hour rule to the caller's shift first, so a forgotten shift never counts as on duty. */
async function currentShift(ctx: Ctx): Promise<ShiftView | null> {
  await ctx.repos.volunteer.closeOverdueShifts(ctx.now, ctx.caller.userId)
  return ctx.repos.volunteer.findOpenShift(ctx.caller.userId)
}

async function requireShift(ctx: Ctx): Promise<ShiftView> {
  const shift = await currentShift(ctx)
  if (!shift) throw forbidden('请先上岗，再查看和接单')
  return shift
}

async function recordOf(ctx: Ctx, userId: string): Promise<ServiceRecord> {
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
  }
}

// Registration

export async function register(ctx: Ctx, input: z.output<typeof registerInput>): Promise<VolunteerProfile> {
  const registered = await ctx.repos.volunteer.register(ctx.caller.userId, input, ctx.now)
  if (!registered) throw conflict('您已是注册志愿者')
  const profile = await ctx.repos.volunteer.findProfile(ctx.caller.userId)
  if (!profile) throw new Error('registration vanished right after insert')
  return withMaskedPhone(profile)
}

export async function myProfile(ctx: Ctx): Promise<VolunteerProfile | null> {
  const profile = await ctx.repos.volunteer.findProfile(ctx.caller.userId)
  return profile ? withMaskedPhone(profile) : null
}

export async function pending(ctx: Ctx) {
  return ctx.repos.volunteer.listRegistrations('pending')
}

/** Approved volunteers by team and name, whether or not they have served yet this year. */
export async function roster(ctx: Ctx): Promise<VolunteerRosterEntry[]> {
  const approved = await ctx.repos.volunteer.listRegistrations('approved')
  return approved
    .map(({ userId, name, team }) => ({ userId, name, team }))
    .sort((a, b) => a.team.localeCompare(b.team, 'zh') || a.name.localeCompare(b.name, 'zh'))
}

export async function approve(ctx: Ctx, input: z.output<typeof decideInput>) {
  const status = await ctx.repos.volunteer.decide(input.userId, { approve: true }, ctx.caller.userId, ctx.now)
  if (!status) throw notFound('没有待审核的志愿者报名')
  await audit(ctx, `user:${input.userId}`, { approve: true })
  await notify(ctx, { userId: input.userId, template: 'volunteerRegistration', payload: { result: '已通过' } })
  return { userId: input.userId, status }
}

export async function reject(ctx: Ctx, input: z.output<typeof rejectInput>) {
  const decision = { approve: false as const, reason: input.reason }
  const status = await ctx.repos.volunteer.decide(input.userId, decision, ctx.caller.userId, ctx.now)
  if (!status) throw notFound('没有待审核的志愿者报名')
  await audit(ctx, `user:${input.userId}`, { approve: false, reason: input.reason })
  await notify(ctx, {
    userId: input.userId,
    template: 'volunteerRegistration',
    payload: { result: '未通过', reason: input.reason },
  })
  return { userId: input.userId, status }
}

// Shifts

export async function startShift(ctx: Ctx, input: z.output<typeof startShiftInput>): Promise<ShiftView> {
  await ctx.repos.volunteer.closeOverdueShifts(ctx.now, ctx.caller.userId)
  const shift = await ctx.repos.volunteer.startShift(ctx.caller.userId, input.station, ctx.now)
  if (!shift) throw conflict('您已在岗，如需换岗请先下岗')
  return shift
}

export async function endShift(ctx: Ctx) {
  const ended = await ctx.repos.volunteer.endShift(ctx.caller.userId, ctx.now)
  if (!ended) throw conflict('您当前不在岗')
  return ended
}

/** Run by the timer and the desk: closes shifts left open past the limit. */
export const closeOverdueShifts = (ctx: SystemCtx) => ctx.repos.volunteer.closeOverdueShifts(ctx.now, null)

export async function sweep(ctx: Ctx) {
  return { closedShifts: await closeOverdueShifts(ctx) }
}

/** Run by the timer: tells the service desk (administrators), once per request, that a patient is still waiting. */
export async function remindEscalated(ctx: SystemCtx): Promise<number> {
  const waiting = await ctx.repos.volunteer.listWaitingSince(minutesAgo(ctx.now, ESCALATE_WAITING_MINUTES))
  if (waiting.length === 0) return 0
  const desk = await ctx.repos.identity.adminIds()
  const reminders = waiting.flatMap((record) =>
    desk.map((userId) => ({
      userId,
      template: 'volunteerEscalated',
      payload: { need: record.need, from: record.from, to: record.toDepartment, minutes: ESCALATE_WAITING_MINUTES },
      once: `volunteer:${record.id}:escalated`,
    })),
  )
  return remind(ctx, reminders)
}

// Patients' requests

export async function request(ctx: Ctx, input: z.output<typeof helpRequestInput>): Promise<MyHelpRequest> {
  const department = await ctx.repos.identity.findDepartment(input.to)
  if (!department) throw invalid('请选择要去的科室', [{ path: 'to', message: '科室不存在' }])
  await limitRate(ctx, 'volunteer.request', REQUESTS_PER_HOUR, 3600)
  const id = await ctx.repos.volunteer.createRequest(
    ctx.caller.userId,
    { need: input.need, from: input.from, toDepartmentId: input.to, note: input.note || null, people: input.people },
    ctx.now,
  )
  if (!id) throw conflict('您已有一个进行中的呼叫，请等待志愿者或先取消')
  for (const volunteerId of await ctx.repos.volunteer.listOnShift(ctx.now)) {
    await notify(ctx, {
      userId: volunteerId,
      template: 'volunteerNewRequest',
      payload: { need: input.need, from: input.from, to: department.name },
    })
  }
  return toMyRequest(await requireRequest(ctx, id), ctx.now)
}

export async function cancel(ctx: Ctx, input: z.output<typeof requestIdInput>): Promise<MyHelpRequest> {
  const cancelled = await ctx.repos.volunteer.cancelRequest(input.requestId, ctx.caller.userId, ctx.now)
  const record = await ownRequest(ctx, input.requestId)
  if (!cancelled) throw conflict(record.status === 'completed' ? '服务已完成，不能取消' : '这条呼叫已取消')
  if (cancelled.volunteerId) {
    await notify(ctx, {
      userId: cancelled.volunteerId,
      template: 'volunteerRequestCancelled',
      payload: { need: record.need, from: record.from },
    })
  }
  return toMyRequest(record, ctx.now)
}

export async function myRequest(ctx: Ctx): Promise<MyHelpRequest | null> {
  const record = await ctx.repos.volunteer.latestRequestOf(ctx.caller.userId)
  return record ? toMyRequest(record, ctx.now) : null
}

export async function rate(ctx: Ctx, input: z.output<typeof rateInput>): Promise<MyHelpRequest> {
  const rated = await ctx.repos.volunteer.rate(
    input.requestId,
    ctx.caller.userId,
    input.stars,
    input.comment || null,
    ctx.now,
  )
  if (rated === 'duplicate') throw conflict('您已评价过本次服务')
  const record = await ownRequest(ctx, input.requestId)
  if (!rated) throw conflict('服务完成后才能评价')
  return toMyRequest(record, ctx.now)
}

// Volunteers on shift

export async function open(ctx: Ctx): Promise<HallView> {
  const shift = await currentShift(ctx)
  const [waiting, mine] = await Promise.all([
    shift ? ctx.repos.volunteer.listWaiting(OPEN_LIST_LIMIT) : [],
    ctx.repos.volunteer.listClaimedBy(ctx.caller.userId),
  ])
  return {
    shift,
    waiting: waiting.map((record) => toOpen(record, ctx.now)),
    mine: mine.map((record) => toOpen(record, ctx.now)),
  }
}

export async function claim(ctx: Ctx, input: z.output<typeof requestIdInput>): Promise<OpenHelpRequest> {
  await requireShift(ctx)
  const won = await ctx.repos.volunteer.claimRequest(input.requestId, ctx.caller.userId, ctx.now)
  const record = await requireRequest(ctx, input.requestId)
  if (!won) throw conflict(record.status === 'cancelled' ? '患者已取消呼叫' : '已被其他志愿者接单')
  await notify(ctx, {
    userId: record.patientId,
    template: 'volunteerClaimed',
    payload: { volunteer: record.volunteer?.name ?? '', team: record.volunteer?.team ?? '' },
  })
  return toOpen(record, ctx.now)
}

export async function release(ctx: Ctx, input: z.output<typeof requestIdInput>) {
  const released = await ctx.repos.volunteer.releaseRequest(input.requestId, ctx.caller.userId)
  if (!released) {
    await requireRequest(ctx, input.requestId)
    throw conflict('只能放回您已接单、尚未完成的呼叫')
  }
  return { requestId: input.requestId }
}

export async function complete(ctx: Ctx, input: z.output<typeof requestIdInput>) {
  const completed = await ctx.repos.volunteer.completeRequest(input.requestId, ctx.caller.userId, ctx.now)
  const record = await requireRequest(ctx, input.requestId)
  if (!completed) throw conflict('只能完成您已接单的呼叫')
  await notify(ctx, {
    userId: record.patientId,
    template: 'volunteerCompleted',
    payload: { volunteer: record.volunteer?.name ?? '', need: record.need },
  })
  return { requestId: input.requestId }
}

// The service desk

export async function desk(ctx: Ctx): Promise<DeskView> {
  const repo = ctx.repos.volunteer
  await closeOverdueShifts(ctx)
  const [onShift, escalated, overdue, autoClosed] = await Promise.all([
    repo.listOnShift(ctx.now),
    repo.listWaitingSince(minutesAgo(ctx.now, ESCALATE_WAITING_MINUTES)),
    repo.listClaimedSince(minutesAgo(ctx.now, FLAG_CLAIMED_MINUTES)),
    repo.listAutoClosedShifts(minutesAgo(ctx.now, AUTO_CLOSED_DAYS * 24 * 60)),
  ])
  return {
    onShift: onShift.length,
    escalated: escalated.map((record) => toDesk(record, ctx.now)),
    overdue: overdue.map((record) => toDesk(record, ctx.now)),
    autoClosed,
  }
}

// Hours and ranking

export async function adjustHours(ctx: Ctx, input: z.output<typeof adjustHoursInput>): Promise<ServiceRecord> {
  if (!(await ctx.repos.volunteer.volunteerExists(input.userId))) throw notFound('没有这位志愿者')
  await ctx.repos.volunteer.addAdjustment(input.userId, input.minutes, input.reason, ctx.caller.userId, ctx.now)
  await audit(ctx, `user:${input.userId}`, { minutes: input.minutes, reason: input.reason })
  return recordOf(ctx, input.userId)
}

export async function myRecord(ctx: Ctx): Promise<ServiceRecord> {
  await ctx.repos.volunteer.closeOverdueShifts(ctx.now, ctx.caller.userId)
  return recordOf(ctx, ctx.caller.userId)
}

async function rankingRows(ctx: Ctx, year: number, limit: number): Promise<RankingRow[]> {
  await closeOverdueShifts(ctx)
  const rows = await ctx.repos.volunteer.ranking(yearRange(year), limit)
  return rows.map((row, i) => ({ ...row, rank: i + 1, averageRating: roundRating(row.averageRating) }))
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

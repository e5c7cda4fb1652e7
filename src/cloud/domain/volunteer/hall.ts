import type { z } from 'zod'
import {
  ESCALATE_WAITING_MINUTES,
  FLAG_CLAIMED_MINUTES,
  type assignInput,
  type DeskRequest,
  type DeskView,
  type HallView,
  type HelpVolunteer,
  type OpenHelpRequest,
  type requestIdInput,
  type ShiftView,
  type startShiftInput,
} from '../../../contract'
import { MINUTE_MS } from '../../../contract/month'
import { conflict, forbidden } from '../../core/app-error'
import type { Ctx, SystemCtx } from '../../core/context'
import { audit, notify, remind } from '../../core/effects'
import { byLoad, dispatchOrder, maskName, servingOrder } from './dispatch'
import { starOf } from './records'
import type { OpenShift } from './repo'
import { starLevel } from './stars'
import { closeOwnOverdueShift, congratulateMilestones, isOverdue } from './milestones'
import { requireRequest, WAITING_SCAN_LIMIT, waitingInOrder } from './requests'
import { toDesk, toOpen } from './views'

const OPEN_LIST_LIMIT = 50
const AUTO_CLOSED_DAYS = 7

const minutesAgo = (now: Date, minutes: number) => new Date(now.getTime() - minutes * MINUTE_MS)

/**
 * The volunteer's open shift under the 12-hour rule, so a forgotten shift never counts as on duty:
 * one read, and the shift is closed (and booked) only when it has run past its hours.
 */
async function currentShift(ctx: Ctx, volunteerId = ctx.caller.userId): Promise<OpenShift | null> {
  const shift = await ctx.repos.volunteer.findOpenShift(volunteerId)
  if (!shift || !isOverdue(shift, ctx.now)) return shift
  await closeOwnOverdueShift(ctx, volunteerId)
  return null
}

async function requireShift(ctx: Ctx): Promise<OpenShift> {
  const shift = await currentShift(ctx)
  if (!shift) throw forbidden('请先上岗，再查看和接单')
  return shift
}

// Shifts

/**
 * Only a shift still open stops a start; when that one has run past its 12 hours it is closed (and
 * booked) and the start tried again, so the common start pays no look for a forgotten shift first.
 */
export async function startShift(ctx: Ctx, input: z.output<typeof startShiftInput>): Promise<ShiftView> {
  const start = () => ctx.repos.volunteer.startShift(ctx.caller.userId, input.station, ctx.now)
  const shift = (await start()) ?? ((await closeOwnOverdueShift(ctx, ctx.caller.userId)) ? await start() : null)
  if (!shift) throw conflict('您已在岗，如需换岗请先下岗')
  return shift
}

export async function endShift(ctx: Ctx) {
  const ended = await ctx.repos.volunteer.endShift(ctx.caller.userId, ctx.now)
  if (!ended) throw conflict('您当前不在岗')
  await congratulateMilestones(ctx, ctx.caller.userId)
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

// Volunteers on shift

const withoutMinutes = ({ minutesAllTime: _minutes, ...shift }: OpenShift): ShiftView => shift

export async function open(ctx: Ctx): Promise<HallView> {
  const onShift = await currentShift(ctx)
  // On shift the star level comes with the shift, when storage keeps the minutes beside it.
  const kept = onShift?.minutesAllTime ?? null
  const [hall, star] = await Promise.all([
    ctx.repos.volunteer.listHall(ctx.caller.userId, onShift ? WAITING_SCAN_LIMIT : 0),
    kept === null ? starOf(ctx, ctx.caller.userId) : starLevel(kept),
  ])
  return {
    shift: onShift && withoutMinutes(onShift),
    waiting: dispatchOrder(hall.waiting, ctx.now)
      .slice(0, OPEN_LIST_LIMIT)
      .map((record) => toOpen(record, ctx.now)),
    mine: servingOrder(hall.mine).map((record) => toOpen(record, ctx.now)),
    star,
  }
}

/** A volunteer is named by their approved registration, or by their account when an admin granted the role. */
async function volunteerNamed(ctx: Ctx, userId: string): Promise<HelpVolunteer> {
  const profile = await ctx.repos.volunteer.findProfile(userId)
  if (profile?.status === 'approved') return { name: profile.name, team: profile.team }
  const account = userId === ctx.caller.userId ? ctx.caller : await ctx.repos.identity.findUser(userId)
  return { name: account?.name ?? '', team: null }
}

export async function claim(ctx: Ctx, input: z.output<typeof requestIdInput>): Promise<OpenHelpRequest> {
  const [, named] = await Promise.all([requireShift(ctx), volunteerNamed(ctx, ctx.caller.userId)])
  const won = await ctx.repos.volunteer.claimRequest(input.requestId, ctx.caller.userId, ctx.now, null, named)
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
  const [volunteersOnShift, waiting, overdue, autoClosed] = await Promise.all([
    repo.listOnShiftVolunteers(ctx.now),
    waitingInOrder(ctx),
    repo.listClaimedSince(minutesAgo(ctx.now, FLAG_CLAIMED_MINUTES)),
    repo.listAutoClosedShifts(minutesAgo(ctx.now, AUTO_CLOSED_DAYS * 24 * 60)),
  ])
  const waitingViews = waiting.map((record) => toDesk(record, ctx.now))
  return {
    onShift: volunteersOnShift.length,
    volunteersOnShift: byLoad(volunteersOnShift),
    waiting: waitingViews,
    escalated: waitingViews.filter((request) => request.escalated),
    overdue: overdue.map((record) => toDesk(record, ctx.now)),
    autoClosed,
  }
}

/** The desk hands a waiting request to a volunteer on shift: the same conditional update as a claim decides. */
export async function assign(ctx: Ctx, input: z.output<typeof assignInput>): Promise<DeskRequest> {
  if (!(await currentShift(ctx, input.volunteerId))) throw conflict('这位志愿者当前不在岗，请选择在岗志愿者')
  const named = await volunteerNamed(ctx, input.volunteerId)
  const won = await ctx.repos.volunteer.claimRequest(
    input.requestId,
    input.volunteerId,
    ctx.now,
    ctx.caller.userId,
    named,
  )
  const record = await requireRequest(ctx, input.requestId)
  if (!won) throw conflict(record.status === 'cancelled' ? '患者已取消呼叫' : '这条呼叫已被接单')
  await audit(ctx, `request:${record.id}`, { volunteerId: input.volunteerId })
  await notify(ctx, {
    userId: input.volunteerId,
    template: 'volunteerAssigned',
    payload: { need: record.need, from: record.from, to: record.toDepartment, patient: maskName(record.patientName) },
  })
  await notify(ctx, {
    userId: record.patientId,
    template: 'volunteerClaimed',
    payload: { volunteer: record.volunteer?.name ?? '', team: record.volunteer?.team ?? '' },
  })
  return toDesk(record, ctx.now)
}

import type { z } from 'zod'
import {
  LATE_AFTER_MINUTES,
  type checkInInput,
  type CheckInResult,
  type CheckOutResult,
  type QrCodeView,
  type SessionView,
  type sessionIdInput,
} from '../../../contract'
import { MINUTE_MS } from '../../../contract/month'
import { AppError, conflict, invalid } from '../../core/app-error'
import type { Ctx } from '../../core/context'
import { limitRate } from '../../core/effects'
import { assignShortCodes, issuePayload, readPayload, shortCodeCandidates, slotEnd, slotOf } from './check-in-code'
import { callerAsPerson, chinaClock, organizedSession, requireSession } from './handlers'
import { provePresence } from './presence'
import { checkInWindow, checkOutWindow } from './rules'

/** Slots looked back at to tell an expired 6-digit code from a wrong one. */
const EXPIRED_CODE_SLOTS = 8
/** A 6-digit code can be guessed; a person gets this many tries a minute. */
const SHORT_CODE_TRIES_PER_MINUTE = 10

const minutesFrom = (at: Date, minutes: number) => new Date(at.getTime() + minutes * MINUTE_MS)
export const isLate = (ctx: Ctx, session: SessionView) =>
  ctx.now > minutesFrom(new Date(session.startAt), LATE_AFTER_MINUTES)

/** Check-in happens only in its window, for a session that still takes place. */
export function requireWindowOpen(ctx: Ctx, session: SessionView): void {
  if (session.status === 'cancelled') throw conflict('本次学习已取消')
  const window = checkInWindow(new Date(session.startAt))
  const span = `签到时间为 ${chinaClock(window.from)}–${chinaClock(window.to)}`
  if (ctx.now < window.from) throw conflict(`签到尚未开始，${span}`)
  if (ctx.now > window.to) throw conflict(`签到已结束，${span}`)
}

export async function qrCode(ctx: Ctx, input: z.output<typeof sessionIdInput>): Promise<QrCodeView> {
  const session = await organizedSession(ctx, input.sessionId)
  requireWindowOpen(ctx, session)
  const slot = slotOf(ctx.now)
  const candidates = await ctx.repos.study.sessionIdsStartingBetween(shortCodeCandidates(slot))
  const codes = assignShortCodes(ctx.secrets.checkIn, candidates, slot)
  const shortCode = [...codes].find(([, sessionId]) => sessionId === session.id)?.[0]
  if (!shortCode) throw new Error('an open session has no short code')
  return {
    sessionId: session.id,
    payload: issuePayload(ctx.secrets.checkIn, session.id, slot),
    shortCode,
    expiresAt: slotEnd(slot).toISOString(),
    serverNow: ctx.now.toISOString(),
  }
}

const expiredCode = () => new AppError('EXPIRED', '签到码已过期，请扫描屏幕上最新的二维码')

/** The session a short code belongs to in the current or the previous slot. */
async function sessionOfShortCode(ctx: Ctx, shortCode: string): Promise<string> {
  await limitRate(ctx, 'study-short-code', SHORT_CODE_TRIES_PER_MINUTE, 60)
  const current = slotOf(ctx.now)
  for (let slot = current; slot >= current - EXPIRED_CODE_SLOTS; slot--) {
    const candidates = await ctx.repos.study.sessionIdsStartingBetween(shortCodeCandidates(slot))
    const sessionId = assignShortCodes(ctx.secrets.checkIn, candidates, slot).get(shortCode)
    if (sessionId && slot >= current - 1) return sessionId
    if (sessionId) throw expiredCode()
  }
  throw invalid('签到码不正确，请核对屏幕上的6位数字', [{ path: 'shortCode', message: '签到码不正确' }])
}

async function sessionOfPayload(ctx: Ctx, payload: string): Promise<string> {
  const read = readPayload(ctx.secrets.checkIn, payload)
  const current = slotOf(ctx.now)
  if (!read || read.slot > current) {
    throw invalid('这不是有效的签到二维码', [{ path: 'payload', message: '二维码无效' }])
  }
  if (read.slot < current - 1) throw expiredCode()
  return read.sessionId
}

/** The proof this check-in brings; one already checked in keeps their first check-in, whatever this one proves. */
async function presenceOrEarlierCheckIn(ctx: Ctx, session: SessionView, input: z.output<typeof checkInInput>) {
  try {
    return provePresence(session, input)
  } catch (refusal) {
    const earlier = await ctx.repos.study.findAttendance(session.id, ctx.caller.userId)
    if (earlier) return earlier.presence
    throw refusal
  }
}

export async function checkIn(ctx: Ctx, input: z.output<typeof checkInInput>): Promise<CheckInResult> {
  const sessionId =
    'payload' in input ? await sessionOfPayload(ctx, input.payload) : await sessionOfShortCode(ctx, input.shortCode)
  const session = await requireSession(ctx, sessionId)
  requireWindowOpen(ctx, session)
  const presence = await presenceOrEarlierCheckIn(ctx, session, input)
  const late = isLate(ctx, session)
  const { attendance, repeated } = await ctx.repos.study.checkIn(
    sessionId,
    ctx.caller.userId,
    ctx.now,
    late,
    presence,
    {
      session,
      person: callerAsPerson(ctx),
    },
  )
  return { sessionId, title: session.title, repeated, ...attendance }
}

/** 签退 only where the session asks for it, from its start to 30 minutes after its end. */
export async function checkOut(ctx: Ctx, input: z.output<typeof sessionIdInput>): Promise<CheckOutResult> {
  const session = await requireSession(ctx, input.sessionId)
  if (!session.requireCheckOut) throw conflict('本次学习无需签退')
  const window = checkOutWindow(new Date(session.startAt), new Date(session.endAt))
  const span = `签退时间为 ${chinaClock(window.from)}–${chinaClock(window.to)}`
  if (ctx.now < window.from) throw conflict(`签退尚未开始，${span}`)
  if (ctx.now > window.to) throw conflict(`签退已截止，${span}；如确有签退，请联系组织者更正`)
  const attendance = await ctx.repos.study.checkOut(input.sessionId, ctx.caller.userId, ctx.now)
  if (!attendance) throw conflict('您尚未签到，不能签退')
  return { sessionId: input.sessionId, ...attendance }
}

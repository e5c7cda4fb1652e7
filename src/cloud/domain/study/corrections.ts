import type { z } from 'zod'
import type { confirmPresenceInput, correctCheckOutInput, MyAttendance } from '../../../contract'
import { conflict, forbidden, invalid, notFound } from '../../core/app-error'
import type { Ctx } from '../../core/context'
import { audit } from '../../core/effects'
import { isLate } from './check-in'
import { organizedSession } from './handlers'
import type { SessionRecord } from './repo'
import { checkInWindow, checkOutWindow, creditEarned } from './rules'

/**
 * What the organizer sets right on the live attendance view, each audited: a person present whom
 * the platform could not place (no location, permission denied, H5), and the 签退 time of one
 * who left without it (未签退), so their credit follows.
 */

const STAFF_ROLES = ['staff', 'manager', 'admin']

async function requireStaffMember(ctx: Ctx, userId: string): Promise<void> {
  const user = await ctx.repos.identity.findUser(userId)
  if (!user || !user.roles.some((role) => STAFF_ROLES.includes(role))) throw notFound('没有找到这位职工')
}

function requireLiveSession(ctx: Ctx, session: SessionRecord): void {
  if (session.status === 'cancelled') throw conflict('本次学习已取消')
  if (ctx.now < checkInWindow(new Date(session.startAt)).from) throw conflict('签到尚未开始，暂不能确认到场')
  if (ctx.now > new Date(session.endAt)) throw conflict('学习已结束，不能再确认到场')
}

export async function confirmPresence(
  ctx: Ctx,
  input: z.output<typeof confirmPresenceInput>,
): Promise<MyAttendance & { userId: string }> {
  const session = await organizedSession(ctx, input.sessionId)
  if (input.userId === ctx.caller.userId) throw forbidden('不能为自己确认到场，请扫码签到')
  requireLiveSession(ctx, session)
  await requireStaffMember(ctx, input.userId)
  const { attendance, repeated } = await ctx.repos.study.checkIn(
    session.id,
    input.userId,
    ctx.now,
    isLate(ctx, session),
    'confirmed',
    { session },
  )
  if (repeated) throw conflict('此人已签到，无需确认')
  await audit(ctx, `study:${session.id}`, { presenceConfirmedFor: input.userId, late: attendance.late })
  return { userId: input.userId, ...attendance }
}

export async function correctCheckOut(
  ctx: Ctx,
  input: z.output<typeof correctCheckOutInput>,
): Promise<MyAttendance & { userId: string; creditHours: number; cmeCredits: number }> {
  const session = await organizedSession(ctx, input.sessionId)
  if (!session.requireCheckOut) throw conflict('本次学习无需签退')
  const window = checkOutWindow(new Date(session.startAt), new Date(session.endAt))
  const at = input.checkedOutAt
  const outside = at < window.from || at > window.to
  if (outside || at > ctx.now) {
    const message = at > ctx.now ? '签退时间不能晚于现在' : '签退时间应在学习开始至结束后30分钟之间'
    throw invalid(message, [{ path: 'checkedOutAt', message }])
  }
  const outcome = await ctx.repos.study.correctCheckOut(session.id, input.userId, at)
  if (outcome === 'missing') throw notFound('此人未签到，不能补记签退')
  if (outcome === 'recorded') throw conflict('已有签退记录，不能更改')
  if (outcome === 'early') {
    throw invalid('签退时间不能早于签到时间', [{ path: 'checkedOutAt', message: '签退时间不能早于签到时间' }])
  }
  await audit(ctx, `study:${session.id}`, { checkOutCorrectedFor: input.userId, checkedOutAt: at.toISOString() })
  const attendance = await ctx.repos.study.findAttendance(session.id, input.userId)
  if (!attendance) throw new Error('a corrected check-out vanished')
  const terms = { startAt: session.startAt, endAt: session.endAt, requireCheckOut: true }
  return {
    userId: input.userId,
    ...attendance,
    cmeCredits: creditEarned({ ...terms, credit: session.cmeCredits }, attendance),
  }
}

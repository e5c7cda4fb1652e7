import { MAX_SHIFT_HOURS, STAR_LEVEL_HOURS, STAR_LEVEL_NAMES, type ShiftView } from '../../../contract'
import { HOUR_MS } from '../../../contract/month'
import type { SystemCtx } from '../../core/context'
import { remind } from '../../core/effects'

export interface Milestone {
  hours: number
  star: string
}

/**
 * The milestones congratulated: 100 h, which is also 一星, and every further star level. A correction
 * that takes hours away takes nothing back, and regaining them congratulates nobody twice.
 */
export function milestonesReached(minutesAllTime: number): Milestone[] {
  return STAR_LEVEL_HOURS.filter((hours) => minutesAllTime >= hours * 60).map((hours, i) => ({
    hours,
    star: STAR_LEVEL_NAMES[i + 1],
  }))
}

/**
 * After a row lands in the volunteer's hours ledger: a subscribe message (the outbox locally) for
 * each milestone reached. Exactly once per milestone whatever the races: two rows booked at once
 * both see the total past it, and the outbox's unique (user, key) lets one message in.
 */
export async function congratulateMilestones(ctx: SystemCtx, volunteerId: string): Promise<number> {
  const minutesAllTime = await ctx.repos.volunteer.minutesAllTime(volunteerId)
  const reminders = milestonesReached(minutesAllTime).map((milestone) => ({
    userId: volunteerId,
    template: 'volunteerMilestone',
    payload: { hours: milestone.hours, star: `${milestone.star}志愿者` },
    once: `volunteer:milestone:${milestone.hours}`,
  }))
  return reminders.length === 0 ? 0 : remind(ctx, reminders)
}

/** A shift still open at `now` after its 12 hours: the sweep closes it at exactly start + 12 h. */
export const isOverdue = (shift: ShiftView, now: Date) =>
  Date.parse(shift.startedAt) + MAX_SHIFT_HOURS * HOUR_MS <= now.getTime()

/**
 * Closes the volunteer's own shift left open past 12 h: its booked hours may cross a milestone too.
 * `true` when one was closed.
 */
export async function closeOwnOverdueShift(ctx: SystemCtx, volunteerId: string): Promise<boolean> {
  const closed = await ctx.repos.volunteer.closeOverdueShifts(ctx.now, volunteerId)
  if (closed > 0) await congratulateMilestones(ctx, volunteerId)
  return closed > 0
}

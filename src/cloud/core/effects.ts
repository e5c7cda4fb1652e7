import { AppError } from './app-error'
import type { Ctx, SystemCtx } from './context'
import { pseudonym } from './pseudonym'
import type { OutboxMessage, Reminder } from './platform-repo'

/**
 * Queues a notification. A failed notification must never undo or block the action that caused
 * it, so errors are logged and swallowed.
 */
export async function notify(ctx: SystemCtx, message: OutboxMessage): Promise<void> {
  try {
    await ctx.repos.platform.addOutbox(message, ctx.now)
  } catch (error) {
    ctx.log.warn({ err: error, template: message.template }, 'notification not queued')
  }
}

/** Queues the reminders not sent before; returns how many. Failures are logged, as for `notify`. */
export async function remind(ctx: SystemCtx, reminders: Reminder[]): Promise<number> {
  try {
    return await ctx.repos.platform.addReminders(reminders, ctx.now)
  } catch (error) {
    ctx.log.warn({ err: error, reminders: reminders.length }, 'reminders not queued')
    return 0
  }
}

const audited = new WeakSet<Ctx>()

/** Records a privileged action in the append-only audit log. */
export async function audit(ctx: Ctx, target: string, details: Record<string, unknown> = {}): Promise<void> {
  await ctx.repos.platform.appendAudit(
    { actorId: ctx.caller.userId, fn: ctx.fn, action: ctx.action, target, details },
    ctx.now,
  )
  audited.add(ctx)
}

/** Whether the handler of this call wrote its own, more specific audit entry. */
export const wasAudited = (ctx: Ctx) => audited.has(ctx)

/** A fixed window of one caller's calls to one bucket, as the rate-limit table stores it. */
export function rateWindow(ctx: Ctx, bucket: string, windowSeconds: number): { key: string; windowStart: Date } {
  const windowMs = windowSeconds * 1000
  const windowStart = new Date(Math.floor(ctx.now.getTime() / windowMs) * windowMs)
  const scope = `${bucket}/${windowSeconds}s`
  // An anonymous action's window gets a fresh pseudonym each time, so windows cannot be chained either.
  const who = ctx.anonymous
    ? pseudonym(ctx.secrets.visitCode, `rate:${scope}:${windowStart.toISOString()}:${ctx.caller.openid}`)
    : ctx.caller.openid
  return { key: `${scope}:${who}`, windowStart }
}

/**
 * Fixed-window limit per caller (by OPENID, the platform's identity): at most `limit` calls per
 * `windowSeconds`. The window length is part of the key: the kernel's per-minute limit and a
 * handler's daily one on the same bucket start a window together at midnight and must not share it.
 */
export async function limitRate(ctx: Ctx, bucket: string, limit: number, windowSeconds: number): Promise<void> {
  const { key, windowStart } = rateWindow(ctx, bucket, windowSeconds)
  if (!(await ctx.repos.platform.takeRateSlot(key, windowStart, limit))) throw new AppError('RATE_LIMITED')
}

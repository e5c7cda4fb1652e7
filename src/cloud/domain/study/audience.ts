import type { Audience } from '../../../contract'
import type { SystemCtx } from '../../core/context'
import type { SessionFields, SessionRecord } from './repo'
import { audienceFrozenBy, latestFrozenStart } from './rules'

/**
 * Freezing who is expected at a session (应到) when its check-in window opens, so that a later hire
 * or transfer does not rewrite history. The rule of who is expected is `expects` (rules.ts); the
 * adapters store the snapshot once, whoever asks first: the sweep timer, or a read after the window opened.
 */

/**
 * The timer freezes this many sessions a run; the first run after an upgrade freezes the past a
 * batch at a time (a hospital-wide session is ~5,000 people on the cloud database).
 */
export const FREEZES_PER_SWEEP = 20
/** A read freezes at most this many: the timer does the rest within minutes. */
export const FREEZES_PER_READ = 2

/** Freezes the audience of sessions whose check-in window has opened; returns how many this call froze. */
export async function freezeOpenedAudiences(ctx: SystemCtx, limit = FREEZES_PER_SWEEP): Promise<number> {
  const ids = await ctx.repos.study.unfrozenSessionIds(latestFrozenStart(ctx.now), limit)
  let frozen = 0
  for (const id of ids) if (await ctx.repos.study.freezeAudience(id, ctx.now)) frozen++
  return frozen
}

/** Before a read of one session: freezes its audience if its window has opened and nobody has yet. */
export async function freezeIfOpened(ctx: SystemCtx, session: SessionRecord): Promise<void> {
  if (session.audienceFrozen || session.status !== 'scheduled') return
  if (audienceFrozenBy(new Date(session.startAt), ctx.now)) await ctx.repos.study.freezeAudience(session.id, ctx.now)
}

const sameAudience = (a: Audience, b: Audience) =>
  typeof a === 'string' || typeof b === 'string' ? a === b : [...a].sort().join() === [...b].sort().join()

/**
 * An organizer's edit of who or when drops the snapshot: the audience is taken again when the (new)
 * window opens, at once when it already has. Other edits (title, place, credit) keep it.
 */
export async function refreezeAfterEdit(ctx: SystemCtx, before: SessionRecord, after: SessionFields): Promise<void> {
  if (!before.audienceFrozen) return
  if (sameAudience(before.audience, after.audience) && Date.parse(before.startAt) === after.startAt.getTime()) return
  await ctx.repos.study.thawAudience(before.id)
  if (audienceFrozenBy(after.startAt, ctx.now)) await ctx.repos.study.freezeAudience(before.id, ctx.now)
}

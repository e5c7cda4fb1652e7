import type { SystemCtx } from '../../core/context'
import { ERASED } from '../../core/personal-data'
import { tagNow } from './current-lexicon'
import type { BackfillCursor, TagTarget } from './repo'

/**
 * Tags a survey comment, complaint or praise as it is written. Tagging never costs the patient their
 * submission: a failure is logged and the text stays untagged (the boards count what is tagged).
 */
export async function recordTags(ctx: Pick<SystemCtx, 'repos' | 'log'>, target: TagTarget, text: string) {
  try {
    const { version, tagging } = await tagNow(ctx.repos.voice, text, target.visitType)
    await ctx.repos.voice.saveTags(target, tagging, version)
  } catch (error) {
    ctx.log.error({ err: error, source: target.source }, 'tagging failed')
  }
}

/** Texts re-tagged per timer run: a lexicon change reaches a year of comments within the hour. */
export const RETAG_BATCH = 500

/** The sweep: texts an older lexicon read, re-read with the current one, a batch per run. */
export async function retagStale(ctx: SystemCtx): Promise<number> {
  const { version } = await tagNow(ctx.repos.voice, '', null, { fresh: true })
  const stale = await ctx.repos.voice.staleTags(version, RETAG_BATCH)
  for (const { target, text } of stale) {
    const { version: current, tagging } = await tagNow(ctx.repos.voice, text, target.visitType)
    await ctx.repos.voice.saveTags(target, tagging, current, { retag: true })
  }
  return stale.length
}

/**
 * The back-fill: texts with no tags at all — written before tagging existed, or whose tagging failed —
 * tagged a batch per timer run, from a cursor so a run goes on where the last one stopped. Each lexicon
 * version gets one full pass, so a text a failed tagging missed is caught at the next lexicon change.
 * Erased words are never tagged again.
 */
export async function backfillUntagged(ctx: SystemCtx): Promise<number> {
  const { version } = await tagNow(ctx.repos.voice, '', null, { fresh: true })
  const saved = await ctx.repos.voice.backfillCursor()
  const cursor: BackfillCursor = saved && saved.version >= version ? saved : { version, after: null, done: false }
  if (cursor.done) return 0
  const { texts, next } = await ctx.repos.voice.untaggedTexts(cursor.after, RETAG_BATCH)
  let tagged = 0
  for (const { target, text } of texts) {
    if (text.trim() === '' || text === ERASED.text) continue
    const { version: current, tagging } = await tagNow(ctx.repos.voice, text, target.visitType)
    await ctx.repos.voice.saveTags(target, tagging, current)
    tagged++
  }
  await ctx.repos.voice.saveBackfillCursor({ version: cursor.version, after: next, done: next === null })
  return tagged
}

import type { SystemCtx } from '../../core/context'
import { tagNow } from './current-lexicon'
import type { TagTarget } from './repo'

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
  const { version } = await tagNow(ctx.repos.voice, '', null)
  const stale = await ctx.repos.voice.staleTags(version, RETAG_BATCH)
  for (const { target, text } of stale) {
    const { version: current, tagging } = await tagNow(ctx.repos.voice, text, target.visitType)
    await ctx.repos.voice.saveTags(target, tagging, current)
  }
  return stale.length
}

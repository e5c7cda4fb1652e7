import type { Tagging, VisitType } from '../../../contract'
import type { VoiceRepo } from './repo'
import { compileLexicon, tagText, withCustom, type CompiledLexicon } from './tagger'

/**
 * The compiled lexicon per repository (one per function instance), read from the database and rebuilt
 * only when the lexicon version moves.
 *
 * A patient's submit does not pay a round trip to ask for the version: a warm instance asks at most
 * once a `VERSION_CHECK_MS`. That is safe because tags are never final: each stores the version that
 * made it, and the `retaggedTexts` sweep re-tags every text whose version is older than the current
 * one. So a phrase an admin saved on another instance reaches new texts within a minute, and the texts
 * tagged in that minute within the next sweep. The instance that saves a phrase forgets its lexicon at
 * once (`forgetLexicon`); the sweeps and the 试一试 box always ask (`fresh`).
 */
export const VERSION_CHECK_MS = 60_000

interface Known {
  version: number
  lexicon: CompiledLexicon
  /** Wall-clock time of the version check (`Date.now()`): an instance's cache age, not business time. */
  checkedAt: number
}

const compiled = new WeakMap<VoiceRepo, Known>()

/**
 * The version of tags made before the built-in lexicon was seeded (a cloud environment deployed before
 * `setup:cloud-db` ran): older than any real version, so the re-tag sweep reads them again once it is there.
 * Such a lexicon is not cached, so the seed is picked up by the next call.
 */
const UNSEEDED = 0

export async function currentLexicon(
  voice: VoiceRepo,
  options: { fresh?: boolean } = {},
): Promise<{ version: number; lexicon: CompiledLexicon }> {
  const known = compiled.get(voice)
  const now = Date.now()
  if (known && !options.fresh && now - known.checkedAt < VERSION_CHECK_MS) return known
  const version = await voice.lexiconVersion()
  if (known?.version === version) {
    known.checkedAt = now
    return known
  }
  const [seeded, custom] = await Promise.all([voice.seededLexicon(), voice.customLexicon()])
  if (seeded.length === 0) return { version: UNSEEDED, lexicon: compileLexicon(withCustom(seeded, custom)) }
  const fresh = { version, lexicon: compileLexicon(withCustom(seeded, custom)), checkedAt: now }
  compiled.set(voice, fresh)
  return fresh
}

/** After this instance changed the lexicon: its next tagging reads the lexicon again. */
export function forgetLexicon(voice: VoiceRepo): void {
  compiled.delete(voice)
}

/** Tags with the lexicon as this instance knows it (see `currentLexicon`), and says which version that was. */
export async function tagNow(
  voice: VoiceRepo,
  text: string,
  visitType: VisitType | null,
  options: { fresh?: boolean } = {},
): Promise<{ version: number; tagging: Tagging }> {
  const { version, lexicon } = await currentLexicon(voice, options)
  return { version, tagging: tagText(text, lexicon, visitType) }
}

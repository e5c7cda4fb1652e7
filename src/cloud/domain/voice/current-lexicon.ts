import type { Tagging, VisitType } from '../../../contract'
import type { VoiceRepo } from './repo'
import { compileLexicon, tagText, withCustom, type CompiledLexicon } from './tagger'

/**
 * The compiled lexicon per repository, read from the database and rebuilt only when the lexicon version
 * moves: a warm function instance pays one small read per call, not a read of every phrase and a rebuild
 * of the matcher.
 */
const compiled = new WeakMap<VoiceRepo, { version: number; lexicon: CompiledLexicon }>()

/**
 * The version of tags made before the built-in lexicon was seeded (a cloud environment deployed before
 * `setup:cloud-db` ran): older than any real version, so the re-tag sweep reads them again once it is there.
 * Such a lexicon is not cached, so the seed is picked up by the next call.
 */
const UNSEEDED = 0

export async function currentLexicon(voice: VoiceRepo): Promise<{ version: number; lexicon: CompiledLexicon }> {
  const version = await voice.lexiconVersion()
  const known = compiled.get(voice)
  if (known?.version === version) return known
  const [seeded, custom] = await Promise.all([voice.seededLexicon(), voice.customLexicon()])
  if (seeded.length === 0) return { version: UNSEEDED, lexicon: compileLexicon(withCustom(seeded, custom)) }
  const fresh = { version, lexicon: compileLexicon(withCustom(seeded, custom)) }
  compiled.set(voice, fresh)
  return fresh
}

/** Tags with the lexicon as it is now, and says which version that was. */
export async function tagNow(
  voice: VoiceRepo,
  text: string,
  visitType: VisitType | null,
): Promise<{ version: number; tagging: Tagging }> {
  const { version, lexicon } = await currentLexicon(voice)
  return { version, tagging: tagText(text, lexicon, visitType) }
}

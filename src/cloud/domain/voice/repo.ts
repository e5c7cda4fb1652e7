import type { CustomLexiconEntry, LexiconEntry } from '../../../contract'

/** A phrase as the lexicon page saves it: `enabled: false` switches a built-in phrase off. */
export interface LexiconDraft extends LexiconEntry {
  enabled: boolean
}

/** The hospital's own lexicon phrases, on top of the built-in lexicon. */
export interface VoiceRepo {
  /** Newest change first. */
  customLexicon(): Promise<CustomLexiconEntry[]>
  /** Adds the phrase or replaces it (one entry per phrase) and bumps the version, atomically. */
  saveLexiconEntry(draft: LexiconDraft, at: Date): Promise<void>
  /** `false` when there was no such phrase; bumps the version when there was. */
  removeLexiconEntry(phrase: string): Promise<boolean>
  /** Counts every change: tags written under an older version are re-tagged by the sweep. */
  lexiconVersion(): Promise<number>
}

import type { CustomLexiconEntry, LexiconEntry, Tagging, TaggedSource, VisitType } from '../../../contract'

/** A phrase as the lexicon page saves it: `enabled: false` switches a built-in phrase off. */
export interface LexiconDraft extends LexiconEntry {
  enabled: boolean
}

/** The lexicon: the phrases the database was seeded with, and the hospital's own on top of them. */
export interface VoiceRepo {
  /** The lexicon a new database starts with (a migration or the cloud setup writes it); no action changes it. */
  seededLexicon(): Promise<LexiconEntry[]>
  /** Newest change first. */
  customLexicon(): Promise<CustomLexiconEntry[]>
  /** Adds the phrase or replaces it (one entry per phrase) and bumps the version, atomically. */
  saveLexiconEntry(draft: LexiconDraft, at: Date): Promise<void>
  /** `false` when there was no such phrase; bumps the version when there was. */
  removeLexiconEntry(phrase: string): Promise<boolean>
  /** Counts every change: tags written under an older version are re-tagged by the sweep. */
  lexiconVersion(): Promise<number>

  /**
   * Stores the tags of a text, unless tags of a newer lexicon version are already there. `retag`: the
   * text is known to have tags (the re-tag sweep), so no first-time write is tried.
   */
  saveTags(target: TagTarget, tagging: Tagging, version: number, options?: { retag?: boolean }): Promise<void>
  /** Up to `limit` tagged texts an older lexicon read, with their text as it is now (erased text too). */
  staleTags(version: number, limit: number): Promise<TextToTag[]>
  /**
   * Texts that carry no tags (written before tagging existed, or whose tagging failed), complaints and
   * praise first, then survey comments, in a fixed order from just after the position `after` (`null`:
   * from the start). Returns at most `limit` texts and the position to go on from, `null` at the end.
   */
  untaggedTexts(after: string | null, limit: number): Promise<{ texts: TextToTag[]; next: string | null }>
  /** Where the back-fill scan stands, `null` before the first. */
  backfillCursor(): Promise<BackfillCursor | null>
  saveBackfillCursor(cursor: BackfillCursor): Promise<void>

  /** The tags of these texts of one source, by id; a text without tags is absent. */
  tagsOf(source: TaggedSource, ids: string[]): Promise<Map<string, StoredTags>>
  /** Every tagged text of the months `from`..`to`, of one department or all. */
  tagsIn(range: { from: string; to: string; departmentId: string | null }): Promise<StoredTags[]>
  /** The texts as they are now, by `source:sourceId`. */
  textsOf(targets: { source: TaggedSource; sourceId: string }[]): Promise<Map<string, string>>
}

export const textKey = (target: { source: TaggedSource; sourceId: string }) => `${target.source}:${target.sourceId}`

export type { TaggedSource }

/** What was tagged, and where it counts. */
export interface TagTarget {
  source: TaggedSource
  sourceId: string
  departmentId: string
  month: string
  visitType: VisitType | null
}

export interface TextToTag {
  target: TagTarget
  text: string
}

/** One back-fill pass per lexicon version: `after` is the position in `untaggedTexts`' order. */
export interface BackfillCursor {
  version: number
  after: string | null
  done: boolean
}

export interface StoredTags extends TagTarget {
  tagging: Tagging
}

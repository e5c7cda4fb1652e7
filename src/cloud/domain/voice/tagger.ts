import {
  themeName,
  type CanonicalThemeId,
  type CustomLexiconEntry,
  type LexiconEntry,
  type Polarity,
  type Tagging,
  type ThemeTag,
  type VisitType,
} from '../../../contract'
import { bestCover, buildMatcher, type Matcher } from './matcher'
import { hasHan, isBoundary, normalize } from './normalize'

/** A lexicon ready to tag with: the matcher is built once and reused for every text. */
export interface CompiledLexicon {
  entries: readonly LexiconEntry[]
  matcher: Matcher
}

export function compileLexicon(entries: readonly LexiconEntry[]): CompiledLexicon {
  const usable = entries.filter((entry) => entry.phrase.length > 0)
  return { entries: usable, matcher: buildMatcher(usable.map((entry) => normalize(entry.phrase))) }
}

/** The lexicon the database was seeded with, the hospital's own phrases on top: theirs win, and a switched-off one is gone. */
export function withCustom(seeded: readonly LexiconEntry[], custom: readonly CustomLexiconEntry[]): LexiconEntry[] {
  const byPhrase = new Map(seeded.map((entry) => [normalize(entry.phrase), entry]))
  for (const entry of custom) {
    const key = normalize(entry.phrase)
    if (entry.enabled) byPhrase.set(key, { phrase: key, kind: entry.kind, theme: entry.theme, weight: entry.weight })
    else byPhrase.delete(key)
  }
  return [...byPhrase.values()]
}

// How the parts of a comment weigh: after 但是 a clause says what the writer means; under 虽然 it concedes.
const AFTER_CONTRAST = 1.5
const BEFORE_CONTRAST = 0.6
const CONCEDED = 0.6
/** A negated complaint (不贵, 不脏) is faint praise, not the opposite of the complaint. */
const NEGATED_COMPLAINT = 0.6
/** Under 建议/希望 a good word names what is missing, not what happened. */
const WISHED = 0.5
/** How far (characters) a 不 or a 很 reaches forward to the word it changes. */
const MODIFIER_REACH = 4
const POLARITY_THRESHOLD = 0.1
const THEME_THRESHOLD = 0.05

interface Feeling {
  value: number
  /** A feeling that belongs to one theme (态度差, 挂不到) speaks of that theme only. */
  theme: CanonicalThemeId | null
  /** As written, with its 不/很. */
  written: string
}

interface Clause {
  weight: number
  suggestion: boolean
  /** Theme → the phrases that named it in this clause. */
  themes: Map<CanonicalThemeId, string[]>
  feelings: Feeling[]
  sentence: number
  /** Opened by 但是/就是…: what the writer means, when the two sides pull apart. */
  afterContrast: boolean
}

const newClause = (sentence: number): Clause => ({
  weight: 1,
  suggestion: false,
  themes: new Map(),
  feelings: [],
  sentence,
  afterContrast: false,
})

/** The people a comment can be about: how they behave (courtesy) is also how their service is judged. */
const PEOPLE = new Set<CanonicalThemeId>(['doctorCommunication', 'nursing', 'pharmacy'])

/**
 * A wait is judged as part of the service waited for: 抽血排了一个小时 is about tests, not 候诊时间.
 */
const WAITED_FOR = new Set<CanonicalThemeId>(['registration', 'tests', 'pharmacy', 'admission', 'dischargeGuidance'])

const clauseValue = (clause: Clause) => clause.feelings.reduce((sum, feeling) => sum + feeling.value, 0)

/**
 * What a clause says of one theme it names: its general feelings, the feelings that are the theme's own,
 * how a person behaved for a person's theme, and how long the wait was for the service waited for.
 */
function feelingsFor(clause: Clause, theme: CanonicalThemeId): Feeling[] {
  return clause.feelings.filter(
    (feeling) =>
      feeling.theme === null ||
      feeling.theme === theme ||
      (feeling.theme === 'courtesy' && PEOPLE.has(theme)) ||
      (feeling.theme === 'waiting' && WAITED_FOR.has(theme)),
  )
}

const SENTENCE_END = new Set([...'。！？!?\n;；'].map((c) => c.charCodeAt(0)))

export function tagText(text: string, lexicon: CompiledLexicon, visitType: VisitType | null = null): Tagging {
  if (!hasHan(text)) return { sentiment: 'neutral', score: 0, themes: [] }
  const clauses = readClauses(text, lexicon)
  const themes = themesOf(clauses, visitType)
  const total = clauses.reduce((sum, clause) => sum + clauseValue(clause) * clause.weight, 0)
  const score = Math.round(Math.tanh(total) * 100) / 100
  return { sentiment: sentimentOf(score, clauses), score, themes }
}

/**
 * A comment whose two sides of a 但是 (就是, 不过…) nearly cancel is not neutral: the side after the turn is
 * what the writer means (医生不错，就是费用有点高 is a complaint about the cost).
 */
function sentimentOf(score: number, clauses: Clause[]): Polarity {
  const overall = polarityOf(score, POLARITY_THRESHOLD)
  if (overall !== 'neutral') return overall
  const turned = clauses.filter((clause) => clause.afterContrast).reduce((sum, clause) => sum + clauseValue(clause), 0)
  const before = clauses.filter((clause) => !clause.afterContrast).reduce((sum, clause) => sum + clauseValue(clause), 0)
  return Math.sign(turned) !== 0 && Math.sign(turned) !== Math.sign(before) ? polarityOf(turned, 0) : overall
}

function polarityOf(value: number, threshold: number): Polarity {
  if (value >= threshold) return 'positive'
  if (value <= -threshold) return 'negative'
  return 'neutral'
}

/** Walks the matched phrases left to right, cutting clauses at punctuation and at 但是. */
function readClauses(text: string, lexicon: CompiledLexicon): Clause[] {
  const normalized = normalize(text)
  const matches = bestCover(lexicon.matcher.findAll(normalized), normalized.length)
  const clauses: Clause[] = []
  let sentence = 0
  let clause = newClause(sentence)
  let position = 0
  let negator: { factor: number; start: number; end: number } | null = null
  let degree: { factor: number; end: number } | null = null

  const startClause = () => {
    if (clause.themes.size > 0 || clause.feelings.length > 0 || clause.suggestion) clauses.push(clause)
    clause = newClause(sentence)
    negator = null
    degree = null
  }

  for (const match of matches) {
    for (; position < match.start; position++) {
      const unit = normalized.charCodeAt(position)
      if (SENTENCE_END.has(unit)) sentence++
      if (isBoundary(unit)) startClause()
    }
    position = match.end
    const entry = lexicon.entries[match.pattern]
    switch (entry.kind) {
      case 'negator':
        negator = { factor: entry.weight, start: match.start, end: match.end }
        break
      case 'degree':
        degree = { factor: entry.weight, end: match.end }
        break
      case 'contrast':
        for (const earlier of clauses) if (earlier.sentence === sentence) earlier.weight *= BEFORE_CONTRAST
        clause.weight *= BEFORE_CONTRAST
        startClause()
        clause.weight = AFTER_CONTRAST
        clause.afterContrast = true
        break
      case 'concession':
        clause.weight *= CONCEDED
        break
      case 'suggestion':
        clause.suggestion = true
        break
      case 'term': {
        const written = text.slice(match.start, match.end)
        if (entry.theme !== null) {
          const named = clause.themes.get(entry.theme) ?? []
          clause.themes.set(entry.theme, [...named, written])
        }
        if (entry.weight === 0) break
        let value = entry.weight
        let from = match.start
        const near = (end: number) => match.start - end <= MODIFIER_REACH
        if (degree && near(degree.end)) value *= degree.factor
        if (negator && near(negator.end)) {
          value *= value < 0 ? negator.factor * NEGATED_COMPLAINT : negator.factor
          from = negator.start
        }
        clause.feelings.push({ value, theme: entry.theme, written: text.slice(from, match.end) })
        negator = null
        degree = null
        break
      }
    }
  }
  startClause()
  for (const each of clauses) {
    if (each.suggestion) for (const feeling of each.feelings) if (feeling.value > 0) feeling.value *= WISHED
  }
  return clauses
}

/**
 * Each theme takes the feelings of the clauses that name it. A clause that names nothing (很耐心), or that
 * follows a clause naming a theme without a feeling (药房的药师，很贴心), speaks of what the clause before it
 * named: Chinese drops the subject it has just said.
 */
function themesOf(clauses: Clause[], visitType: VisitType | null): ThemeTag[] {
  const found = new Map<CanonicalThemeId, { value: number; felt: boolean; matched: string[] }>()
  clauses.forEach((clause, index) => {
    for (const [theme, named] of themesSpokenOf(clauses, index)) {
      const feelings = feelingsFor(clause, theme)
      const felt = feelings.length > 0 || clause.suggestion
      const tag = found.get(theme) ?? { value: 0, felt: false, matched: [] }
      tag.value += feelings.reduce((sum, feeling) => sum + feeling.value, 0) * clause.weight
      tag.felt ||= felt
      if (felt) tag.matched.push(...named, ...feelings.map((feeling) => feeling.written))
      found.set(theme, tag)
    }
  })
  const tags: ThemeTag[] = []
  for (const [theme, tag] of found) {
    if (!tag.felt) continue
    tags.push({
      id: themeName(theme, visitType),
      polarity: polarityOf(tag.value, THEME_THRESHOLD),
      matched: unique(tag.matched),
    })
  }
  return tags
}

function themesSpokenOf(clauses: Clause[], index: number): [CanonicalThemeId, string[]][] {
  const clause = clauses[index]
  const own = [...clause.themes].filter(
    ([theme]) => theme !== 'waiting' || ![...clause.themes.keys()].some((t) => WAITED_FOR.has(t)),
  )
  const previous = index > 0 ? clauses[index - 1] : null
  if (previous === null || clause.feelings.length === 0 || previous.sentence !== clause.sentence) return own
  const topicOnly = previous.feelings.length === 0 && !previous.suggestion
  if (own.length > 0 && !topicOnly) return own
  const felt = [...previous.themes.keys()].filter((theme) => feelingsFor(previous, theme).length > 0)
  const carried = (topicOnly || felt.length === 0 ? [...previous.themes.keys()] : felt).filter(
    (theme) => !clause.themes.has(theme),
  )
  return [...own, ...carried.map((theme) => [theme, []] as [CanonicalThemeId, string[]])]
}

const unique = (items: string[]) => [...new Set(items)]

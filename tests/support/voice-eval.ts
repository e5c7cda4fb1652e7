import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Polarity, Tagging, VisitType } from '../../src/contract'

/** One labelled comment of tests/fixtures/voice/comments.tsv. */
export interface LabelledComment {
  /**
   * Every other comment is held out: the lexicon was tuned by reading the tagger's misses on `dev` only,
   * so `heldOut` says how it does on comments nobody tuned it for.
   */
  split: 'dev' | 'heldOut'
  source: 'outpatient' | 'inpatient' | 'complaint' | 'praise'
  visitType: VisitType | null
  text: string
  sentiment: Polarity
  themes: Map<string, Polarity>
}

const POLARITY_OF: Record<string, Polarity> = { '+': 'positive', '-': 'negative', '0': 'neutral' }

export function loadLabelledComments(): LabelledComment[] {
  const file = join(__dirname, '../fixtures/voice/comments.tsv')
  const [, ...lines] = readFileSync(file, 'utf8').split('\n').filter(Boolean)
  return lines.map((line, index) => {
    const [source, sentiment, themes, text] = line.split('\t')
    if (!text || !POLARITY_OF[sentiment]) throw new Error(`comments.tsv line ${index + 2} is malformed`)
    const labelled = new Map<string, Polarity>()
    if (themes !== '.') {
      for (const tag of themes.split(',')) labelled.set(tag.slice(0, -1), POLARITY_OF[tag.slice(-1)])
    }
    const visitType = source === 'outpatient' || source === 'inpatient' ? source : null
    const split = index % 2 === 0 ? 'dev' : 'heldOut'
    return {
      split,
      source: source as LabelledComment['source'],
      visitType,
      text,
      sentiment: POLARITY_OF[sentiment],
      themes: labelled,
    }
  })
}

interface Counts {
  truePositive: number
  falsePositive: number
  falseNegative: number
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole)
const f1 = (c: Counts) => {
  const precision = ratio(c.truePositive, c.truePositive + c.falsePositive)
  const recall = ratio(c.truePositive, c.truePositive + c.falseNegative)
  return ratio(2 * precision * recall, precision + recall)
}

export interface Evaluation {
  sentimentAccuracy: number
  sentimentMacroF1: number
  sentimentF1: Record<Polarity, number>
  themes: Record<string, { precision: number; recall: number; support: number }>
  themeMicroF1: number
  themeMicroPrecision: number
  themeMicroRecall: number
  /** Of the themes found that the label has, how many have the label's polarity. */
  themePolarityAccuracy: number
  misses: { text: string; expected: string; got: string }[]
}

const describe = (sentiment: Polarity, themes: Iterable<[string, Polarity]>) =>
  `${sentiment} ${[...themes].map(([id, p]) => `${id}:${p}`).join(',') || '.'}`

/** Scores taggings against their labels: sentiment per class, themes by presence, then their polarity. */
export function evaluate(labelled: LabelledComment[], tagged: Tagging[]): Evaluation {
  const sentiment: Record<Polarity, Counts> = {
    positive: { truePositive: 0, falsePositive: 0, falseNegative: 0 },
    neutral: { truePositive: 0, falsePositive: 0, falseNegative: 0 },
    negative: { truePositive: 0, falsePositive: 0, falseNegative: 0 },
  }
  const themes = new Map<string, Counts & { support: number }>()
  const themeCounts = (id: string) => {
    const counts = themes.get(id) ?? { truePositive: 0, falsePositive: 0, falseNegative: 0, support: 0 }
    themes.set(id, counts)
    return counts
  }
  let correct = 0
  let polarityRight = 0
  let polarityChecked = 0
  const misses: Evaluation['misses'] = []
  labelled.forEach((label, i) => {
    const got = tagged[i]
    if (got.sentiment === label.sentiment) {
      correct++
      sentiment[label.sentiment].truePositive++
    } else {
      sentiment[got.sentiment].falsePositive++
      sentiment[label.sentiment].falseNegative++
    }
    const found = new Map(got.themes.map((t) => [t.id as string, t.polarity]))
    for (const [id, polarity] of label.themes) {
      const counts = themeCounts(id)
      counts.support++
      if (!found.has(id)) counts.falseNegative++
      else {
        counts.truePositive++
        polarityChecked++
        if (found.get(id) === polarity) polarityRight++
      }
    }
    for (const id of found.keys()) if (!label.themes.has(id)) themeCounts(id).falsePositive++
    const themesMatch = found.size === label.themes.size && [...label.themes].every(([id, p]) => found.get(id) === p)
    if (got.sentiment !== label.sentiment || !themesMatch) {
      misses.push({
        text: label.text,
        expected: describe(label.sentiment, label.themes),
        got: describe(got.sentiment, found),
      })
    }
  })
  const total = [...themes.values()].reduce(
    (sum, c) => ({
      truePositive: sum.truePositive + c.truePositive,
      falsePositive: sum.falsePositive + c.falsePositive,
      falseNegative: sum.falseNegative + c.falseNegative,
    }),
    { truePositive: 0, falsePositive: 0, falseNegative: 0 },
  )
  const sentimentF1 = {
    positive: f1(sentiment.positive),
    neutral: f1(sentiment.neutral),
    negative: f1(sentiment.negative),
  }
  return {
    sentimentAccuracy: ratio(correct, labelled.length),
    sentimentF1,
    sentimentMacroF1: (sentimentF1.positive + sentimentF1.neutral + sentimentF1.negative) / 3,
    themes: Object.fromEntries(
      [...themes].map(([id, c]) => [
        id,
        {
          precision: ratio(c.truePositive, c.truePositive + c.falsePositive),
          recall: ratio(c.truePositive, c.truePositive + c.falseNegative),
          support: c.support,
        },
      ]),
    ),
    themeMicroF1: f1(total),
    themeMicroPrecision: ratio(total.truePositive, total.truePositive + total.falsePositive),
    themeMicroRecall: ratio(total.truePositive, total.truePositive + total.falseNegative),
    themePolarityAccuracy: ratio(polarityRight, polarityChecked),
    misses,
  }
}

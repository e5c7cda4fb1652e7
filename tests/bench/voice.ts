import { BUILT_IN_LEXICON } from '../../src/cloud/domain/voice/builtin-lexicon'
import type { Match, Matcher } from '../../src/cloud/domain/voice/matcher'
import { normalize } from '../../src/cloud/domain/voice/normalize'
import { tagNow } from '../../src/cloud/domain/voice/current-lexicon'
import { compileLexicon, tagText, type CompiledLexicon } from '../../src/cloud/domain/voice/tagger'
import { openPgliteStore } from '../../src/cloud/storage/pglite'
import { evaluate, loadLabelledComments, type LabelledComment } from '../support/voice-eval'
import { ms, report, stats } from './support'

const pct = (value: number) => `${(value * 100).toFixed(1)}%`
const fixed = (value: number) => value.toFixed(3)

/** What the matcher replaces: every phrase looked for with indexOf, the obvious first version. */
function indexOfMatcher(phrases: readonly string[]): Matcher {
  return {
    findAll(text: string): Match[] {
      const found: Match[] = []
      phrases.forEach((phrase, pattern) => {
        for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, at + 1)) {
          found.push({ start: at, end: at + phrase.length, pattern })
        }
      })
      return found
    },
  }
}

/** Texts per second on this thread, over at least `minMs` of repeated passes. */
function throughput(texts: LabelledComment[], lexicon: CompiledLexicon, minMs = 1500): number {
  let tagged = 0
  const started = performance.now()
  while (performance.now() - started < minMs) {
    for (const comment of texts) tagText(comment.text, lexicon, comment.visitType)
    tagged += texts.length
  }
  return tagged / ((performance.now() - started) / 1000)
}

/** Accuracy on the labelled comments, speed against the indexOf baseline in the same run. */
export async function benchVoice() {
  const comments = loadLabelledComments()
  const compileStarted = performance.now()
  const lexicon = compileLexicon(BUILT_IN_LEXICON)
  const compileMs = performance.now() - compileStarted

  for (const split of ['heldOut', 'dev', 'all'] as const) {
    const set = comments.filter((comment) => split === 'all' || comment.split === split)
    const result = evaluate(
      set,
      set.map((comment) => tagText(comment.text, lexicon, comment.visitType)),
    )
    report(`voice accuracy, ${split} (${set.length} comments)`, {
      'sentiment accuracy': pct(result.sentimentAccuracy),
      'sentiment macro-F1 (target 0.85)': fixed(result.sentimentMacroF1),
      'F1 positive / neutral / negative': `${fixed(result.sentimentF1.positive)} / ${fixed(result.sentimentF1.neutral)} / ${fixed(result.sentimentF1.negative)}`,
      'theme micro-F1 (target 0.80)': fixed(result.themeMicroF1),
      'theme micro precision / recall': `${fixed(result.themeMicroPrecision)} / ${fixed(result.themeMicroRecall)}`,
      'theme polarity right when found': pct(result.themePolarityAccuracy),
    })
    if (split === 'all') {
      const rows = Object.entries(result.themes).sort(([a], [b]) => a.localeCompare(b))
      report(
        'voice per theme, all comments: precision / recall (labelled)',
        Object.fromEntries(rows.map(([id, t]) => [id, `${fixed(t.precision)} / ${fixed(t.recall)}  (${t.support})`])),
      )
    }
  }

  const baseline: CompiledLexicon = {
    entries: lexicon.entries,
    matcher: indexOfMatcher(lexicon.entries.map((entry) => normalize(entry.phrase))),
  }
  throughput(comments, lexicon, 300) // warm the JIT for both before timing either
  throughput(comments, baseline, 300)
  const fast = throughput(comments, lexicon)
  const slow = throughput(comments, baseline)
  const longest = '候诊区等了两个小时，问护士什么时候到我，爱答不理的。'.repeat(20).slice(0, 500)
  const samples = Array.from({ length: 2000 }, () => {
    const started = performance.now()
    tagText(longest, lexicon, 'outpatient')
    return performance.now() - started
  })
  const longTag = stats(samples)
  report(`voice speed, one thread, ${lexicon.entries.length} lexicon phrases`, {
    'texts/s, Aho-Corasick (target 2000)': Math.round(fast),
    'texts/s, indexOf per phrase (baseline)': Math.round(slow),
    'speed-up over baseline': `${(fast / slow).toFixed(1)}x`,
    'one 500-char comment p50 / p95': `${ms(longTag.p50)} / ${ms(longTag.p95)}`,
    'build the matcher (cold start)': ms(compileMs),
  })
  await benchSubmitCost(longest)
}

/**
 * What tagging adds to a survey submit: reading the lexicon version (one small query; the matcher is
 * cached) and tagging the comment, against PGlite, next to the cheapest query there is. And what the
 * first submit after a lexicon change pays: reading every phrase from the database and compiling them.
 */
async function benchSubmitCost(comment: string) {
  const store = await openPgliteStore(undefined)
  try {
    const time = async (work: () => Promise<unknown>, runs = 1000) => {
      for (let i = 0; i < 50; i++) await work()
      const samples: number[] = []
      for (let i = 0; i < runs; i++) {
        const started = performance.now()
        await work()
        samples.push(performance.now() - started)
      }
      return stats(samples)
    }
    const bare = await time(() => store.sql.query('SELECT 1'))
    const tagging = await time(() => tagNow(store.repos.voice, comment, 'outpatient'))
    const afterChange = await time(async () => {
      await store.sql.query('UPDATE voice_lexicon_version SET version = version + 1')
      return tagNow(store.repos.voice, comment, 'outpatient')
    }, 200)
    report('voice cost inside a submit, PGlite in process (target: adds <= 5 ms p95)', {
      'SELECT 1 p50 / p95 (baseline)': `${ms(bare.p50)} / ${ms(bare.p95)}`,
      'version read + tag 500 chars p50 / p95': `${ms(tagging.p50)} / ${ms(tagging.p95)}`,
      'p95 / baseline p95': (tagging.p95 / bare.p95).toFixed(1),
      'first after a lexicon change (read every phrase + compile) p50 / p95': `${ms(afterChange.p50)} / ${ms(afterChange.p95)}`,
    })
  } finally {
    await store.close()
  }
}

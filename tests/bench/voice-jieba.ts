import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { BUILT_IN_LEXICON } from '../../src/cloud/domain/voice/builtin-lexicon'
import type { Matcher } from '../../src/cloud/domain/voice/matcher'
import { normalize } from '../../src/cloud/domain/voice/normalize'
import { compileLexicon, tagText, type CompiledLexicon } from '../../src/cloud/domain/voice/tagger'
import { evaluate, loadLabelledComments, type LabelledComment } from '../support/voice-eval'
import { report } from './support'

/** The part of `@node-rs/jieba` 2.x this comparison uses. */
interface Jieba {
  cut(sentence: string, hmm?: boolean): string[]
  loadDict(dict: Uint8Array): void
}
interface JiebaModule {
  Jieba: { withDict(dict: Uint8Array): Jieba }
}

/**
 * `JIEBA_DIR=/tmp/jieba-eval npm run bench voice-jieba`: the tagger against a segmentation-based variant
 * of itself, on the labelled set. `@node-rs/jieba` is not a dependency of Renxin: install it in a scratch
 * directory outside the repository (`npm install @node-rs/jieba`) and point JIEBA_DIR at it.
 *
 * The variant is what a jieba-based tagger does: segment first, then look words up in the same lexicon.
 * A phrase counts only where it starts and ends on a word boundary jieba drew; everything after the
 * lookup (negation, degree, contrast, per-theme polarity) is the same code, so the difference measured
 * is the segmentation's alone. Run with jieba's own dictionary, and with the lexicon added to it.
 */
export async function benchVoiceJieba() {
  const dir = process.env.JIEBA_DIR
  if (!dir) {
    console.log('\n## voice vs jieba: skipped (set JIEBA_DIR to a directory where @node-rs/jieba is installed)')
    return
  }
  const load = createRequire(join(dir, 'package.json'))
  const { Jieba } = load('@node-rs/jieba') as JiebaModule
  const { dict } = load('@node-rs/jieba/dict') as { dict: Uint8Array }

  const comments = loadLabelledComments()
  const lexicon = compileLexicon(BUILT_IN_LEXICON)
  const plain = Jieba.withDict(dict)
  const withLexicon = Jieba.withDict(dict)
  // A high frequency, so jieba keeps every lexicon phrase whole when it can.
  withLexicon.loadDict(Buffer.from(lexicon.entries.map((entry) => `${normalize(entry.phrase)} 100000`).join('\n')))

  const variants: Record<string, CompiledLexicon> = {
    'lexicon, Aho-Corasick (current)': lexicon,
    'jieba (own dictionary) + lexicon lookup': { ...lexicon, matcher: onWords(lexicon.matcher, plain) },
    'jieba (dictionary + lexicon) + lexicon lookup': { ...lexicon, matcher: onWords(lexicon.matcher, withLexicon) },
  }
  const rows: Record<string, string> = {}
  for (const [name, variant] of Object.entries(variants)) {
    const heldOut = comments.filter((comment) => comment.split === 'heldOut')
    const all = scores(comments, variant)
    const held = scores(heldOut, variant)
    rows[name] =
      `sentiment F1 ${all.sentimentMacroF1.toFixed(3)} (held-out ${held.sentimentMacroF1.toFixed(3)}), ` +
      `theme F1 ${all.themeMicroF1.toFixed(3)} (held-out ${held.themeMicroF1.toFixed(3)}), ` +
      `${Math.round(throughput(comments, variant))} texts/s`
  }
  report(`voice vs jieba, ${comments.length} labelled comments, one thread`, rows)
  report('jieba in a cloud function', {
    'cold: require + load dictionary (fresh node, ms)': coldStart(dir).toFixed(0),
    'installed size (du -sh node_modules)': execFileSync('du', ['-sh', join(dir, 'node_modules')], {
      encoding: 'utf8',
    }).split('\t')[0],
  })
}

/** The lexicon's matches that start and end where jieba cut the text into words. */
function onWords(matcher: Matcher, jieba: Jieba): Matcher {
  return {
    findAll(text) {
      const boundaries = new Set<number>([0])
      let at = 0
      for (const word of jieba.cut(text, true)) boundaries.add((at += word.length))
      return matcher.findAll(text).filter((match) => boundaries.has(match.start) && boundaries.has(match.end))
    },
  }
}

function scores(set: LabelledComment[], lexicon: CompiledLexicon) {
  return evaluate(
    set,
    set.map((comment) => tagText(comment.text, lexicon, comment.visitType)),
  )
}

function throughput(texts: LabelledComment[], lexicon: CompiledLexicon, minMs = 1500): number {
  for (const comment of texts) tagText(comment.text, lexicon, comment.visitType) // warm the JIT
  const started = performance.now()
  let tagged = 0
  while (performance.now() - started < minMs) {
    for (const comment of texts) tagText(comment.text, lexicon, comment.visitType)
    tagged += texts.length
  }
  return tagged / ((performance.now() - started) / 1000)
}

/** What a cold function instance pays before its first cut: loading the native module and the dictionary. */
function coldStart(dir: string): number {
  const script = `const t = performance.now(); const { Jieba } = require('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict'); Jieba.withDict(dict).cut('医生态度很好', true);
    console.log(performance.now() - t)`
  return Number(execFileSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' }).trim())
}

import fc from 'fast-check'
import { bestCover, buildMatcher, type Match } from '../../../../src/cloud/domain/voice/matcher'

const byPosition = (a: Match, b: Match) => a.start - b.start || a.end - b.end || a.pattern - b.pattern

function naive(phrases: string[], text: string): Match[] {
  const found: Match[] = []
  phrases.forEach((phrase, pattern) => {
    for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, at + 1)) {
      found.push({ start: at, end: at + phrase.length, pattern })
    }
  })
  return found
}

describe('the Aho-Corasick matcher', () => {
  it('finds overlapping and nested phrases', () => {
    const phrases = ['不', '不耐烦', '耐烦', '烦']
    expect(buildMatcher(phrases).findAll('很不耐烦').sort(byPosition)).toEqual(
      naive(phrases, '很不耐烦').sort(byPosition),
    )
    expect(buildMatcher(phrases).findAll('很不耐烦')).toHaveLength(4)
  })

  it('finds exactly what indexOf finds, for any phrases and text', () => {
    const alphabet = fc.constantFrom('不', '耐', '烦', '好', 'a', '👍')
    const word = fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''))
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 8 }), fc.array(alphabet, { maxLength: 30 }), (phrases, parts) => {
        const text = parts.join('')
        expect(buildMatcher(phrases).findAll(text).sort(byPosition)).toEqual(naive(phrases, text).sort(byPosition))
      }),
    )
  })
})

describe('the best cover', () => {
  it('prefers the reading that covers more: 也不给退号 is 也 + 不给退号', () => {
    const phrases = ['也不', '不给退号', '退号']
    const text = '也不给退号'
    const words = bestCover(buildMatcher(phrases).findAll(text), text.length).map((m) => phrases[m.pattern])
    expect(words).toEqual(['不给退号'])
  })

  it('prefers one long word to two short ones covering the same', () => {
    const phrases = ['不', '耐烦', '不耐烦']
    const words = bestCover(buildMatcher(phrases).findAll('不耐烦'), 3).map((m) => phrases[m.pattern])
    expect(words).toEqual(['不耐烦'])
  })

  it('never returns overlapping words', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('不', '好', '很', '差'), { maxLength: 20 }), (parts) => {
        const text = parts.join('')
        const chosen = bestCover(buildMatcher(['不好', '很', '好', '很差', '不', '差不']).findAll(text), text.length)
        for (let i = 1; i < chosen.length; i++) expect(chosen[i].start).toBeGreaterThanOrEqual(chosen[i - 1].end)
      }),
    )
  })
})

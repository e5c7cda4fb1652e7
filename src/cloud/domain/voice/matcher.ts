/**
 * Aho–Corasick over UTF-16 code units: one pass over a text finds every lexicon phrase in it, whatever
 * the size of the lexicon. Built once per lexicon and reused for every text a function instance tags.
 */
export interface Match {
  start: number
  end: number
  /** Index of the phrase in the list the matcher was built from. */
  pattern: number
}

export interface Matcher {
  /** Every occurrence of every phrase, overlapping ones included, ordered by where they end. */
  findAll(text: string): Match[]
}

const ROOT = 0

export function buildMatcher(phrases: readonly string[]): Matcher {
  // The trie: one Map of transitions per state; `outputs[s]` the phrases ending at s (via fail links too).
  const goto: Map<number, number>[] = [new Map()]
  const fail: number[] = [ROOT]
  const outputs: number[][] = [[]]

  phrases.forEach((phrase, index) => {
    if (phrase.length === 0) return
    let state = ROOT
    for (let i = 0; i < phrase.length; i++) {
      const unit = phrase.charCodeAt(i)
      let next = goto[state].get(unit)
      if (next === undefined) {
        next = goto.length
        goto.push(new Map())
        fail.push(ROOT)
        outputs.push([])
        goto[state].set(unit, next)
      }
      state = next
    }
    outputs[state].push(index)
  })

  // Breadth first, so a state's fail target is finished before the state itself.
  const queue: number[] = [...goto[ROOT].values()]
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]
    for (const [unit, child] of goto[state]) {
      let target = fail[state]
      while (target !== ROOT && !goto[target].has(unit)) target = fail[target]
      const via = goto[target].get(unit)
      fail[child] = via !== undefined && via !== child ? via : ROOT
      if (outputs[fail[child]].length > 0) outputs[child] = outputs[child].concat(outputs[fail[child]])
      queue.push(child)
    }
  }

  const lengths = phrases.map((phrase) => phrase.length)

  return {
    findAll(text: string): Match[] {
      const found: Match[] = []
      let state = ROOT
      for (let i = 0; i < text.length; i++) {
        const unit = text.charCodeAt(i)
        while (state !== ROOT && !goto[state].has(unit)) state = fail[state]
        state = goto[state].get(unit) ?? ROOT
        for (const pattern of outputs[state]) found.push({ start: i + 1 - lengths[pattern], end: i + 1, pattern })
      }
      return found
    },
  }
}

/**
 * The reading a person makes: the words that cover most of the text, and of those the fewest, longest
 * ones (不耐烦 is one word, not 不 + 耐烦). Greedy left-to-right matching reads 也不给退号 as 也不 + 给 + 退号
 * and loses 不给退号; this dynamic programme over positions does not. Linear in text and matches.
 */
export function bestCover(matches: readonly Match[], length: number): Match[] {
  const startingAt: Match[][] = Array.from({ length }, () => [])
  for (const match of matches) startingAt[match.start].push(match)
  // best[i]: the score of the best reading of text[0, i); a covered character is worth more than any count of words.
  const best = new Float64Array(length + 1).fill(-Infinity)
  const via: (Match | null)[] = new Array<Match | null>(length + 1).fill(null)
  best[0] = 0
  for (let i = 0; i < length; i++) {
    if (best[i] === -Infinity) continue
    if (best[i] > best[i + 1]) {
      best[i + 1] = best[i]
      via[i + 1] = null
    }
    for (const match of startingAt[i]) {
      const score = best[i] + (match.end - match.start) * COVERED - 1
      if (score > best[match.end]) {
        best[match.end] = score
        via[match.end] = match
      }
    }
  }
  const chosen: Match[] = []
  for (let i = length; i > 0;) {
    const match = via[i]
    if (match === null) i--
    else {
      chosen.push(match)
      i = match.start
    }
  }
  return chosen.reverse()
}

const COVERED = 1000

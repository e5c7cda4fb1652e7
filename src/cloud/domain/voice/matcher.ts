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
 * The reading a person makes: from the left, the longest phrase that starts here, and no phrase inside
 * another (不耐烦 is one word, not 不 + 耐烦).
 */
export function leftmostLongest(matches: readonly Match[]): Match[] {
  const byStart = [...matches].sort((a, b) => a.start - b.start || b.end - a.end)
  const chosen: Match[] = []
  let covered = 0
  for (const match of byStart) {
    if (match.start < covered) continue
    chosen.push(match)
    covered = match.end
  }
  return chosen
}

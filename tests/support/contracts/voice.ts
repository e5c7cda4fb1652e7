import { randomUUID } from 'node:crypto'
import type { LexiconDraft } from '../../../src/cloud/domain/voice/repo'
import type { RepoHarness } from '../repo-adapters'

const at = new Date('2026-04-01T02:00:00.000Z')
const later = new Date('2026-04-02T02:00:00.000Z')

export function voiceContract(harness: () => RepoHarness): void {
  describe('voice', () => {
    const voice = () => harness().repos.voice
    const phrase = () => `词${randomUUID().slice(0, 6)}`
    const draft = (over: Partial<LexiconDraft> = {}): LexiconDraft => ({
      phrase: phrase(),
      kind: 'term',
      theme: 'courtesy',
      weight: -0.8,
      enabled: true,
      ...over,
    })

    it('keeps one entry per phrase: saving again replaces it, newest change first', async () => {
      const first = draft()
      const other = draft({ theme: null, weight: 0.5 })
      await voice().saveLexiconEntry(first, at)
      await voice().saveLexiconEntry(other, at)
      await voice().saveLexiconEntry({ ...first, theme: 'waiting', weight: -0.4, enabled: false }, later)
      const mine = (await voice().customLexicon()).filter((e) => [first.phrase, other.phrase].includes(e.phrase))
      expect(mine).toEqual([
        {
          ...first,
          theme: 'waiting',
          weight: -0.4,
          enabled: false,
          updatedAt: later.toISOString(),
        },
        { ...other, updatedAt: at.toISOString() },
      ])
    })

    it('counts every change in the version, and only changes', async () => {
      const before = await voice().lexiconVersion()
      const entry = draft()
      await voice().saveLexiconEntry(entry, at)
      expect(await voice().lexiconVersion()).toBe(before + 1)
      expect(await voice().removeLexiconEntry(entry.phrase)).toBe(true)
      expect(await voice().lexiconVersion()).toBe(before + 2)
      expect(await voice().removeLexiconEntry(entry.phrase)).toBe(false)
      expect(await voice().lexiconVersion()).toBe(before + 2)
      expect((await voice().customLexicon()).map((e) => e.phrase)).not.toContain(entry.phrase)
    })

    it('loses no version when admins save at the same moment', async () => {
      const before = await voice().lexiconVersion()
      await Promise.all(Array.from({ length: 5 }, () => voice().saveLexiconEntry(draft(), at)))
      expect(await voice().lexiconVersion()).toBe(before + 5)
    })
  })
}

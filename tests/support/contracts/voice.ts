import { randomUUID } from 'node:crypto'
import type { LexiconEntry, Tagging } from '../../../src/contract'
import { BUILT_IN_LEXICON } from '../../../src/cloud/domain/voice/builtin-lexicon'
import type { LexiconDraft, TagTarget } from '../../../src/cloud/domain/voice/repo'
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

    const byPhrase = (entries: readonly LexiconEntry[]) =>
      [...entries].sort((a, b) => (a.phrase < b.phrase ? -1 : a.phrase > b.phrase ? 1 : 0))

    it('holds the built-in lexicon as data, as the migration or the cloud setup seeded it', async () => {
      const seeded = await voice().seededLexicon()
      expect(seeded.length).toBeGreaterThan(800)
      expect(byPhrase(seeded)).toEqual(byPhrase(BUILT_IN_LEXICON))
    })

    it('keeps the hospital’s phrase beside the seeded one of the same name, so removing it brings the seeded one back', async () => {
      const seededPhrase = BUILT_IN_LEXICON.find((entry) => entry.kind === 'term' && entry.theme !== null)!
      const override = { ...seededPhrase, weight: 0.3, enabled: false }
      await voice().saveLexiconEntry(override, at)
      expect((await voice().customLexicon()).find((e) => e.phrase === seededPhrase.phrase)).toEqual({
        ...override,
        updatedAt: at.toISOString(),
      })
      expect((await voice().seededLexicon()).find((e) => e.phrase === seededPhrase.phrase)).toEqual(seededPhrase)
      expect(await voice().removeLexiconEntry(seededPhrase.phrase)).toBe(true)
      expect((await voice().customLexicon()).map((e) => e.phrase)).not.toContain(seededPhrase.phrase)
      expect((await voice().seededLexicon()).find((e) => e.phrase === seededPhrase.phrase)).toEqual(seededPhrase)
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

    const negative: Tagging = {
      sentiment: 'negative',
      score: -0.6,
      themes: [{ id: 'waiting', polarity: 'negative', matched: ['等了半天'] }],
    }
    const positive: Tagging = { sentiment: 'positive', score: 0.5, themes: [] }

    async function complaintTarget(month: string): Promise<{ target: TagTarget; text: string }> {
      const patient = await harness().repos.identity.ensureUser(`openid-${randomUUID()}`)
      const department = await harness().fixtures.department()
      const text = `候诊等了半天没人理（${randomUUID().slice(0, 6)}）`
      const id = await harness().repos.feedback.create(
        {
          kind: 'complaint',
          patientId: patient.id,
          departmentId: department.id,
          departmentName: department.name,
          employeeNo: null,
          staffName: null,
          categories: ['等候无人理睬'],
          text,
          contactPhone: null,
          anonymous: false,
          heldReasons: [],
          month,
        },
        { id: patient.id, role: 'patient' },
        at,
      )
      const target: TagTarget = {
        source: 'complaint',
        sourceId: id,
        departmentId: department.id,
        month,
        visitType: null,
      }
      return { target, text }
    }

    it('keeps the tags of the newest lexicon version when an older tagging arrives late', async () => {
      const { target } = await complaintTarget('2026-04')
      await voice().saveTags(target, negative, 5)
      await voice().saveTags(target, positive, 4)
      expect((await voice().tagsOf('complaint', [target.sourceId])).get(target.sourceId)).toEqual({
        ...target,
        tagging: negative,
      })
      await voice().saveTags(target, positive, 6)
      expect((await voice().tagsOf('complaint', [target.sourceId, 'absent'])).get(target.sourceId)?.tagging).toEqual(
        positive,
      )
      expect((await voice().tagsOf('complaint', ['absent'])).size).toBe(0)
    })

    it('hands out tags an older lexicon made, with their text as it is now, oldest version first', async () => {
      const { target, text } = await complaintTarget('2026-04')
      const current = 1_000_000
      await voice().saveTags(target, negative, current - 1)
      const stale = await voice().staleTags(current, 1000)
      expect(stale).toContainEqual({ target, text })
      await voice().saveTags(target, negative, current)
      expect((await voice().staleTags(current, 1000)).map((s) => s.target.sourceId)).not.toContain(target.sourceId)
    })

    it('hands out untagged texts page by page from a cursor, each once, and a tagged text no more', async () => {
      const { target, text } = await complaintTarget('2026-04')
      const scan = async () => {
        const seen: string[] = []
        const found = []
        let after: string | null = null
        do {
          const page: Awaited<ReturnType<ReturnType<typeof voice>['untaggedTexts']>> = await voice().untaggedTexts(
            after,
            2,
          )
          found.push(...page.texts)
          seen.push(...page.texts.map((t) => `${t.target.source}:${t.target.sourceId}`))
          after = page.next
        } while (after !== null)
        expect(new Set(seen).size).toBe(seen.length)
        return found
      }
      expect(await scan()).toContainEqual({ target, text })
      await voice().saveTags(target, negative, 1)
      expect((await scan()).map((t) => t.target.sourceId)).not.toContain(target.sourceId)
    })

    it('keeps where the back-fill stands', async () => {
      const cursor = { version: 7, after: 'f:abc', done: false }
      await voice().saveBackfillCursor(cursor)
      expect(await voice().backfillCursor()).toEqual(cursor)
      await voice().saveBackfillCursor({ ...cursor, after: null, done: true })
      expect(await voice().backfillCursor()).toEqual({ version: 7, after: null, done: true })
    })

    it('lists the tags of a month range, of one department or all', async () => {
      const march = await complaintTarget('2026-03')
      const may = await complaintTarget('2026-05')
      await voice().saveTags(march.target, negative, 1)
      await voice().saveTags(may.target, positive, 1)
      const marchOnly = await voice().tagsIn({
        from: '2026-03',
        to: '2026-03',
        departmentId: march.target.departmentId,
      })
      expect(marchOnly).toEqual([{ ...march.target, tagging: negative }])
      const all = await voice().tagsIn({ from: '2026-03', to: '2026-05', departmentId: null })
      expect(all.map((t) => t.sourceId)).toEqual(expect.arrayContaining([march.target.sourceId, may.target.sourceId]))
      expect(await voice().tagsIn({ from: '2026-03', to: '2026-03', departmentId: may.target.departmentId })).toEqual(
        [],
      )
    })
  })
}

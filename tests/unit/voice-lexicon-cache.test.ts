import type { CustomLexiconEntry } from '../../src/contract'
import { BUILT_IN_LEXICON } from '../../src/cloud/domain/voice/builtin-lexicon'
import { forgetLexicon, tagNow, VERSION_CHECK_MS } from '../../src/cloud/domain/voice/current-lexicon'
import type { VoiceRepo } from '../../src/cloud/domain/voice/repo'

/** A lexicon store that counts what the cache asks of it. */
function countingRepo() {
  const state = { version: 1, custom: [] as CustomLexiconEntry[], versionReads: 0, lexiconReads: 0 }
  const repo = {
    lexiconVersion: async () => {
      state.versionReads++
      return state.version
    },
    seededLexicon: async () => {
      state.lexiconReads++
      return [...BUILT_IN_LEXICON]
    },
    customLexicon: async () => state.custom,
  } as unknown as VoiceRepo
  return { repo, state }
}

const rude: CustomLexiconEntry = {
  phrase: '爱答不理',
  kind: 'term',
  theme: 'courtesy',
  weight: -1,
  enabled: true,
  updatedAt: '2026-06-01T00:00:00.000Z',
}

let clock = 1_000_000
beforeEach(() => {
  jest.spyOn(Date, 'now').mockImplementation(() => clock)
})
afterEach(() => jest.restoreAllMocks())

test('a warm instance tags without asking for the version until the check interval has passed', async () => {
  const { repo, state } = countingRepo()
  expect((await tagNow(repo, '护士爱答不理', null)).version).toBe(1)
  expect(state).toMatchObject({ versionReads: 1, lexiconReads: 1 })

  // Another instance saves a phrase: this one keeps its lexicon, and says which version made the tags.
  state.version = 2
  state.custom = [rude]
  clock += VERSION_CHECK_MS - 1
  const stale = await tagNow(repo, '护士爱答不理', null)
  expect(stale.version).toBe(1)
  expect(state).toMatchObject({ versionReads: 1, lexiconReads: 1 })

  clock += 1
  const current = await tagNow(repo, '护士爱答不理', null)
  expect(current.version).toBe(2)
  expect(current.tagging).not.toEqual(stale.tagging)
  expect(state).toMatchObject({ versionReads: 2, lexiconReads: 2 })
  // An unchanged version after the interval costs the version read only.
  clock += VERSION_CHECK_MS
  await tagNow(repo, '护士爱答不理', null)
  expect(state).toMatchObject({ versionReads: 3, lexiconReads: 2 })
})

test('`fresh` and a change made on this instance read the version at once', async () => {
  const { repo, state } = countingRepo()
  await tagNow(repo, '态度很好', null)
  state.version = 2
  expect((await tagNow(repo, '态度很好', null, { fresh: true })).version).toBe(2)
  state.version = 3
  forgetLexicon(repo)
  expect((await tagNow(repo, '态度很好', null)).version).toBe(3)
  expect(state).toMatchObject({ versionReads: 3, lexiconReads: 3 })
})

import { createHash } from 'node:crypto'
import type { CustomLexiconEntry } from '../../../contract'
import type { VoiceRepo } from '../../domain/voice/repo'
import { readAll, type CloudDb, type Doc } from './db'
import { nextSeq } from './platform-repo'
import { C } from './schema'

export interface LexiconDoc extends Doc, CustomLexiconEntry {}

/** One document per phrase: the phrase's hash is its `_id`, so a phrase cannot be there twice. */
const lexiconId = (phrase: string) => createHash('sha256').update(phrase).digest('hex').slice(0, 32)

/** The counters sequence that versions the lexicon; absent means the first version. */
const VERSION_COUNTER = 'voiceLexicon'
const FIRST_VERSION = 1

const toEntry = ({ _id: _, ...entry }: LexiconDoc): CustomLexiconEntry => entry

export function createVoiceRepo(db: CloudDb): VoiceRepo {
  const lexicon = () => db.collection<LexiconDoc>(C.voiceLexicon)
  return {
    async customLexicon() {
      const docs = await readAll(lexicon().orderBy('updatedAt', 'desc'))
      return docs
        .map(toEntry)
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.phrase.localeCompare(b.phrase))
    },

    async saveLexiconEntry(draft, at) {
      await db.runTransaction(async (tx) => {
        const entry: Omit<LexiconDoc, '_id'> = { ...draft, updatedAt: at.toISOString() }
        await tx.collection<LexiconDoc>(C.voiceLexicon).doc(lexiconId(draft.phrase)).set({ data: entry })
        await nextSeq(tx, VERSION_COUNTER)
      })
    },

    async removeLexiconEntry(phrase) {
      return db.runTransaction(async (tx) => {
        const doc = tx.collection<LexiconDoc>(C.voiceLexicon).doc(lexiconId(phrase))
        const { data } = await doc.get()
        if (data === null) return false
        await doc.remove()
        await nextSeq(tx, VERSION_COUNTER)
        return true
      })
    },

    async lexiconVersion() {
      const { data } = await db.collection<Doc & { value: number }>(C.counters).doc(VERSION_COUNTER).get()
      return FIRST_VERSION + (data?.value ?? 0)
    },
  }
}

import { randomUUID } from 'node:crypto'
import { PHRASE_SCENES, type PhraseEntry, type PhraseScene } from '../../../contract'
import type { FeedbackRepo } from '../../domain/feedback/repo'
import { readAll, type CloudDb, type Doc } from './db'
import { C } from './schema'

export interface PhraseDoc extends Doc {
  scene: PhraseScene
  situation: string
  recommended: string[]
  forbidden: string[]
  sort: number
  updatedAt: string
}

export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

const toPhrase = (doc: PhraseDoc): PhraseEntry => ({
  id: doc._id,
  scene: doc.scene,
  situation: doc.situation,
  recommended: doc.recommended,
  forbidden: doc.forbidden,
})

/** 暖语手册: the phrase book, kept in book order per scene. */
export function phraseMethods(db: CloudDb): Pick<FeedbackRepo, 'listPhrases' | 'savePhrase'> {
  const phrases = () => db.collection<PhraseDoc>(C.feedbackPhrases)
  return {
    async listPhrases({ scene, q }) {
      const docs = await readAll(scene ? phrases().where({ scene }) : phrases())
      const matches = (doc: PhraseDoc) =>
        !q || [doc.situation, ...doc.recommended, ...doc.forbidden].join(' ').includes(q)
      return docs
        .filter(matches)
        .sort(
          (a, b) =>
            PHRASE_SCENES.indexOf(a.scene) - PHRASE_SCENES.indexOf(b.scene) ||
            a.sort - b.sort ||
            byText(a.situation, b.situation),
        )
        .map(toPhrase)
    },

    async savePhrase(draft, at) {
      const fields = {
        scene: draft.scene,
        situation: draft.situation,
        recommended: draft.recommended,
        forbidden: draft.forbidden,
        updatedAt: at.toISOString(),
      }
      if (draft.id) {
        // Phrases are never removed; `stats.updated` is 0 for an unchanged save, so existence is read.
        const ref = phrases().doc(draft.id)
        const { data: existing } = await ref.get()
        if (!existing) return null
        await ref.update({ data: fields })
        return toPhrase({ ...existing, ...fields })
      }
      const { data: last } = await phrases().where({ scene: draft.scene }).orderBy('sort', 'desc').limit(1).get()
      const doc: PhraseDoc = { _id: randomUUID(), ...fields, sort: (last[0]?.sort ?? 0) + 1 }
      await phrases().add({ data: doc })
      return toPhrase(doc)
    },
  }
}

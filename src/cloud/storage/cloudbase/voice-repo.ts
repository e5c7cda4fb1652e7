import { createHash } from 'node:crypto'
import type { CustomLexiconEntry, LexiconEntry, Tagging } from '../../../contract'
import {
  textKey,
  type BackfillCursor,
  type StoredTags,
  type TaggedSource,
  type TagTarget,
  type TextToTag,
  type VoiceRepo,
} from '../../domain/voice/repo'
import { addOnce, byIds, readAll, runTransactionPatiently, type CloudDb, type Doc, type Where } from './db'
import { nextSeq } from './platform-repo'
import type { ItemDoc } from './feedback-docs'
import { C } from './schema'

export interface LexiconDoc extends Doc, CustomLexiconEntry {}

/** One document per phrase: the phrase's hash is its `_id`, so a phrase cannot be there twice. */
const lexiconId = (phrase: string) => createHash('sha256').update(phrase).digest('hex').slice(0, 32)

/** The counters sequence that versions the lexicon; absent means the first version. */
const VERSION_COUNTER = 'voiceLexicon'
const FIRST_VERSION = 1

/** The counters document that holds where the back-fill of untagged texts stands. */
const BACKFILL_DOC = 'voiceBackfill'

/** A survey response as the back-fill reads it. */
interface CommentDoc extends Doc, Omit<TagTarget, 'source' | 'sourceId'> {
  comment: string | null
}

/** One document per tagged text: `_id` is `source:sourceId`. */
export interface TagsDoc extends Doc, StoredTags {
  version: number
}

/** The stored form of a text's tags: only what names where it counts, never the text. */
export const tagsDoc = (target: TagTarget, tagging: Tagging, version: number): Omit<TagsDoc, '_id'> => ({
  source: target.source,
  sourceId: target.sourceId,
  departmentId: target.departmentId,
  month: target.month,
  visitType: target.visitType,
  tagging,
  version,
})

export const tagsId = (source: TaggedSource, sourceId: string) => `${source}:${sourceId}`
const toStored = ({ _id: _, version: __, ...stored }: TagsDoc): StoredTags => stored

const toEntry = ({ _id: _, ...entry }: LexiconDoc): CustomLexiconEntry => entry

export interface LexiconSeedDoc extends Doc, LexiconEntry {}

/**
 * The built-in lexicon as the documents `setup:cloud-db` adds: adding again skips what is there.
 * The caller hands the lexicon over, so no deployed function carries it.
 */
export const lexiconSeedDocs = (entries: readonly LexiconEntry[]): LexiconSeedDoc[] =>
  entries.map((entry) => ({ _id: lexiconId(entry.phrase), ...entry }))

export function createVoiceRepo(db: CloudDb): VoiceRepo {
  const lexicon = () => db.collection<LexiconDoc>(C.voiceLexicon)
  const repo: VoiceRepo = {
    async seededLexicon() {
      const docs = await readAll(db.collection<LexiconSeedDoc>(C.voiceLexiconSeed))
      return docs
        .map(({ _id: _, ...entry }): LexiconEntry => entry)
        .sort((a, b) => (a.phrase < b.phrase ? -1 : a.phrase > b.phrase ? 1 : 0))
    },

    async customLexicon() {
      const docs = await readAll(lexicon().orderBy('updatedAt', 'desc'))
      return docs
        .map(toEntry)
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.phrase.localeCompare(b.phrase))
    },

    // Every change writes the one version document, so admins saving at once conflict: retried patiently.
    async saveLexiconEntry(draft, at) {
      await runTransactionPatiently(db, async (tx) => {
        const entry: Omit<LexiconDoc, '_id'> = { ...draft, updatedAt: at.toISOString() }
        await tx.collection<LexiconDoc>(C.voiceLexicon).doc(lexiconId(draft.phrase)).set({ data: entry })
        await nextSeq(tx, VERSION_COUNTER)
      })
    },

    async removeLexiconEntry(phrase) {
      return runTransactionPatiently(db, async (tx) => {
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

    async saveTags(target, tagging, version, options = {}) {
      // A text's first tags are one `add`, no transaction. Only when tags are there already (a re-tag,
      // or the back-fill got to a new text first) is the stored version read and compared.
      const first = { _id: tagsId(target.source, target.sourceId), ...tagsDoc(target, tagging, version) }
      if (!options.retag && (await addOnce(db.collection<TagsDoc>(C.voiceTags), first))) return
      // An older tagging that arrives late (a slow submit racing the re-tag sweep) loses to the newer one.
      await db.runTransaction(async (tx) => {
        const doc = tx.collection<TagsDoc>(C.voiceTags).doc(tagsId(target.source, target.sourceId))
        const { data } = await doc.get()
        if (data !== null && data.version > version) return
        await doc.set({ data: tagsDoc(target, tagging, version) })
      })
    },

    async staleTags(version, limit) {
      const _ = db.command
      const { data: stale } = await db
        .collection<TagsDoc>(C.voiceTags)
        .where({ version: _.lt(version) })
        .orderBy('version', 'asc')
        .limit(limit)
        .get()
      const texts = await repo.textsOf(stale)
      return stale.map(({ _id: _id, version: _version, tagging: _tagging, ...target }) => ({
        target,
        text: texts.get(textKey(target)) ?? '',
      }))
    },

    async untaggedTexts(after, limit) {
      // Complaints and praise (`f:` and the _id), then survey comments (`s:` and the _id): one collection per call.
      const survey = after?.startsWith('s:') ?? false
      const from = after?.slice(2) ?? ''
      const all = db.collection<Doc>(survey ? C.responses : C.feedbackItems)
      const rest = from === '' ? all : all.where({ _id: db.command.gt(from) })
      const { data } = await rest.orderBy('_id', 'asc').limit(limit).get()
      const candidates: TextToTag[] = survey
        ? (data as CommentDoc[])
            .filter((doc) => (doc.comment ?? '') !== '')
            .map((doc) => ({
              target: {
                source: 'survey',
                sourceId: doc._id,
                departmentId: doc.departmentId,
                month: doc.month,
                visitType: doc.visitType,
              },
              text: doc.comment ?? '',
            }))
        : (data as ItemDoc[]).map((doc) => ({
            target: {
              source: doc.kind,
              sourceId: doc._id,
              departmentId: doc.departmentId,
              month: doc.month,
              visitType: null,
            },
            text: doc.text,
          }))
      const tagged = await byIds<TagsDoc>(
        db,
        C.voiceTags,
        candidates.map(({ target }) => tagsId(target.source, target.sourceId)),
      )
      const texts = candidates.filter(({ target }) => !tagged.has(tagsId(target.source, target.sourceId)))
      const last = data[data.length - 1]
      const next = data.length === limit ? `${survey ? 's' : 'f'}:${last._id}` : survey ? null : 's:'
      return { texts, next }
    },

    async backfillCursor() {
      const { data } = await db.collection<Doc & { cursor: BackfillCursor }>(C.counters).doc(BACKFILL_DOC).get()
      return data?.cursor ?? null
    },

    async saveBackfillCursor(cursor) {
      await db.collection<Doc & { cursor: BackfillCursor }>(C.counters).doc(BACKFILL_DOC).set({ data: { cursor } })
    },

    async textsOf(targets) {
      const idsOf = (feedback: boolean) =>
        targets.filter((target) => (target.source !== 'survey') === feedback).map((target) => target.sourceId)
      const items = await byIds<Doc & { kind: TaggedSource; text: string }>(db, C.feedbackItems, idsOf(true))
      const responses = await byIds<Doc & { comment: string | null }>(db, C.responses, idsOf(false))
      return new Map([
        ...[...items.values()].map((item) => [textKey({ source: item.kind, sourceId: item._id }), item.text] as const),
        ...[...responses.values()].map(
          (response) => [textKey({ source: 'survey', sourceId: response._id }), response.comment ?? ''] as const,
        ),
      ])
    },

    async tagsOf(source, ids) {
      const docs = await byIds<TagsDoc>(
        db,
        C.voiceTags,
        ids.map((id) => tagsId(source, id)),
      )
      return new Map([...docs.values()].map((doc) => [doc.sourceId, toStored(doc)]))
    },

    async tagsIn({ from, to, departmentId }) {
      const _ = db.command
      const where: Where = { month: _.gte(from).and(_.lte(to)) }
      if (departmentId !== null) where.departmentId = departmentId
      const docs = await readAll(db.collection<TagsDoc>(C.voiceTags).where(where))
      return docs
        .map(toStored)
        .sort(
          (a, b) =>
            a.month.localeCompare(b.month) || a.source.localeCompare(b.source) || a.sourceId.localeCompare(b.sourceId),
        )
    },
  }
  return repo
}

import { makeAutoObservable, runInAction } from 'mobx'
import { PHRASE_SCENES, type PhraseEntry, type PhraseScene } from '../../contract'
import type { ApiClient } from '../../services/api/client'
import { LoadState } from '../support/load-state'
import { Submission } from '../support/submission'
import type { UiStore } from '../ui-store'

export interface PhraseForm {
  id: string | null
  scene: PhraseScene
  situation: string
  /** One phrase a line. */
  recommended: string
  forbidden: string
}

const emptyPhraseForm = (): PhraseForm => ({
  id: null,
  scene: '导诊/挂号',
  situation: '',
  recommended: '',
  forbidden: '',
})
const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)

/** 暖语手册: the phrase book by scene and search, and the admin's editor. */
export class FeedbackPhrasesStore {
  phrases: PhraseEntry[] = []
  scene: PhraseScene | null = null
  query = ''
  phraseForm: PhraseForm | null = null

  readonly phrasesLoading = new LoadState()
  readonly savingPhrase: Submission<PhraseEntry>

  constructor(
    private readonly api: ApiClient,
    private readonly ui: UiStore,
  ) {
    this.savingPhrase = new Submission((requestId) => {
      const form = this.phraseForm ?? emptyPhraseForm()
      const entry = {
        scene: form.scene,
        situation: form.situation,
        recommended: lines(form.recommended),
        forbidden: lines(form.forbidden),
      }
      return this.api.call('feedback', 'savePhrase', form.id ? { ...entry, id: form.id } : entry, { requestId })
    })
    makeAutoObservable<FeedbackPhrasesStore, 'api' | 'ui'>(this, { api: false, ui: false })
  }

  /** The scene the picker points at; the list is grouped by scene and scrolls to it. */
  setScene(scene: PhraseScene | null) {
    this.scene = scene
  }

  /** Searches as the person types: the whole book is on the device, so no round trip per key. */
  setQuery(query: string) {
    this.query = query
  }

  /** Entries matching the query, grouped by scene in the book's order; scenes with none are left out. */
  get groups(): { scene: PhraseScene; entries: PhraseEntry[] }[] {
    const words = this.query.trim().toLowerCase().split(/\s+/).filter(Boolean)
    const matches = (entry: PhraseEntry) => {
      const text = [entry.situation, ...entry.recommended, ...entry.forbidden].join('\n').toLowerCase()
      return words.every((word) => text.includes(word))
    }
    return PHRASE_SCENES.map((scene) => ({
      scene,
      entries: this.phrases.filter((entry) => entry.scene === scene && matches(entry)),
    })).filter((group) => group.entries.length > 0)
  }

  get matchCount(): number {
    return this.groups.reduce((sum, group) => sum + group.entries.length, 0)
  }

  async loadPhrases() {
    const phrases = await this.phrasesLoading.run(() => this.api.call('feedback', 'phrases', {}))
    if (phrases) runInAction(() => (this.phrases = phrases))
  }

  /** Opens the admin editor on an entry, or on a new one. */
  editPhrase(entry: PhraseEntry | null) {
    this.phraseForm = entry
      ? {
          id: entry.id,
          scene: entry.scene,
          situation: entry.situation,
          recommended: entry.recommended.join('\n'),
          forbidden: entry.forbidden.join('\n'),
        }
      : emptyPhraseForm()
  }

  setPhraseForm(patch: Partial<PhraseForm>) {
    if (this.phraseForm) this.phraseForm = { ...this.phraseForm, ...patch }
  }

  cancelPhrase() {
    this.phraseForm = null
  }

  async savePhrase() {
    const saved = await this.savingPhrase.submit()
    if (!saved) return
    runInAction(() => (this.phraseForm = null))
    this.ui.toast('已保存')
    await this.loadPhrases()
  }
}

import { makeAutoObservable, runInAction } from 'mobx'
import {
  ANALYZE_TEXT_MAX,
  type CanonicalThemeId,
  type CustomLexiconEntry,
  type LexiconKind,
  type LexiconView,
  type Tagging,
  type VisitType,
} from '../contract'
import type { ApiClient } from '../services/api/client'
import { failureMessage } from '../services/api/errors'
import { LoadState } from './support/load-state'
import { Submission } from './support/submission'
import type { UiStore } from './ui-store'

export interface LexiconForm {
  phrase: string
  kind: LexiconKind
  theme: CanonicalThemeId | null
  /** As typed: parsed when saved, so 「-0.」 can be on its way to 「-0.5」. */
  weight: string
}

const emptyForm = (): LexiconForm => ({ phrase: '', kind: 'term', theme: null, weight: '-0.6' })

/** Admin: the hospital's own phrases for the comment tagger, and the 试一试 box that shows what it reads. */
export class VoiceStore {
  lexicon: LexiconView | null = null
  readonly loading = new LoadState()
  form: LexiconForm = emptyForm()
  readonly saving: Submission<LexiconView>

  trialText = ''
  trialVisitType: VisitType | null = null
  trialResult: Tagging | null = null
  readonly trying = new LoadState()

  constructor(
    private readonly api: ApiClient,
    private readonly ui: UiStore,
  ) {
    this.saving = new Submission((requestId) =>
      this.api.call(
        'voice',
        'saveLexiconEntry',
        { ...this.form, phrase: this.form.phrase.trim(), weight: Number(this.form.weight) },
        { requestId },
      ),
    )
    makeAutoObservable<VoiceStore, 'api' | 'ui'>(this, { api: false, ui: false })
  }

  async load() {
    const view = await this.loading.run(() => this.api.call('voice', 'lexicon', undefined))
    if (view) runInAction(() => (this.lexicon = view))
  }

  setForm(patch: Partial<LexiconForm>) {
    this.form = { ...this.form, ...patch }
  }

  /** The form stays filled when the save fails, so the admin fixes the field and saves again. */
  async save() {
    const view = await this.saving.submit()
    if (!view) return
    runInAction(() => {
      this.lexicon = view
      this.form = emptyForm()
    })
    this.ui.toast('已保存，新评论和试一试立即生效')
    await this.retry()
  }

  async setEnabled(entry: CustomLexiconEntry, enabled: boolean) {
    const { updatedAt: _, ...fields } = entry
    await this.change(
      () => this.api.call('voice', 'saveLexiconEntry', { ...fields, enabled }),
      enabled ? '已启用' : '已停用',
    )
  }

  async remove(entry: CustomLexiconEntry) {
    await this.change(() => this.api.call('voice', 'removeLexiconEntry', { phrase: entry.phrase }), '已删除')
  }

  setTrialText(text: string) {
    this.trialText = text
  }

  setTrialVisitType(visitType: VisitType | null) {
    this.trialVisitType = visitType
  }

  get trialTooLong() {
    return this.trialText.length > ANALYZE_TEXT_MAX
  }

  async tryText() {
    if (this.trialTooLong) return
    const input = this.trialVisitType
      ? { text: this.trialText, visitType: this.trialVisitType }
      : { text: this.trialText }
    const result = await this.trying.run(() => this.api.call('survey', 'analyzeText', input))
    if (result) runInAction(() => (this.trialResult = result))
  }

  /** After the lexicon changed, the text in the box is read again with it. */
  private async retry() {
    if (this.trialResult && this.trialText) await this.tryText()
  }

  private async change(write: () => Promise<LexiconView>, done: string) {
    try {
      const view = await write()
      runInAction(() => (this.lexicon = view))
      this.ui.toast(done)
      await this.retry()
    } catch (error) {
      this.ui.toast(failureMessage(error))
    }
  }
}

import { makeAutoObservable, runInAction } from 'mobx'
import { importRosterInput, type ImportRosterResult } from '../contract'
import type { ApiClient } from '../services/api/client'
import { clearDraft, persistDraft } from './support/draft'
import type { KeyValueStorage } from './support/storage'
import { Submission } from './support/submission'
import type { UiStore } from './ui-store'

export const ROSTER_DRAFT_KEY = 'renxin.roster.draft'

/** Admin: imports departments and the staff roster pasted from HR's Excel export. */
export class RosterStore {
  text = ''
  result: ImportRosterResult | null = null
  /** Refused on the device before sending: nothing pasted, or too much for one request. */
  textError: string | null = null
  readonly submission: Submission<ImportRosterResult>

  constructor(
    private readonly api: ApiClient,
    private readonly ui: UiStore,
    private readonly storage: KeyValueStorage,
  ) {
    this.submission = new Submission((requestId) =>
      this.api.call('identity', 'importRoster', { text: this.text }, { requestId }),
    )
    makeAutoObservable<RosterStore, 'api' | 'ui' | 'storage'>(this, { api: false, ui: false, storage: false })
    persistDraft(
      storage,
      ROSTER_DRAFT_KEY,
      () => this.text,
      (saved: string) => (this.text = saved),
    )
  }

  /** Non-blank lines after the header. */
  get rowCount(): number {
    return Math.max(
      0,
      this.text.split(/\r\n|\r|\n/).filter((line) => line.replace(/[\t,]/g, '').trim() !== '').length - 1,
    )
  }

  setText(text: string) {
    this.text = text
    this.textError = null
  }

  /** The pasted text stays until every line went in, so the lines in error can be fixed and sent again. */
  async importRoster() {
    const checked = importRosterInput.safeParse({ text: this.text })
    if (!checked.success) {
      this.textError = checked.error.issues[0].message
      return
    }
    const result = await this.submission.submit()
    if (!result) return
    runInAction(() => {
      this.result = result
      if (result.errors.length === 0) this.text = ''
    })
    if (result.errors.length === 0) clearDraft(this.storage, ROSTER_DRAFT_KEY)
    this.ui.toast(result.errors.length === 0 ? '导入完成' : `导入完成，${result.errors.length}行有误`)
  }
}

import { makeAutoObservable, runInAction } from 'mobx'
import type { CsvExport, ExcellentList, ExcellentShortlist } from '../../contract'
import { chinaYear } from '../../contract/month'
import type { ApiClient } from '../../services/api/client'
import { runExport } from '../support/export'
import { LoadState } from '../support/load-state'
import { Submission } from '../support/submission'
import type { UiStore } from '../ui-store'

/**
 * The yearly recognition: the 优秀志愿者 list everyone sees on the hall, and the administrator's
 * work on it (the shortlist, the choice, publishing), with the national record's upload file.
 */
export class VolunteerRecognitionStore {
  /** The latest published list, for the hall. */
  list: ExcellentList | null = null
  readonly listLoading = new LoadState()

  year = chinaYear(new Date())
  shortlist: ExcellentShortlist | null = null
  readonly shortlistLoading = new LoadState()
  /** The candidates the administrator keeps on the list; all of them to begin with. */
  chosen: string[] = []
  readonly publishing: Submission<ExcellentList>
  readonly exportingNational: Submission<CsvExport>

  constructor(
    private readonly api: ApiClient,
    private readonly ui: UiStore,
  ) {
    this.publishing = new Submission((requestId) =>
      this.api.call('volunteer', 'publishExcellent', { year: this.year, userIds: this.chosen }, { requestId }),
    )
    this.exportingNational = new Submission((requestId) =>
      this.api.call('volunteer', 'exportNationalRecords', { year: this.year }, { requestId }),
    )
    makeAutoObservable<VolunteerRecognitionStore, 'api' | 'ui'>(this, { api: false, ui: false })
  }

  get canGoForward(): boolean {
    return this.year < chinaYear(new Date())
  }

  async loadList() {
    const list = await this.listLoading.run(() => this.api.call('volunteer', 'excellent', {}))
    if (list) runInAction(() => (this.list = list))
  }

  async stepYear(delta: number) {
    if (delta > 0 && !this.canGoForward) return
    this.year += delta
    await this.loadShortlist()
  }

  async loadShortlist() {
    const year = this.year
    const shortlist = await this.shortlistLoading.run(() => this.api.call('volunteer', 'excellentShortlist', { year }))
    if (!shortlist || year !== this.year) return
    runInAction(() => {
      this.shortlist = shortlist
      this.chosen = shortlist.candidates.map((c) => c.userId)
    })
  }

  isChosen(userId: string): boolean {
    return this.chosen.includes(userId)
  }

  toggle(userId: string) {
    this.chosen = this.isChosen(userId) ? this.chosen.filter((id) => id !== userId) : [...this.chosen, userId]
  }

  async publish() {
    const list = await this.publishing.submit()
    if (!list) {
      this.ui.toast(this.publishing.error ?? '发布失败')
      return
    }
    runInAction(() => {
      if (this.shortlist) this.shortlist = { ...this.shortlist, published: list.published }
      this.list = list
    })
    this.ui.toast(`${list.year} 年优秀志愿者名单已发布`)
  }

  exportNational(): Promise<CsvExport | undefined> {
    return runExport(this.exportingNational, this.ui)
  }
}

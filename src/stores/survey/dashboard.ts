import { makeAutoObservable, runInAction } from 'mobx'
import type { Dashboard, CsvExport, Improvement } from '../../contract'
import { monthOf, shiftMonth } from '../../contract/month'
import type { ApiClient } from '../../services/api/client'
import { failureMessage } from '../../services/api/errors'
import { LoadState } from '../support/load-state'
import { Submission } from '../support/submission'
import type { UiStore } from '../ui-store'

/** Months shown when the dashboard opens: this quarter-ish window, ending this month. */
const DEFAULT_MONTHS = 3

/** A manager's view of their department (an admin picks one): items, weak spots, comments, export. */
export class SurveyDashboardStore {
  departmentId: string | null = null
  to: string
  from: string
  dashboard: Dashboard | null = null
  /** The last export of the range shown, waiting for the person to save or send it. */
  exported: CsvExport | null = null
  exporting = false
  /** 你说·我们做 being written, opened from one of the weakest items; `null` when closed. */
  improvement: { said: string; did: string } | null = null
  /** Kept across a failed try, so a retry carries the same request id and the text typed. */
  publishing: Submission<Improvement> = this.newPublishing()
  readonly loading = new LoadState()

  constructor(
    private readonly api: ApiClient,
    private readonly ui: UiStore,
    now: Date = new Date(),
  ) {
    this.to = monthOf(now)
    this.from = shiftMonth(this.to, 1 - DEFAULT_MONTHS)
    makeAutoObservable<SurveyDashboardStore, 'api' | 'ui'>(this, { api: false, ui: false })
  }

  setDepartment(departmentId: string) {
    this.departmentId = departmentId
    void this.load()
  }

  /** How many months the range spans, ending with `to`. */
  get rangeMonths(): number {
    const [fromYear, fromMonth] = this.from.split('-').map(Number)
    const [toYear, toMonth] = this.to.split('-').map(Number)
    return (toYear - fromYear) * 12 + (toMonth - fromMonth) + 1
  }

  /** The one range control: how many months, ending with the month shown. */
  setRangeMonths(months: number) {
    this.from = shiftMonth(this.to, 1 - months)
    void this.load()
  }

  /** Moves the whole range by months, keeping its length; never past `latest` (this month). */
  stepRange(delta: number, latest: string = monthOf(new Date())) {
    const to = shiftMonth(this.to, delta)
    if (to > latest) return
    const months = this.rangeMonths
    this.to = to
    this.from = shiftMonth(to, 1 - months)
    void this.load()
  }

  async load() {
    const { departmentId, from, to } = this
    this.exported = null
    if (!departmentId) return
    const dashboard = await this.loading.run(() => this.api.call('survey', 'dashboard', { departmentId, from, to }))
    if (dashboard) runInAction(() => (this.dashboard = dashboard))
  }

  /** Opens the form, with what patients said put in the weakest item's words where there is one. */
  startImprovement(itemLabel?: string) {
    this.improvement = { said: itemLabel ? `患者对“${itemLabel}”的满意度偏低` : '', did: '' }
    this.publishing = this.newPublishing()
  }

  editImprovement(patch: Partial<{ said: string; did: string }>) {
    if (this.improvement) this.improvement = { ...this.improvement, ...patch }
  }

  cancelImprovement() {
    this.improvement = null
  }

  async publishImprovement() {
    const published = await this.publishing.submit()
    if (!published) return
    runInAction(() => (this.improvement = null))
    this.ui.toast('已在满意度公示中发布')
  }

  private newPublishing() {
    return new Submission<Improvement>((requestId) => {
      const { departmentId, improvement } = this
      if (!departmentId || !improvement) throw new Error('publish without a department or text')
      return this.api.call(
        'survey',
        'publishImprovement',
        { departmentId, said: improvement.said.trim(), did: improvement.did.trim() },
        { requestId },
      )
    })
  }

  /** Fetches the CSV text (with BOM) and a file name; saving it is the platform's business. */
  async exportCsv() {
    const { departmentId, from, to } = this
    if (!departmentId || this.exporting) return
    this.exporting = true
    try {
      const exported = await this.api.call('survey', 'export', { departmentId, from, to })
      runInAction(() => (this.exported = exported))
    } catch (error) {
      this.ui.toast(failureMessage(error))
    } finally {
      runInAction(() => (this.exporting = false))
    }
  }
}

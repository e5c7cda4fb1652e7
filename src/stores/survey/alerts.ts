import { makeAutoObservable, runInAction } from 'mobx'
import type { AlertView, FollowUpAction } from '../../contract'
import type { ApiClient } from '../../services/api/client'
import { LoadState } from '../support/load-state'
import { Submission } from '../support/submission'
import type { UiStore } from '../ui-store'

export type AlertListFilter = 'open' | 'overdue' | 'closed'

export interface FollowUpForm {
  action: FollowUpAction | null
  note: string
}

const emptyForm = (): FollowUpForm => ({ action: null, note: '' })

/** 差评跟进: low-score alerts of the manager's department (an admin's: all), with follow-up and close. */
export class SurveyAlertsStore {
  filter: AlertListFilter = 'open'
  /** An administrator's narrowing to one department; `null` is every department (a manager's own). */
  departmentId: string | null = null
  alerts: AlertView[] = []
  /** The alert whose follow-up form is open; one at a time keeps the list readable. */
  activeId: string | null = null
  form: FollowUpForm = emptyForm()
  actionMissing = false
  /** New for each alert opened, so a retried request id never lands on another alert. */
  followUp: Submission<AlertView> | null = null
  closing: Submission<AlertView> | null = null
  readonly loading = new LoadState()

  constructor(
    private readonly api: ApiClient,
    private readonly ui: UiStore,
  ) {
    makeAutoObservable<SurveyAlertsStore, 'api' | 'ui'>(this, { api: false, ui: false })
  }

  /** The alert whose form is open. */
  get active(): AlertView | null {
    return this.alerts.find((a) => a.id === this.activeId) ?? null
  }

  setFilter(filter: AlertListFilter) {
    this.filter = filter
    this.activate(null)
    void this.load()
  }

  setDepartment(departmentId: string | null) {
    this.departmentId = departmentId
    this.activate(null)
    void this.load()
  }

  async load() {
    const { filter, departmentId } = this
    const alerts = await this.loading.run(() =>
      this.api.call('survey', 'alerts', departmentId ? { filter, departmentId } : { filter }),
    )
    if (alerts) runInAction(() => (this.alerts = alerts))
  }

  activate(alertId: string | null) {
    this.activeId = alertId
    this.form = emptyForm()
    this.actionMissing = false
    if (!alertId) {
      this.followUp = this.closing = null
      return
    }
    this.followUp = new Submission((requestId) => {
      const { action, note } = this.form
      if (!action) throw new Error('follow-up without an action')
      return this.api.call('survey', 'followUp', { alertId, action, note }, { requestId })
    })
    this.closing = new Submission((requestId) =>
      this.api.call('survey', 'closeAlert', { alertId, note: this.form.note.trim() || undefined }, { requestId }),
    )
  }

  setForm(patch: Partial<FollowUpForm>) {
    this.form = { ...this.form, ...patch }
    if (patch.action) this.actionMissing = false
  }

  async submitFollowUp() {
    if (!this.form.action) {
      this.actionMissing = true
      return
    }
    this.replace(await this.followUp?.submit(), '已记录跟进')
  }

  async close() {
    this.replace(await this.closing?.submit(), '已关闭')
  }

  private replace(updated: AlertView | undefined, message: string) {
    if (!updated) return
    const keep = updated.status === 'open' || this.filter === 'closed'
    this.alerts = keep
      ? this.alerts.map((a) => (a.id === updated.id ? updated : a))
      : this.alerts.filter((a) => a.id !== updated.id)
    if (keep) this.form = emptyForm()
    else this.activate(null)
    this.ui.toast(message)
  }
}

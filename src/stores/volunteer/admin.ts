import { makeAutoObservable, runInAction } from 'mobx'
import type { PendingVolunteer, ServiceRecord, VolunteerRosterEntry } from '../../contract'
import type { ApiClient } from '../../services/api/client'
import { failureMessage } from '../../services/api/errors'
import { LoadState } from '../support/load-state'
import { Submission } from '../support/submission'
import type { UiStore } from '../ui-store'
import { formatHours } from '../../contract/month'

export interface AdjustForm {
  userId: string
  hours: string
  reason: string
}

const emptyAdjustForm = (): AdjustForm => ({ userId: '', hours: '', reason: '' })

/** The administrator's side: reviewing registrations and crediting hours in the ledger. */
export class VolunteerAdminStore {
  pending: PendingVolunteer[] = []
  readonly pendingLoading = new LoadState()
  rejectReasons: Record<string, string> = {}
  /** Approved volunteers, whom hours can be credited to. */
  roster: VolunteerRosterEntry[] = []
  readonly rosterLoading = new LoadState()
  adjustForm: AdjustForm = emptyAdjustForm()
  readonly adjusting: Submission<ServiceRecord>

  constructor(
    private readonly api: ApiClient,
    private readonly ui: UiStore,
  ) {
    this.adjusting = new Submission((requestId) =>
      this.api.call(
        'volunteer',
        'adjustHours',
        {
          userId: this.adjustForm.userId,
          minutes: Math.round(Number(this.adjustForm.hours) * 60),
          reason: this.adjustForm.reason,
        },
        { requestId },
      ),
    )
    makeAutoObservable<VolunteerAdminStore, 'api' | 'ui'>(this, { api: false, ui: false })
  }

  async loadPending() {
    const pending = await this.pendingLoading.run(() => this.api.call('volunteer', 'pending', {}))
    if (pending) runInAction(() => (this.pending = pending))
  }

  setRejectReason(userId: string, reason: string) {
    this.rejectReasons = { ...this.rejectReasons, [userId]: reason }
  }

  async decide(userId: string, approve: boolean) {
    try {
      if (approve) await this.api.call('volunteer', 'approve', { userId })
      else await this.api.call('volunteer', 'reject', { userId, reason: this.rejectReasons[userId] ?? '' })
      runInAction(() => (this.pending = this.pending.filter((p) => p.userId !== userId)))
      this.ui.toast(approve ? '已通过' : '已驳回')
      if (approve) await this.loadRoster()
    } catch (error) {
      this.ui.toast(failureMessage(error))
    }
  }

  async loadRoster() {
    const roster = await this.rosterLoading.run(() => this.api.call('volunteer', 'roster', {}))
    if (roster) runInAction(() => (this.roster = roster))
  }

  setAdjustForm(patch: Partial<AdjustForm>) {
    this.adjustForm = { ...this.adjustForm, ...patch }
  }

  async adjustHours() {
    const record = await this.adjusting.submit()
    if (!record) return
    runInAction(() => (this.adjustForm = emptyAdjustForm()))
    this.ui.toast(`已调整，该志愿者今年共 ${formatHours(record.minutesThisYear)}`)
  }
}

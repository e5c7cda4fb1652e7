import { makeAutoObservable, runInAction } from 'mobx'
import type { ServiceReport, VolunteerTeam } from '../../contract'
import { chinaDay } from '../../contract/month'
import type { ApiClient } from '../../services/api/client'
import { LoadState } from '../support/load-state'
import { Submission } from '../support/submission'
import type { UiStore } from '../ui-store'

export interface ReportForm {
  date: string
  place: string
  content: string
  hours: string
  team: VolunteerTeam | null
}

const emptyForm = (): ReportForm => ({ date: chinaDay(new Date()), place: '', content: '', hours: '', team: null })

/** 上报院外服务: the volunteer's reports, and the ones a team leader or admin has to decide. */
export class VolunteerReportStore {
  form: ReportForm = emptyForm()
  mine: ServiceReport[] = []
  readonly mineLoading = new LoadState()
  readonly reporting: Submission<ServiceReport>
  toApprove: ServiceReport[] = []
  readonly toApproveLoading = new LoadState()
  /** The reason typed for each report, needed to reject it. */
  notes: Record<string, string> = {}
  private readonly decisions = new Map<string, Submission<ServiceReport>>()

  constructor(
    private readonly api: ApiClient,
    private readonly ui: UiStore,
  ) {
    this.reporting = new Submission((requestId) =>
      this.api.call(
        'volunteer',
        'reportService',
        {
          date: this.form.date,
          place: this.form.place,
          content: this.form.content,
          // An empty field fails like any other invalid hours, under the same path.
          hours: this.form.hours.trim() === '' ? Number.NaN : Number(this.form.hours),
          team: this.form.team ?? undefined,
        },
        { requestId },
      ),
    )
    makeAutoObservable<VolunteerReportStore, 'api' | 'ui' | 'decisions'>(this, {
      api: false,
      ui: false,
      decisions: false,
    })
  }

  setForm(patch: Partial<ReportForm>) {
    this.form = { ...this.form, ...patch }
  }

  setNote(id: string, note: string) {
    this.notes = { ...this.notes, [id]: note }
  }

  async loadMine() {
    const mine = await this.mineLoading.run(() => this.api.call('volunteer', 'myReports', {}))
    if (mine) runInAction(() => (this.mine = mine))
  }

  async loadToApprove() {
    const reports = await this.toApproveLoading.run(() => this.api.call('volunteer', 'reportsToApprove', {}))
    if (reports) runInAction(() => (this.toApprove = reports))
  }

  /** The form stays as typed when the server refuses it. */
  async report() {
    const report = await this.reporting.submit()
    if (!report) {
      if (this.reporting.error && this.reporting.fields.length === 0) this.ui.toast(this.reporting.error)
      return
    }
    runInAction(() => {
      this.mine = [report, ...this.mine]
      this.form = emptyForm()
    })
    this.ui.toast('已上报，服务队队长审核后计入时长')
  }

  isDeciding(id: string): boolean {
    return this.decisions.get(id)?.isPending ?? false
  }

  /** One submission per report, so a double tap sends one decision. */
  async decide(id: string, approve: boolean) {
    let submission = this.decisions.get(id)
    if (submission?.isPending) return
    submission = new Submission((requestId) =>
      this.api.call('volunteer', 'approveService', { id, approve, note: this.notes[id] ?? '' }, { requestId }),
    )
    this.decisions.set(id, submission)
    const decided = await submission.submit()
    if (!decided) {
      this.ui.toast(submission.error ?? '审核失败')
      return
    }
    runInAction(() => (this.toApprove = this.toApprove.filter((r) => r.id !== id)))
    this.ui.toast(approve ? '已通过，时长已计入' : '已驳回')
  }
}

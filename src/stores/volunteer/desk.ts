import { makeAutoObservable, runInAction } from 'mobx'
import type { DeskView } from '../../contract'
import type { ApiClient } from '../../services/api/client'
import { LoadState } from '../support/load-state'
import { Submission } from '../support/submission'
import type { UiStore } from '../ui-store'

/** The service desk: what is waiting and overdue, who is on shift, and handing a request to a volunteer. */
export class VolunteerDeskStore {
  desk: DeskView | null = null
  readonly loading = new LoadState()
  /** The volunteer picked for each waiting request. */
  picks: Record<string, string> = {}
  private readonly assignments = new Map<string, Submission<unknown>>()

  constructor(
    private readonly api: ApiClient,
    private readonly ui: UiStore,
  ) {
    makeAutoObservable<VolunteerDeskStore, 'api' | 'ui' | 'assignments'>(this, {
      api: false,
      ui: false,
      assignments: false,
    })
  }

  async load() {
    const desk = await this.loading.run(() => this.api.call('volunteer', 'desk', {}))
    if (desk) runInAction(() => (this.desk = desk))
  }

  pick(requestId: string, volunteerId: string) {
    this.picks = { ...this.picks, [requestId]: volunteerId }
  }

  /** One submission per request, so a double tap sends one write and a retry keeps its id. */
  private assignment(requestId: string): Submission<unknown> {
    let submission = this.assignments.get(requestId)
    if (!submission) {
      submission = new Submission((writeId) =>
        this.api.call(
          'volunteer',
          'assign',
          { requestId, volunteerId: this.picks[requestId] ?? '' },
          { requestId: writeId },
        ),
      )
      this.assignments.set(requestId, submission)
    }
    return submission
  }

  isAssigning(requestId: string): boolean {
    return this.assignments.get(requestId)?.isPending ?? false
  }

  async assign(requestId: string) {
    if (!this.picks[requestId]) {
      this.ui.toast('请先选择在岗志愿者')
      return
    }
    const submission = this.assignment(requestId)
    if (submission.isPending) return
    const done = await submission.submit()
    if (done === undefined) this.ui.toast(submission.error ?? '指派失败')
    else {
      this.assignments.delete(requestId)
      this.ui.toast('已指派，志愿者会收到通知')
    }
    await this.load()
  }
}

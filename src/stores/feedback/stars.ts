import { makeAutoObservable, runInAction } from 'mobx'
import type { PublishedStars, StarComputation } from '../../contract'
import type { ApiClient } from '../../services/api/client'
import { LoadState } from '../support/load-state'
import { Submission } from '../support/submission'
import type { UiStore } from '../ui-store'

/** Service stars: the month's scores and the admin's picks to publish. */
export class FeedbackStarsStore {
  starMonth = ''
  starResult: StarComputation | null = null
  starPicks: string[] = []

  readonly starsLoading = new LoadState()
  readonly publishing: Submission<PublishedStars>

  constructor(
    private readonly api: ApiClient,
    private readonly ui: UiStore,
  ) {
    this.publishing = new Submission((requestId) =>
      this.api.call('feedback', 'publishStars', { month: this.starMonth, picks: this.picks }, { requestId }),
    )
    makeAutoObservable<FeedbackStarsStore, 'api' | 'ui'>(this, { api: false, ui: false })
  }

  setStarMonth(month: string) {
    this.starMonth = month
    void this.computeStars()
  }

  async computeStars() {
    const result = await this.starsLoading.run(() =>
      this.api.call('feedback', 'computeStars', { month: this.starMonth }),
    )
    if (!result) return
    runInAction(() => {
      this.starResult = result
      this.starPicks = result.published?.stars.map((s) => s.employeeNo) ?? []
    })
  }

  togglePick(employeeNo: string) {
    this.starPicks = this.starPicks.includes(employeeNo)
      ? this.starPicks.filter((p) => p !== employeeNo)
      : [...this.starPicks, employeeNo]
  }

  private get picks() {
    return (this.starResult?.departments ?? []).flatMap((d) =>
      d.staff
        .filter((s) => this.starPicks.includes(s.employeeNo))
        .map((s) => ({ departmentId: d.departmentId, employeeNo: s.employeeNo })),
    )
  }

  async publishStars() {
    const published = await this.publishing.submit()
    if (!published) {
      this.ui.toast(this.publishing.error ?? '发布失败')
      return
    }
    runInAction(() => this.starResult && (this.starResult = { ...this.starResult, published }))
    this.ui.toast(`已发布${published.month}服务明星`)
  }
}

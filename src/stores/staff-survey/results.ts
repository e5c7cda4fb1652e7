import { makeAutoObservable, runInAction } from 'mobx'
import type { CampaignView, CsvExport, StaffResults } from '../../contract'
import { chinaDay, DAY_MS } from '../../contract/month'
import type { ApiClient } from '../../services/api/client'
import { failureMessage } from '../../services/api/errors'
import { LoadState } from '../support/load-state'
import { Submission } from '../support/submission'
import type { UiStore } from '../ui-store'

export interface CampaignForm {
  title: string
  opensOn: string
  closesOn: string
}

const blankForm = (): CampaignForm => ({
  title: '',
  opensOn: chinaDay(new Date()),
  closesOn: chinaDay(new Date(Date.now() + 14 * DAY_MS)),
})

/** The organizers' side: every campaign, a new one (admins), and one campaign's results. */
export class StaffSurveyResultsStore {
  campaigns: CampaignView[] = []
  readonly listLoading = new LoadState()
  results: StaffResults | null = null
  readonly resultsLoading = new LoadState()
  form: CampaignForm = blankForm()
  readonly creating: Submission<CampaignView>

  constructor(
    private readonly api: ApiClient,
    private readonly ui: UiStore,
  ) {
    this.creating = new Submission((requestId) =>
      this.api.call('staffSurvey', 'createCampaign', { ...this.form }, { requestId }),
    )
    makeAutoObservable<StaffSurveyResultsStore, 'api' | 'ui'>(this, { api: false, ui: false })
  }

  async loadCampaigns() {
    const list = await this.listLoading.run(() => this.api.call('staffSurvey', 'campaigns', {}))
    if (!list) return
    runInAction(() => (this.campaigns = list))
    if (!this.results && list.length > 0) await this.loadResults(list[0].id)
  }

  async loadResults(campaignId: string) {
    const results = await this.resultsLoading.run(() => this.api.call('staffSurvey', 'results', { campaignId }))
    if (results) runInAction(() => (this.results = results))
  }

  setForm(patch: Partial<CampaignForm>) {
    this.form = { ...this.form, ...patch }
  }

  async create() {
    const created = await this.creating.submit()
    if (!created) return
    runInAction(() => {
      this.campaigns = [created, ...this.campaigns]
      this.form = blankForm()
    })
    this.ui.toast('调查已发布，全院职工将收到邀请')
    await this.loadResults(created.id)
  }

  async exportCsv(): Promise<CsvExport | null> {
    if (!this.results) return null
    try {
      return await this.api.call('staffSurvey', 'exportResults', { campaignId: this.results.campaign.id })
    } catch (error) {
      this.ui.toast(failureMessage(error))
      return null
    }
  }
}

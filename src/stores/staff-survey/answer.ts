import { makeAutoObservable, runInAction, type IReactionDisposer } from 'mobx'
import type { CampaignView, OpenCampaignResult, StaffSubmitResult } from '../../contract'
import type { ApiClient } from '../../services/api/client'
import { ApiFailure } from '../../services/api/errors'
import { clearDraft, persistDraft } from '../support/draft'
import { QuestionnaireDraft, type QuestionnaireAnswers } from '../support/questionnaire-draft'
import { LoadState } from '../support/load-state'
import type { KeyValueStorage } from '../support/storage'
import { Submission } from '../support/submission'

/** What the staff member has chosen so far; `null` in answers is 不适用. */
export type StaffDraft = QuestionnaireAnswers

const DRAFT_PREFIX = 'renxin.staffSurvey.draft.'
const emptyDraft = (): StaffDraft => ({ answers: {}, recommend: null, comment: '' })

/** The staff member's side: the open campaigns (the 学习签到 card), one questionnaire, one submit. */
export class StaffSurveyAnswerStore {
  campaigns: CampaignView[] = []
  readonly listLoading = new LoadState()
  opened: OpenCampaignResult | null = null
  readonly openLoading = new LoadState()
  /** Set once this campaign is answered, here or before (CONFLICT). */
  done = false
  submission: Submission<StaffSubmitResult> = this.newSubmission('')
  readonly draft = new QuestionnaireDraft<StaffDraft>(
    emptyDraft,
    () => this.items,
    () => this.submission,
    '请选择推荐意愿（0–10分）',
  )
  private stopDraft: IReactionDisposer | null = null

  constructor(
    private readonly api: ApiClient,
    private readonly storage: KeyValueStorage,
  ) {
    makeAutoObservable<StaffSurveyAnswerStore, 'api' | 'storage' | 'stopDraft'>(this, {
      draft: false,
      api: false,
      storage: false,
      stopDraft: false,
    })
  }

  /** Open campaigns the person has not answered yet: what the card on the 学习签到 tab invites to. */
  get waiting(): CampaignView[] {
    return this.campaigns.filter((c) => c.status === 'open' && !c.answered)
  }

  get items() {
    return this.opened?.questionnaire.items ?? []
  }

  async loadCampaigns() {
    const list = await this.listLoading.run(() => this.api.call('staffSurvey', 'campaigns', {}))
    if (list) runInAction(() => (this.campaigns = list))
  }

  /** Opens a campaign, with the draft this device kept for it. */
  async open(campaignId: string) {
    this.close()
    const opened = await this.openLoading.run(() => this.api.call('staffSurvey', 'openCampaign', { campaignId }))
    if (!opened) return
    runInAction(() => {
      this.opened = opened
      this.done = opened.campaign.answered
      this.submission = this.newSubmission(campaignId)
      this.stopDraft = persistDraft(
        this.storage,
        DRAFT_PREFIX + campaignId,
        () => this.draft.snapshot(),
        (saved) => this.draft.reset({ ...emptyDraft(), ...saved }),
      )
    })
  }

  close() {
    this.stopDraft?.()
    this.stopDraft = null
    this.opened = null
    this.draft.reset()
    this.done = false
  }

  /** The draft stays on the device until the server has the answer. */
  async submit(): Promise<boolean> {
    if (!this.opened) return false
    if (!this.draft.markUnanswered()) return false
    const campaignId = this.opened.campaign.id
    const result = await this.submission.submit()
    const alreadyAnswered = this.submission.status === 'failed' && this.lastFailureWasConflict
    if (!result && !alreadyAnswered) return false
    clearDraft(this.storage, DRAFT_PREFIX + campaignId)
    runInAction(() => {
      this.done = true
      this.campaigns = this.campaigns.map((c) => (c.id === campaignId ? { ...c, answered: true } : c))
    })
    return true
  }

  private lastFailureWasConflict = false

  private newSubmission(campaignId: string): Submission<StaffSubmitResult> {
    return new Submission(async (requestId) => {
      this.lastFailureWasConflict = false
      const { recommend, comment, answers } = this.draft.values
      try {
        return await this.api.call(
          'staffSurvey',
          'submit',
          { campaignId, answers, recommend: recommend ?? 0, ...(comment.trim() ? { comment } : {}) },
          { requestId },
        )
      } catch (error) {
        this.lastFailureWasConflict = error instanceof ApiFailure && error.code === 'CONFLICT'
        throw error
      }
    })
  }
}

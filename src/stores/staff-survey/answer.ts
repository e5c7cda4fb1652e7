import { makeAutoObservable, runInAction, type IReactionDisposer } from 'mobx'
import type { CampaignView, OpenCampaignResult, StaffSubmitResult } from '../../contract'
import type { ApiClient } from '../../services/api/client'
import { ApiFailure } from '../../services/api/errors'
import { clearDraft, persistDraft } from '../support/draft'
import { INCOMPLETE, unansweredFields } from '../support/questionnaire-errors'
import { LoadState } from '../support/load-state'
import type { KeyValueStorage } from '../support/storage'
import { Submission } from '../support/submission'

/** What the staff member has chosen so far; `null` in answers is 不适用. */
export interface StaffDraft {
  answers: Record<string, number | null>
  recommend: number | null
  comment: string
}

const DRAFT_PREFIX = 'renxin.staffSurvey.draft.'
const emptyDraft = (): StaffDraft => ({ answers: {}, recommend: null, comment: '' })

/** The staff member's side: the open campaigns (the 学习签到 card), one questionnaire, one submit. */
export class StaffSurveyAnswerStore {
  campaigns: CampaignView[] = []
  readonly listLoading = new LoadState()
  opened: OpenCampaignResult | null = null
  readonly openLoading = new LoadState()
  draft: StaffDraft = emptyDraft()
  /** Set once this campaign is answered, here or before (CONFLICT). */
  done = false
  submission: Submission<StaffSubmitResult> = this.newSubmission('')
  private stopDraft: IReactionDisposer | null = null

  constructor(
    private readonly api: ApiClient,
    private readonly storage: KeyValueStorage,
  ) {
    makeAutoObservable<StaffSurveyAnswerStore, 'api' | 'storage' | 'stopDraft'>(this, {
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

  get answeredCount(): number {
    return this.items.filter((item) => item.id in this.draft.answers).length
  }

  itemError(itemId: string): string | undefined {
    return this.submission.fieldError(`answers.${itemId}`)
  }

  get recommendError(): string | undefined {
    return this.submission.fieldError('recommend')
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
        () => ({ ...this.draft, answers: { ...this.draft.answers } }),
        (saved) => runInAction(() => (this.draft = { ...emptyDraft(), ...(saved as StaffDraft) })),
      )
    })
  }

  close() {
    this.stopDraft?.()
    this.stopDraft = null
    this.opened = null
    this.draft = emptyDraft()
    this.done = false
  }

  answer(itemId: string, score: number | null) {
    this.draft.answers[itemId] = score
    this.submission.clear(`answers.${itemId}`)
  }

  setRecommend(score: number) {
    this.draft.recommend = score
    this.submission.clear('recommend')
  }

  setComment(text: string) {
    this.draft.comment = text
    this.submission.clear('comment')
  }

  /** The draft stays on the device until the server has the answer. */
  async submit(): Promise<boolean> {
    if (!this.opened) return false
    const missing = unansweredFields(this.items, this.draft.answers, this.draft.recommend, '请选择推荐意愿（0–10分）')
    if (missing.length > 0) {
      this.submission.refuse(INCOMPLETE, missing)
      return false
    }
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
      const { recommend, comment, answers } = this.draft
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

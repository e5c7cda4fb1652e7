import { makeAutoObservable, runInAction, type IReactionDisposer } from 'mobx'
import type { OpenVisitResult, SubmitResult } from '../../contract'
import type { ApiClient } from '../../services/api/client'
import { ApiFailure, failureUnder, type FailureCode } from '../../services/api/errors'
import { clearDraft, persistDraft } from '../support/draft'
import { QuestionnaireDraft, type QuestionnaireAnswers } from '../support/questionnaire-draft'
import type { KeyValueStorage } from '../support/storage'
import { Submission } from '../support/submission'

/** What the patient has chosen so far; `null` in answers is 不适用. */
export interface RatingDraft extends QuestionnaireAnswers {
  praiseStaff: string
  /** 愿意接受回访: the answer stops being anonymous to the department, so it is off unless chosen. */
  callBack: boolean
  phone: string
}

/** Why a code did not open, worded for the patient. */
export interface OpenRefusal {
  title: string
  message: string
  /** Asking again cannot help: the code is spent or too old. */
  final: boolean
}

const REFUSAL_TITLES: Partial<Record<FailureCode, { title: string; final: boolean }>> = {
  INVALID_INPUT: { title: '评价码无效', final: false },
  EXPIRED: { title: '评价码已过期', final: true },
  CONFLICT: { title: '本次就诊已评价', final: true },
}

const DRAFT_PREFIX = 'renxin.survey.draft.'
const emptyDraft = (): RatingDraft => ({
  answers: {},
  recommend: null,
  comment: '',
  praiseStaff: '',
  callBack: false,
  phone: '',
})

/** One visit's questionnaire: open by code, answer on one screen, submit once. */
export class SurveyRatingStore {
  codeInput = ''
  code: string | null = null
  opened: OpenVisitResult | null = null
  opening = false
  refusal: OpenRefusal | null = null
  result: SubmitResult | null = null
  submission: Submission<SubmitResult> = this.newSubmission()
  readonly draft = new QuestionnaireDraft<RatingDraft>(
    emptyDraft,
    () => this.items,
    () => this.submission,
    '请选择您向亲友推荐本院的意愿（0–10分）',
  )
  private stopDraft: IReactionDisposer | null = null

  constructor(
    private readonly api: ApiClient,
    private readonly storage: KeyValueStorage,
    private readonly hasTextConsent: () => boolean,
  ) {
    makeAutoObservable<SurveyRatingStore, 'api' | 'storage' | 'stopDraft' | 'hasTextConsent'>(this, {
      draft: false,
      api: false,
      storage: false,
      stopDraft: false,
      hasTextConsent: false,
    })
  }

  get items() {
    return this.opened?.questionnaire.items ?? []
  }

  setCodeInput(value: string) {
    this.codeInput = value
  }

  /** `scanned` may be the bare code or a link carrying `?code=`; the server reads both. */
  async open(scanned: string) {
    const code = scanned.trim()
    if (!code || this.opening) return
    this.close()
    this.opening = true
    try {
      const opened = await this.api.call('survey', 'openVisit', { code })
      runInAction(() => {
        this.code = code
        this.opened = opened
        this.submission = this.newSubmission()
        this.keepDraft(code, opened)
      })
    } catch (error) {
      const known = error instanceof ApiFailure ? REFUSAL_TITLES[error.code] : undefined
      runInAction(() => {
        const title = known?.title ?? '暂时无法打开问卷'
        this.refusal = { title, message: failureUnder(title, error), final: known?.final ?? false }
      })
    } finally {
      runInAction(() => (this.opening = false))
    }
  }

  setPraiseStaff(name: string) {
    this.draft.values.praiseStaff = name
    this.submission.clear('praiseStaff')
  }

  setCallBack(callBack: boolean) {
    this.draft.values.callBack = callBack
    this.submission.clear('contact')
  }

  setPhone(phone: string) {
    this.draft.values.phone = phone
    this.submission.clear('contact')
  }

  get phoneError(): string | undefined {
    return this.submission.fieldError('contact.phone') ?? this.submission.fieldError('contact.consent')
  }

  async submit() {
    if (!this.draft.markUnanswered()) return
    const result = await this.submission.submit()
    if (!result || !this.code) return
    this.stopKeeping()
    clearDraft(this.storage, DRAFT_PREFIX + this.code)
    this.result = result
  }

  /** Back to the code entry, e.g. to rate another visit. */
  close() {
    this.stopKeeping()
    this.code = null
    this.opened = null
    this.refusal = null
    this.result = null
    this.draft.reset()
  }

  private newSubmission() {
    return new Submission<SubmitResult>((requestId) => {
      const { code, opened } = this
      const draft = this.draft.values
      if (!code || !opened || draft.recommend === null) throw new Error('submit before open')
      // The comment box shows only after 单独同意; a comment kept from before consent was withdrawn stays on the device.
      const comment = this.hasTextConsent() ? draft.comment.trim() : ''
      return this.api.call(
        'survey',
        'submit',
        {
          code,
          version: opened.questionnaire.version,
          answers: draft.answers,
          recommend: draft.recommend,
          comment: comment || undefined,
          commentConsent: comment ? true : undefined,
          praiseStaff: draft.praiseStaff.trim() || undefined,
          contact: draft.callBack ? { phone: draft.phone.trim(), consent: true } : undefined,
        },
        { requestId },
      )
    })
  }

  /** Restores what was chosen for this code on this device, dropping items the questionnaire no longer has. */
  private keepDraft(code: string, opened: OpenVisitResult) {
    const ids = new Set(opened.questionnaire.items.map((item) => item.id))
    this.stopDraft = persistDraft<RatingDraft>(
      this.storage,
      DRAFT_PREFIX + code,
      () => this.draft.snapshot(),
      (saved) =>
        this.draft.reset({
          ...emptyDraft(),
          ...saved,
          answers: Object.fromEntries(Object.entries(saved.answers ?? {}).filter(([id]) => ids.has(id))),
        }),
    )
  }

  private stopKeeping() {
    this.stopDraft?.()
    this.stopDraft = null
  }
}

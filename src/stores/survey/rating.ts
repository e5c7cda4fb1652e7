import { makeAutoObservable, runInAction, type IReactionDisposer } from 'mobx'
import type { OpenVisitResult, SubmitResult } from '../../contract'
import type { ApiClient } from '../../services/api/client'
import { ApiFailure, failureUnder, type FailureCode } from '../../services/api/errors'
import { clearDraft, persistDraft } from '../support/draft'
import { INCOMPLETE, unansweredFields } from '../support/questionnaire-errors'
import type { KeyValueStorage } from '../support/storage'
import { Submission } from '../support/submission'

/** What the patient has chosen so far; `null` in answers is 不适用. */
export interface RatingDraft {
  answers: Record<string, number | null>
  recommend: number | null
  comment: string
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
  draft: RatingDraft = emptyDraft()
  result: SubmitResult | null = null
  submission: Submission<SubmitResult> = this.newSubmission()
  private stopDraft: IReactionDisposer | null = null

  constructor(
    private readonly api: ApiClient,
    private readonly storage: KeyValueStorage,
    private readonly hasTextConsent: () => boolean,
  ) {
    makeAutoObservable<SurveyRatingStore, 'api' | 'storage' | 'stopDraft' | 'hasTextConsent'>(this, {
      api: false,
      storage: false,
      stopDraft: false,
      hasTextConsent: false,
    })
  }

  get items() {
    return this.opened?.questionnaire.items ?? []
  }

  get answeredCount(): number {
    return this.items.filter((item) => item.id in this.draft.answers).length
  }

  /** Item errors name the item by id, whether the form or the server found them. */
  itemError(itemId: string): string | undefined {
    return this.submission.fieldError(`answers.${itemId}`)
  }

  get recommendError(): string | undefined {
    return this.submission.fieldError('recommend')
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

  setPraiseStaff(name: string) {
    this.draft.praiseStaff = name
    this.submission.clear('praiseStaff')
  }

  setCallBack(callBack: boolean) {
    this.draft.callBack = callBack
    this.submission.clear('contact')
  }

  setPhone(phone: string) {
    this.draft.phone = phone
    this.submission.clear('contact')
  }

  get phoneError(): string | undefined {
    return this.submission.fieldError('contact.phone') ?? this.submission.fieldError('contact.consent')
  }

  async submit() {
    const { answers, recommend } = this.draft
    const missing = unansweredFields(this.items, answers, recommend, '请选择您向亲友推荐本院的意愿（0–10分）')
    if (missing.length > 0) {
      this.submission.refuse(INCOMPLETE, missing)
      return
    }
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
    this.draft = emptyDraft()
  }

  private newSubmission() {
    return new Submission<SubmitResult>((requestId) => {
      const { code, opened, draft } = this
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
      () => ({ ...this.draft, answers: { ...this.draft.answers } }),
      (saved) => {
        this.draft = {
          ...emptyDraft(),
          ...saved,
          answers: Object.fromEntries(Object.entries(saved.answers ?? {}).filter(([id]) => ids.has(id))),
        }
      },
    )
  }

  private stopKeeping() {
    this.stopDraft?.()
    this.stopDraft = null
  }
}

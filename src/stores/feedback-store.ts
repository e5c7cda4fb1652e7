import { makeAutoObservable, runInAction } from 'mobx'
import {
  FEEDBACK_CATEGORIES,
  type ComplaintStatus,
  type FeedbackDetail,
  type FeedbackItem,
  type FeedbackKind,
  type Wall,
  type WallPraise,
} from '../contract'
import type { ApiClient } from '../services/api/client'
import { failureMessage } from '../services/api/errors'
import { clearDraft, persistDraft } from './support/draft'
import { LoadState } from './support/load-state'
import type { KeyValueStorage } from './support/storage'
import { Submission } from './support/submission'
import { FeedbackPhrasesStore } from './feedback/phrases'
import { FeedbackStarsStore } from './feedback/stars'
import type { UiStore } from './ui-store'

export const FEEDBACK_DRAFT_KEY = 'renxin.feedback.draft'
const EMPLOYEE_NO = /^[A-Za-z]\d{2,15}$/

export interface FeedbackForm {
  kind: FeedbackKind
  departmentId: string
  /** A name or an employee number, whichever the patient knows. */
  staff: string
  categories: string[]
  text: string
  contactPhone: string
  anonymous: boolean
}

const emptyForm = (): FeedbackForm => ({
  kind: 'praise',
  departmentId: '',
  staff: '',
  categories: [],
  text: '',
  contactPhone: '',
  anonymous: false,
})

export interface QueueFilter {
  status: ComplaintStatus | null
  overdueOnly: boolean
}

/** Praise and complaints, their handling and the praise wall; the phrase book and service stars have their own stores. */
export class FeedbackStore {
  form: FeedbackForm = emptyForm()
  mine: FeedbackItem[] = []
  detail: FeedbackDetail | null = null
  queue: FeedbackItem[] = []
  queueFilter: QueueFilter = { status: null, overdueOnly: false }
  review: FeedbackItem[] = []
  wall: Wall | null = null
  myPraise: WallPraise[] = []
  replyForm = { text: '', upheld: null as boolean | null }
  reopenReason = ''
  /** Why a manager closes a replied complaint before the patient's window is over; the patient sees it. */
  closeReason = ''

  readonly mineLoading = new LoadState()
  readonly detailLoading = new LoadState()
  readonly queueLoading = new LoadState()
  readonly reviewLoading = new LoadState()
  readonly wallLoading = new LoadState()
  readonly myPraiseLoading = new LoadState()
  readonly phraseBook: FeedbackPhrasesStore
  readonly stars: FeedbackStarsStore
  readonly submission: Submission<FeedbackItem>
  readonly replying: Submission<FeedbackItem>
  readonly reopening: Submission<FeedbackItem>
  readonly closing: Submission<FeedbackItem>

  constructor(
    private readonly api: ApiClient,
    private readonly ui: UiStore,
    private readonly storage: KeyValueStorage,
  ) {
    this.phraseBook = new FeedbackPhrasesStore(api, ui)
    this.stars = new FeedbackStarsStore(api, ui)
    this.submission = new Submission((requestId) =>
      this.api.call('feedback', 'submit', this.submitInput, { requestId }),
    )
    this.replying = new Submission((requestId) =>
      this.api.call(
        'feedback',
        'reply',
        { id: this.detail?.id ?? '', text: this.replyForm.text, upheld: this.replyForm.upheld === true },
        { requestId },
      ),
    )
    this.reopening = new Submission((requestId) =>
      this.api.call('feedback', 'reopen', { id: this.detail?.id ?? '', reason: this.reopenReason }, { requestId }),
    )
    this.closing = new Submission((requestId) =>
      this.api.call('feedback', 'close', { id: this.detail?.id ?? '', reason: this.closeReason }, { requestId }),
    )
    makeAutoObservable<FeedbackStore, 'api' | 'ui' | 'storage'>(this, { api: false, ui: false, storage: false })
    persistDraft(
      storage,
      FEEDBACK_DRAFT_KEY,
      () => ({ ...this.form }),
      (saved: FeedbackForm) => (this.form = { ...emptyForm(), ...saved }),
    )
  }

  // Submitting

  get categoryOptions(): readonly string[] {
    return FEEDBACK_CATEGORIES[this.form.kind]
  }

  get textLength(): number {
    return this.form.text.trim().length
  }

  setForm(patch: Partial<FeedbackForm>) {
    const kindChanged = patch.kind !== undefined && patch.kind !== this.form.kind
    this.form = { ...this.form, ...patch, ...(kindChanged ? { categories: [] } : {}) }
    this.submission.clear(...Object.keys(patch), ...(kindChanged ? ['categories'] : []))
  }

  toggleCategory(category: string) {
    const { categories } = this.form
    this.setForm({
      categories: categories.includes(category) ? categories.filter((c) => c !== category) : [...categories, category],
    })
  }

  private get submitInput() {
    const { staff, contactPhone, ...rest } = this.form
    const named = staff.trim()
    return {
      ...rest,
      staff: named ? (EMPLOYEE_NO.test(named) ? { employeeNo: named } : { name: named }) : undefined,
      contactPhone: contactPhone.trim() || undefined,
    }
  }

  /** `true` once stored; on failure the form and its draft stay as they were. */
  async submit(): Promise<boolean> {
    const item = await this.submission.submit()
    if (!item) return false
    runInAction(() => {
      this.form = { ...emptyForm(), kind: this.form.kind }
      this.mine = [item, ...this.mine]
    })
    clearDraft(this.storage, FEEDBACK_DRAFT_KEY)
    this.ui.toast(item.kind === 'praise' ? '感谢您的表扬，审核后将在表扬墙展示' : '已提交，科室将在24小时内受理')
    return true
  }

  // The patient's items and one item's timeline

  async loadMine() {
    const mine = await this.mineLoading.run(() => this.api.call('feedback', 'mine', {}))
    if (mine) runInAction(() => (this.mine = mine))
  }

  async loadDetail(id: string) {
    if (this.detail?.id !== id) this.detail = null
    const detail = await this.detailLoading.run(() => this.api.call('feedback', 'detail', { id }))
    if (detail) runInAction(() => (this.detail = detail))
  }

  /** Every change to the open item reloads its timeline, so the page shows what the server holds. */
  private async refreshDetail(done: string) {
    this.ui.toast(done)
    if (this.detail) await this.loadDetail(this.detail.id)
  }

  private async changeDetail(change: () => Promise<unknown>, done: string) {
    try {
      await change()
    } catch (error) {
      this.ui.toast(failureMessage(error))
      return
    }
    await this.refreshDetail(done)
  }

  confirm(rating: number) {
    return this.changeDetail(
      () => this.api.call('feedback', 'confirm', { id: this.detail?.id ?? '', rating }),
      '感谢您的评价',
    )
  }

  setReopenReason(reason: string) {
    this.reopenReason = reason
  }

  async reopen() {
    if (!(await this.reopening.submit())) return
    runInAction(() => (this.reopenReason = ''))
    await this.refreshDetail('已重新提交，科室会再次处理')
  }

  accept() {
    return this.changeDetail(() => this.api.call('feedback', 'accept', { id: this.detail?.id ?? '' }), '已受理')
  }

  setCloseReason(reason: string) {
    this.closeReason = reason
  }

  async close() {
    if (!(await this.closing.submit())) return
    runInAction(() => (this.closeReason = ''))
    await this.refreshDetail('已办结')
  }

  setReplyForm(patch: Partial<FeedbackStore['replyForm']>) {
    this.replyForm = { ...this.replyForm, ...patch }
  }

  async reply() {
    if (!(await this.replying.submit())) return
    runInAction(() => (this.replyForm = { text: '', upheld: null }))
    await this.refreshDetail('已回复患者')
  }

  // Manager queue

  setQueueFilter(patch: Partial<QueueFilter>) {
    this.queueFilter = { ...this.queueFilter, ...patch }
    void this.loadQueue()
  }

  async loadQueue() {
    const { status, overdueOnly } = this.queueFilter
    const queue = await this.queueLoading.run(() =>
      this.api.call('feedback', 'queue', { status: status ?? undefined, overdue: overdueOnly || undefined }),
    )
    if (queue) runInAction(() => (this.queue = queue))
  }

  // Praise review, the wall, staff's own praise

  async loadReview() {
    const review = await this.reviewLoading.run(() => this.api.call('feedback', 'praiseReview', {}))
    if (review) runInAction(() => (this.review = review))
  }

  async decidePraise(id: string, decision: 'approve' | 'confirmHeld' | 'reject') {
    try {
      if (decision === 'reject') await this.api.call('feedback', 'rejectPraise', { id, reason: '不适合公开展示' })
      else await this.api.call('feedback', 'approvePraise', { id, confirmHeld: decision === 'confirmHeld' })
      runInAction(() => (this.review = this.review.filter((r) => r.id !== id)))
      this.ui.toast(decision === 'reject' ? '已不予展示' : '已上墙')
    } catch (error) {
      this.ui.toast(failureMessage(error))
    }
  }

  async loadWall() {
    const wall = await this.wallLoading.run(() => this.api.call('feedback', 'wall', {}))
    if (wall) runInAction(() => (this.wall = wall))
  }

  async loadMyPraise() {
    const praise = await this.myPraiseLoading.run(() => this.api.call('feedback', 'myPraise', {}))
    if (praise) runInAction(() => (this.myPraise = praise))
  }
}

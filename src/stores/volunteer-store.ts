import { makeAutoObservable, runInAction } from 'mobx'
import type { HallView, HelpNeed, MyHelpRequest, Station, VolunteerProfile, VolunteerTeam } from '../contract'
import type { ApiClient } from '../services/api/client'
import { ApiFailure } from '../services/api/errors'
import { clearDraft, persistDraft } from './support/draft'
import { LoadState } from './support/load-state'
import type { KeyValueStorage } from './support/storage'
import { Submission } from './support/submission'
import type { UiStore } from './ui-store'
import { VolunteerAdminStore } from './volunteer/admin'
import { VolunteerRecognitionStore } from './volunteer/recognition'
import { VolunteerCertificateStore } from './volunteer/certificate'
import { VolunteerDeskStore } from './volunteer/desk'
import { formatHours } from '../contract/month'
import { VolunteerRecordStore } from './volunteer/record'
import { VolunteerReportStore } from './volunteer/reports'

export const HELP_DRAFT_KEY = 'renxin.volunteer.helpDraft'
export const REGISTER_DRAFT_KEY = 'renxin.volunteer.registerDraft'
/** The patient's status page; the hall refreshes at least every 10 s, as the volunteers need. */
export const MY_REQUEST_POLL_MS = 5_000
export const HALL_POLL_MS = 10_000

export interface HelpForm {
  need: HelpNeed | null
  from: string
  to: string
  people: number
  note: string
}

export interface RegisterForm {
  name: string
  phone: string
  team: VolunteerTeam | null
  skills: string[]
  availability: string
}

export interface RateForm {
  stars: number
  comment: string
}

type HallAction = 'claim' | 'release' | 'complete'

const HALL_ACTION_DONE: Record<HallAction, string> = {
  claim: '已接单，请尽快前往',
  release: '已放回等待队列',
  complete: '服务已完成，辛苦了',
}

/** A choice the person has not made yet fails like the server would, under the same field path. */
function chosen<T>(value: T | null, path: string, message: string): T {
  if (value === null) throw new ApiFailure('INVALID_INPUT', message, [{ path, message }])
  return value
}

const emptyHelpForm = (): HelpForm => ({ need: null, from: '', to: '', people: 1, note: '' })
const emptyRegisterForm = (): RegisterForm => ({ name: '', phone: '', team: null, skills: [], availability: '' })

/** 文明就医引导: patients ask for help, volunteers take shifts and claim, admins review and keep the ledger. */
export class VolunteerStore {
  // The patient
  helpForm: HelpForm = emptyHelpForm()
  myRequest: MyHelpRequest | null = null
  rateForm: RateForm = { stars: 0, comment: '' }
  readonly myRequestLoading = new LoadState()
  readonly asking: Submission<MyHelpRequest>
  readonly cancelling: Submission<MyHelpRequest>
  readonly rating: Submission<MyHelpRequest>

  // Registration
  registerForm: RegisterForm = emptyRegisterForm()
  profile: VolunteerProfile | null = null
  readonly profileLoading = new LoadState()
  readonly registering: Submission<VolunteerProfile>

  // The hall
  station: Station | null = null
  hall: HallView | null = null
  readonly hallLoading = new LoadState()
  readonly startingShift: Submission<unknown>
  readonly endingShift: Submission<{ minutes: number }>
  private readonly hallActions = new Map<string, Submission<unknown>>()

  // The record and ranking; the service desk
  readonly records: VolunteerRecordStore
  readonly dispatch: VolunteerDeskStore
  readonly reports: VolunteerReportStore
  readonly certificates: VolunteerCertificateStore

  // Admin: registrations and the hours ledger
  readonly admin: VolunteerAdminStore
  // The national record's upload and the yearly 优秀志愿者
  readonly recognition: VolunteerRecognitionStore

  constructor(
    private readonly api: ApiClient,
    private readonly ui: UiStore,
    private readonly storage: KeyValueStorage,
  ) {
    this.asking = new Submission((requestId) => this.api.call('volunteer', 'request', this.helpInput(), { requestId }))
    this.cancelling = new Submission((requestId) =>
      this.api.call('volunteer', 'cancel', { requestId: this.requireRequest().id }, { requestId }),
    )
    this.rating = new Submission((requestId) =>
      this.api.call(
        'volunteer',
        'rate',
        {
          requestId: this.requireRequest().id,
          stars: this.rateForm.stars,
          comment: this.rateForm.comment || undefined,
        },
        { requestId },
      ),
    )
    this.registering = new Submission((requestId) =>
      this.api.call(
        'volunteer',
        'register',
        { ...this.registerForm, team: chosen(this.registerForm.team, 'team', '请选择服务队') },
        { requestId },
      ),
    )
    this.startingShift = new Submission((requestId) =>
      this.api.call(
        'volunteer',
        'startShift',
        { station: chosen(this.station, 'station', '请先选择服务岗位') },
        { requestId },
      ),
    )
    this.endingShift = new Submission((requestId) => this.api.call('volunteer', 'endShift', {}, { requestId }))
    this.admin = new VolunteerAdminStore(api, ui)
    this.recognition = new VolunteerRecognitionStore(api, ui)
    this.records = new VolunteerRecordStore(api, ui)
    this.dispatch = new VolunteerDeskStore(api, ui)
    this.reports = new VolunteerReportStore(api, ui)
    this.certificates = new VolunteerCertificateStore(api)
    makeAutoObservable<VolunteerStore, 'api' | 'ui' | 'storage'>(this, {
      api: false,
      ui: false,
      storage: false,
      admin: false,
      records: false,
      dispatch: false,
      reports: false,
      certificates: false,
    })
  }

  /** Starts keeping both forms on the device; returns the stop function for the page. */
  keepDrafts(): () => void {
    const stops = [
      persistDraft(
        this.storage,
        HELP_DRAFT_KEY,
        () => this.helpForm,
        (saved) => (this.helpForm = { ...emptyHelpForm(), ...saved }),
      ),
      persistDraft(
        this.storage,
        REGISTER_DRAFT_KEY,
        () => this.registerForm,
        (saved) => (this.registerForm = { ...emptyRegisterForm(), ...saved }),
      ),
    ]
    return () => stops.forEach((stop) => stop())
  }

  // The patient

  get requestOpen(): boolean {
    return this.myRequest?.status === 'waiting' || this.myRequest?.status === 'claimed'
  }

  /** The status card stays up until the person starts a new call; a cancelled call goes straight back to the form. */
  get showsRequest(): boolean {
    return this.myRequest !== null && this.myRequest.status !== 'cancelled'
  }

  get canRate(): boolean {
    return this.myRequest?.status === 'completed' && this.myRequest.rating === null
  }

  setHelpForm(patch: Partial<HelpForm>) {
    this.helpForm = { ...this.helpForm, ...patch }
  }

  setRateForm(patch: Partial<RateForm>) {
    this.rateForm = { ...this.rateForm, ...patch }
  }

  private helpInput() {
    const { need, from, to, people, note } = this.helpForm
    return { need: chosen(need, 'need', '请选择需要的帮助'), from, to, people, note: note || undefined }
  }

  private requireRequest(): MyHelpRequest {
    if (!this.myRequest) throw new ApiFailure('NOT_FOUND', '没有找到这条呼叫')
    return this.myRequest
  }

  /** `quiet`: a poll keeps what is on screen when one refresh fails. */
  async loadMyRequest(quiet = false) {
    const load = () => this.api.call('volunteer', 'myRequest', {})
    const request = quiet ? await load().catch(() => undefined) : await this.myRequestLoading.run(load)
    if (request !== undefined) runInAction(() => (this.myRequest = request))
  }

  /** Polls while the request is open, so the patient sees the claim and completion without touching anything. */
  watchMyRequest(): () => void {
    const timer = setInterval(() => {
      if (this.requestOpen) void this.loadMyRequest(true)
    }, MY_REQUEST_POLL_MS)
    return () => clearInterval(timer)
  }

  async askForHelp() {
    const request = await this.asking.submit()
    if (!request) {
      if (this.asking.error && this.asking.fields.length === 0) this.ui.toast(this.asking.error)
      return
    }
    runInAction(() => {
      this.myRequest = request
      this.helpForm = emptyHelpForm()
      this.rateForm = { stars: 0, comment: '' }
    })
    clearDraft(this.storage, HELP_DRAFT_KEY)
    this.ui.toast('已呼叫，志愿者马上就来')
  }

  async cancelRequest() {
    if (this.cancelling.isPending) return
    const request = await this.cancelling.submit()
    if (request) {
      runInAction(() => (this.myRequest = request))
      this.ui.toast('已取消呼叫')
    } else {
      this.ui.toast(this.cancelling.error ?? '取消失败')
      await this.loadMyRequest(true)
    }
  }

  async rate() {
    if (this.rating.isPending) return
    const request = await this.rating.submit()
    if (!request) {
      this.ui.toast(this.rating.error ?? '评价失败')
      return
    }
    runInAction(() => (this.myRequest = request))
    this.ui.toast('感谢您的评价')
  }

  /** Leaves a finished call's card for the form. */
  startNewRequest() {
    this.myRequest = null
  }

  // Registration

  setRegisterForm(patch: Partial<RegisterForm>) {
    this.registerForm = { ...this.registerForm, ...patch }
  }

  toggleSkill(skill: string) {
    const { skills } = this.registerForm
    this.setRegisterForm({ skills: skills.includes(skill) ? skills.filter((s) => s !== skill) : [...skills, skill] })
  }

  async loadProfile() {
    const profile = await this.profileLoading.run(() => this.api.call('volunteer', 'myProfile', {}))
    if (profile !== undefined) runInAction(() => (this.profile = profile))
  }

  async register() {
    const profile = await this.registering.submit()
    if (!profile) return
    runInAction(() => {
      this.profile = profile
      this.registerForm = emptyRegisterForm()
    })
    clearDraft(this.storage, REGISTER_DRAFT_KEY)
    this.ui.toast('报名已提交，等待审核')
  }

  /** A rejected person may correct the form and apply again. */
  reapply() {
    if (!this.profile) return
    const { name, team, skills, availability } = this.profile
    this.registerForm = { name, phone: '', team, skills, availability }
    this.profile = null
  }

  // The hall

  setStation(station: Station) {
    this.station = station
  }

  get onShift(): boolean {
    return Boolean(this.hall?.shift)
  }

  async loadHall(quiet = false) {
    const load = () => this.api.call('volunteer', 'open', {})
    const hall = quiet ? await load().catch(() => undefined) : await this.hallLoading.run(load)
    if (hall) runInAction(() => (this.hall = hall))
  }

  watchHall(): () => void {
    const timer = setInterval(() => {
      if (this.onShift) void this.loadHall(true)
    }, HALL_POLL_MS)
    return () => clearInterval(timer)
  }

  async startShift() {
    if (this.startingShift.isPending) return
    if (!(await this.startingShift.submit())) {
      this.ui.toast(this.startingShift.error ?? '上岗失败')
      return
    }
    this.ui.toast(`已在${this.station}上岗`)
    await this.loadHall(true)
  }

  async endShift() {
    if (this.endingShift.isPending) return
    const ended = await this.endingShift.submit()
    if (!ended) this.ui.toast(this.endingShift.error ?? '下岗失败')
    else this.ui.toast(`已下岗，本次服务 ${formatHours(ended.minutes)}`)
    await this.loadHall(true)
  }

  /** One submission per action and request, so a double tap sends one write and retries keep their id. */
  private hallAction(action: HallAction, requestId: string): Submission<unknown> {
    const key = `${action}:${requestId}`
    let submission = this.hallActions.get(key)
    if (!submission) {
      submission = new Submission((writeId) =>
        this.api.call('volunteer', action, { requestId }, { requestId: writeId }),
      )
      this.hallActions.set(key, submission)
    }
    return submission
  }

  isBusy(action: HallAction, requestId: string): boolean {
    return this.hallActions.get(`${action}:${requestId}`)?.isPending ?? false
  }

  /** Claim, release or complete; a lost race shows 已被其他志愿者接单 and the list is fetched again. */
  async act(action: HallAction, requestId: string) {
    const submission = this.hallAction(action, requestId)
    // A second tap while the first is on its way: the first answers both.
    if (submission.isPending) return
    const done = await submission.submit()
    if (done === undefined) {
      this.ui.toast(submission.error ?? '操作失败')
    } else {
      this.ui.toast(HALL_ACTION_DONE[action])
      runInAction(() => this.hallActions.delete(`${action}:${requestId}`))
    }
    await this.loadHall(true)
  }
}

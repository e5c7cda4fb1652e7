import { makeAutoObservable, runInAction, type IReactionDisposer } from 'mobx'
import type { CheckInResult, MySession, QrCodeView, SessionView, StudyRecord, StudyStats, StudyType } from '../contract'
import { chinaDay, chinaYear, fromChinaTime } from '../contract/month'
import type { ApiClient } from '../services/api/client'
import type { PresenceReader } from '../services/presence/reader'
import { failureMessage } from '../services/api/errors'
import { clearDraft, persistDraft } from './support/draft'
import { LoadState } from './support/load-state'
import type { KeyValueStorage } from './support/storage'
import { Submission } from './support/submission'
import type { UiStore } from './ui-store'
import { CmeRecordStore } from './study/cme-record'
import { LiveAttendance } from './study/live-attendance'
import { audienceOf, blankForm, fenceOf, formOf, type SessionForm } from './study/form'
import { readProof, type CheckInCode, type PresenceSent } from './study/presence'
import { monthBars, type MonthBar } from './study/stats-chart'

export { type AudienceKind, type SessionForm } from './study/form'

const SESSION_DRAFT_KEY = 'renxin.study.sessionDraft'
const LEAVE_DRAFT_KEY = 'renxin.study.leaveDraft'
/** Fetch the next code this long before the shown one expires, so the screen never shows a dead code. */
const QR_REFRESH_LEAD_MS = 2000
export const SHORT_CODE_LENGTH = 6

/** 三会一课 and other study: lists, leave, check-in, the organizer's screens, records and stats. */
export class StudyStore {
  upcoming: MySession[] = []
  organized: SessionView[] = []
  record: StudyRecord | null = null
  stats: StudyStats | null = null
  statsRange = {
    from: `${chinaYear(new Date())}-01-01`,
    to: chinaDay(new Date()),
  }
  readonly upcomingLoading = new LoadState()
  readonly organizedLoading = new LoadState()
  readonly recordLoading = new LoadState()
  readonly statsLoading = new LoadState()
  /** The 学习统计 chart's type; all types when null. */
  statsChartType: StudyType | null = null
  readonly cmeRecord: CmeRecordStore

  leaveForm = { sessionId: '', reason: '' }
  readonly leave: Submission<MySession>

  code = ''
  lastCheckIn: CheckInResult | null = null
  checkIn: Submission<CheckInResult>

  form: SessionForm = blankForm(null)
  readonly saving: Submission<SessionView>
  readonly sessionLoading = new LoadState()

  qr: QrCodeView | null = null
  /** Device clock minus server clock, so the countdown is right on a device whose clock is off. */
  private clockSkewMs = 0
  nowMs = Date.now()
  readonly qrLoading = new LoadState()
  private qrTimer: ReturnType<typeof setTimeout> | null = null
  private ticker: ReturnType<typeof setInterval> | null = null

  readonly attendance: LiveAttendance

  constructor(
    private readonly api: ApiClient,
    private readonly ui: UiStore,
    private readonly storage: KeyValueStorage,
    private readonly presence: PresenceReader,
  ) {
    this.leave = new Submission((requestId) =>
      this.api.call('study', 'requestLeave', { ...this.leaveForm }, { requestId }),
    )
    this.checkIn = this.newCheckIn({ shortCode: '' })
    this.cmeRecord = new CmeRecordStore(api)
    this.attendance = new LiveAttendance(api, ui)
    this.saving = new Submission((requestId) => this.writeSession(requestId))
    makeAutoObservable<StudyStore, 'api' | 'ui' | 'storage' | 'presence' | 'qrTimer' | 'ticker'>(this, {
      api: false,
      presence: false,
      ui: false,
      storage: false,
      qrTimer: false,
      ticker: false,
    })
  }

  // Staff: sessions and leave

  async loadUpcoming() {
    const list = await this.upcomingLoading.run(() => this.api.call('study', 'upcoming', {}))
    if (list) runInAction(() => (this.upcoming = list))
  }

  startLeave(sessionId: string) {
    this.leaveForm = { sessionId, reason: '' }
  }

  /** Keeps the typed reason on the device until the request goes through. */
  keepLeaveDraft(sessionId: string): IReactionDisposer {
    return persistDraft(
      this.storage,
      `${LEAVE_DRAFT_KEY}.${sessionId}`,
      () => this.leaveForm.reason,
      (reason) => runInAction(() => (this.leaveForm.reason = String(reason))),
    )
  }

  setLeaveReason(reason: string) {
    this.leaveForm.reason = reason
  }

  closeLeave() {
    this.leaveForm = { sessionId: '', reason: '' }
  }

  async requestLeave() {
    const updated = await this.leave.submit()
    if (!updated) return
    clearDraft(this.storage, `${LEAVE_DRAFT_KEY}.${updated.id}`)
    runInAction(() => {
      this.upcoming = this.upcoming.map((s) => (s.id === updated.id ? updated : s))
      this.leaveForm = { sessionId: '', reason: '' }
    })
    this.ui.toast('请假申请已提交')
  }

  /** 签退 of a session that asks for it; the list shows the credit it earned. */
  async checkOut(sessionId: string) {
    try {
      const out = await this.api.call('study', 'checkOut', { sessionId })
      runInAction(() => {
        this.upcoming = this.upcoming.map((s) =>
          s.id === sessionId && s.attendance
            ? { ...s, attendance: { ...s.attendance, checkedOutAt: out.checkedOutAt } }
            : s,
        )
      })
      this.ui.toast(`已签退，获得 ${out.creditHours} 学时`)
    } catch (error) {
      this.ui.toast(failureMessage(error))
    }
  }

  // Staff: check-in

  /** A new code is a new write; retrying the same code keeps its request id. */
  private newCheckIn(data: CheckInCode & PresenceSent): Submission<CheckInResult> {
    return new Submission((requestId) => this.api.call('study', 'checkIn', data, { requestId }))
  }

  pressDigit(digit: string) {
    if (this.code.length >= SHORT_CODE_LENGTH || this.checkIn.isPending) return
    this.setCode(this.code + digit)
    if (this.code.length === SHORT_CODE_LENGTH) void this.submitCode()
  }

  backspace() {
    if (!this.checkIn.isPending) this.setCode(this.code.slice(0, -1))
  }

  private setCode(code: string) {
    this.code = code
    this.checkIn = this.newCheckIn({ shortCode: code })
  }

  async submitCode() {
    if (this.code.length !== SHORT_CODE_LENGTH || this.checkIn.isPending) return
    await this.finishCheckIn({ shortCode: this.code })
  }

  async checkInScanned(payload: string) {
    this.checkIn = this.newCheckIn({ payload })
    await this.finishCheckIn({ payload })
  }

  /** Back to the keypad for another session, after a check-in was shown. */
  checkInAnother() {
    this.lastCheckIn = null
    this.setCode('')
  }

  /**
   * A session asking for presence refuses a check-in without proof, naming what it needs; only then
   * is the location or Wi-Fi read, and sent with the same, still fresh, code.
   */
  private async finishCheckIn(code: CheckInCode) {
    let result = await this.checkIn.submit()
    const proof = result ? null : await readProof(this.checkIn.fields, this.presence)
    if (proof) {
      runInAction(() => (this.checkIn = this.newCheckIn({ ...code, ...proof })))
      result = await this.checkIn.submit()
    }
    runInAction(() => {
      if (result) this.lastCheckIn = result
      this.code = ''
    })
  }

  // Organizer: sessions

  async loadOrganized() {
    const list = await this.organizedLoading.run(() => this.api.call('study', 'organized', {}))
    if (list) runInAction(() => (this.organized = list))
  }

  /** A new session starts from the draft left on this device, an edit from the server's copy. */
  async openForm(sessionId: string | null, ownDepartmentId: string | null): Promise<IReactionDisposer | null> {
    if (sessionId) {
      const session = await this.sessionLoading.run(() => this.api.call('study', 'session', { sessionId }))
      if (session) runInAction(() => (this.form = formOf(session)))
      return null
    }
    this.form = blankForm(ownDepartmentId)
    this.sessionLoading.status = 'ready'
    return persistDraft(
      this.storage,
      SESSION_DRAFT_KEY,
      () => ({ ...this.form }),
      (saved) => runInAction(() => (this.form = { ...blankForm(ownDepartmentId), ...(saved as SessionForm) })),
    )
  }

  setForm(patch: Partial<SessionForm>) {
    this.form = { ...this.form, ...patch }
  }

  toggleDepartment(id: string) {
    const ids = this.form.departmentIds
    this.setForm({ departmentIds: ids.includes(id) ? ids.filter((d) => d !== id) : [...ids, id] })
  }

  private writeSession(requestId: string): Promise<SessionView> {
    const form = this.form
    const fields = {
      type: form.type as StudyType,
      title: form.title,
      speaker: form.speaker || undefined,
      location: form.location,
      startAt: fromChinaTime(form.date, form.startTime),
      endAt: fromChinaTime(form.date, form.endTime),
      audience: audienceOf(form),
      creditHours: Number(form.creditHours),
      cmeCredits: Number(form.cmeCredits || 0),
      ...(form.requireCheckOut === null ? {} : { requireCheckOut: form.requireCheckOut }),
      fence: fenceOf(form),
      wifiBssids: form.wifiBssids,
    }
    return form.editingId
      ? this.api.call('study', 'editSession', { ...fields, sessionId: form.editingId }, { requestId })
      : this.api.call('study', 'createSession', fields, { requestId })
  }

  async saveSession(): Promise<SessionView | undefined> {
    const editing = this.form.editingId !== null
    const saved = await this.saving.submit()
    if (!saved) return undefined
    if (!editing) clearDraft(this.storage, SESSION_DRAFT_KEY)
    runInAction(() => {
      this.organized = [...this.organized.filter((s) => s.id !== saved.id), saved].sort((a, b) =>
        a.startAt.localeCompare(b.startAt),
      )
    })
    this.ui.toast(editing ? '已保存修改' : '学习活动已发布')
    return saved
  }

  async cancelSession(sessionId: string) {
    try {
      const cancelled = await this.api.call('study', 'cancelSession', { sessionId })
      runInAction(() => (this.organized = this.organized.map((s) => (s.id === sessionId ? cancelled : s))))
      this.ui.toast('已取消，参加人员将看到“已取消”')
    } catch (error) {
      this.ui.toast(failureMessage(error))
    }
  }

  // Organizer: the QR screen

  get qrSecondsLeft(): number {
    if (!this.qr) return 0
    return Math.max(0, Math.ceil((Date.parse(this.qr.expiresAt) - (this.nowMs - this.clockSkewMs)) / 1000))
  }

  /** Shows the current code and fetches the next one just before it expires, until `stopQr`. */
  startQr(sessionId: string) {
    this.stopQr()
    this.ticker = setInterval(() => runInAction(() => (this.nowMs = Date.now())), 250)
    void this.refreshQr(sessionId)
  }

  private async refreshQr(sessionId: string) {
    const qr = await this.qrLoading.run(() => this.api.call('study', 'qrCode', { sessionId }))
    if (!this.ticker) return
    let wait = 15_000
    if (qr) {
      runInAction(() => {
        this.qr = qr
        this.clockSkewMs = Date.now() - Date.parse(qr.serverNow)
      })
      wait = Math.max(500, Date.parse(qr.expiresAt) - Date.parse(qr.serverNow) - QR_REFRESH_LEAD_MS)
    }
    this.qrTimer = setTimeout(() => void this.refreshQr(sessionId), wait)
  }

  stopQr() {
    if (this.qrTimer) clearTimeout(this.qrTimer)
    if (this.ticker) clearInterval(this.ticker)
    this.qrTimer = null
    this.ticker = null
    this.qr = null
  }

  async loadRecord() {
    const record = await this.recordLoading.run(() => this.api.call('study', 'myRecord', {}))
    if (record) runInAction(() => (this.record = record))
  }

  get statsBars(): MonthBar[] {
    return this.stats ? monthBars(this.stats.byTypeMonth, this.statsChartType) : []
  }

  setStatsChartType(type: StudyType | null) {
    this.statsChartType = type
  }

  setStatsRange(patch: Partial<{ from: string; to: string }>) {
    this.statsRange = { ...this.statsRange, ...patch }
  }

  async loadStats() {
    const stats = await this.statsLoading.run(() => this.api.call('study', 'stats', { ...this.statsRange }))
    if (stats) runInAction(() => (this.stats = stats))
  }
}

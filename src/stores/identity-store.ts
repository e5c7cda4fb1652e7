import { makeAutoObservable, runInAction } from 'mobx'
import {
  DEPARTMENT_KIND_LABELS,
  type Department,
  type DepartmentKind,
  type PendingStaff,
  type Role,
  type SensitiveTextAnswer,
  type UserView,
} from '../contract'
import type { ApiClient } from '../services/api/client'
import { ApiFailure, failureMessage } from '../services/api/errors'
import { LoadState } from './support/load-state'
import { Submission } from './support/submission'
import type { UiStore } from './ui-store'

export interface StaffForm {
  employeeNo: string
  name: string
}

/** Who is signed in, their roles and preferences, and the admin's staff approvals. */
export class IdentityStore {
  me: UserView | null = null
  departments: Department[] = []
  readonly departmentsLoading = new LoadState()
  pendingStaff: PendingStaff[] = []
  staffForm: StaffForm = { employeeNo: '', name: '' }
  readonly loading = new LoadState()
  readonly pendingLoading = new LoadState()
  readonly staffBinding: Submission<UserView>

  constructor(
    private readonly api: ApiClient,
    private readonly ui: UiStore,
    private readonly devSignIn: ((role: Role) => Promise<void>) | null,
  ) {
    this.staffBinding = new Submission((requestId) =>
      this.api.call('identity', 'bindStaff', { ...this.staffForm }, { requestId }),
    )
    makeAutoObservable<IdentityStore, 'api' | 'ui' | 'devSignIn'>(this, { api: false, ui: false, devSignIn: false })
  }

  get roles(): Role[] {
    return this.me?.roles ?? []
  }

  hasRole(role: Role): boolean {
    return this.roles.includes(role)
  }

  get canSwitchRole(): boolean {
    return this.devSignIn !== null
  }

  async load() {
    const me = await this.loading.run(() => this.fetchMe())
    if (!me) return
    runInAction(() => (this.me = me))
    this.ui.applySaved(me.prefs.largeText)
  }

  /** A dev build with no session yet starts as the demo patient, as a first-time WeChat user would. */
  private async fetchMe(): Promise<UserView> {
    try {
      return await this.api.call('identity', 'me', {})
    } catch (error) {
      if (!(error instanceof ApiFailure && error.code === 'UNAUTHENTICATED' && this.devSignIn)) throw error
      await this.devSignIn('patient')
      return this.api.call('identity', 'me', {})
    }
  }

  /** `fresh` reads them again, e.g. after a roster import added some. */
  async loadDepartments(fresh = false) {
    if (this.departments.length > 0 && !fresh) return
    const departments = await this.api.call('identity', 'departments', {})
    runInAction(() => (this.departments = departments))
  }

  /** The admin's department list, read again with its own loading and error state. */
  async reloadDepartments() {
    await this.departmentsLoading.run(() => this.loadDepartments(true))
  }

  async setDepartmentKind(departmentId: string, kind: DepartmentKind) {
    try {
      const changed = await this.api.call('identity', 'setDepartmentKind', { departmentId, kind })
      runInAction(() => (this.departments = this.departments.map((d) => (d.id === changed.id ? changed : d))))
      this.ui.toast(`${changed.name}：${DEPARTMENT_KIND_LABELS[changed.kind]}`)
    } catch (error) {
      this.ui.toast(failureMessage(error))
    }
  }

  /** Applies at once and remembers on the device; the server copy follows the person to new devices. */
  async setLargeText(on: boolean) {
    this.ui.setLargeText(on)
    try {
      const me = await this.api.call('identity', 'setPrefs', { largeText: on })
      runInAction(() => (this.me = me))
    } catch (error) {
      this.ui.toast(`已在本机开启，同步失败：${failureMessage(error)}`)
    }
  }

  /** 单独同意 for free text about one's treatment; `null` until asked. */
  get sensitiveText(): SensitiveTextAnswer | null {
    return this.me?.prefs.sensitiveText ?? null
  }

  /** Remembered on the server, so the person is asked once, not on every form or device. */
  async answerSensitiveText(answer: SensitiveTextAnswer) {
    try {
      const me = await this.api.call('identity', 'setPrefs', { sensitiveText: answer })
      runInAction(() => (this.me = me))
    } catch (error) {
      this.ui.toast(`未能保存您的选择：${failureMessage(error)}`)
    }
  }

  setStaffForm(patch: Partial<StaffForm>) {
    this.staffForm = { ...this.staffForm, ...patch }
  }

  async bindStaff() {
    const me = await this.staffBinding.submit()
    if (!me) return
    runInAction(() => (this.me = me))
    this.ui.toast('已提交，等待管理员审核')
  }

  async loadPendingStaff() {
    const pending = await this.pendingLoading.run(() => this.api.call('identity', 'pendingStaff', {}))
    if (pending) runInAction(() => (this.pendingStaff = pending))
  }

  async decideStaff(userId: string, approve: boolean) {
    try {
      await this.api.call('identity', 'approveStaff', { userId, approve })
      runInAction(() => (this.pendingStaff = this.pendingStaff.filter((p) => p.userId !== userId)))
      this.ui.toast(approve ? '已通过' : '已驳回')
    } catch (error) {
      this.ui.toast(failureMessage(error))
    }
  }

  async switchRole(role: Role) {
    if (!this.devSignIn) return
    try {
      await this.devSignIn(role)
      await this.load()
    } catch (error) {
      this.ui.toast(failureMessage(error))
    }
  }
}

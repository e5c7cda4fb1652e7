import { makeAutoObservable, runInAction } from 'mobx'
import type { AttendanceView, CsvExport } from '../../contract'
import { chinaDay, fromChinaTime } from '../../contract/month'
import type { ApiClient } from '../../services/api/client'
import { failureMessage } from '../../services/api/errors'
import { LoadState } from '../support/load-state'
import type { UiStore } from '../ui-store'

const POLL_MS = 5000

/**
 * The organizer's live view of one session: who is in, who asked for leave, who needs confirming.
 * It polls while the screen is open, and every decision made on it reloads the view at once.
 */
export class LiveAttendance {
  view: AttendanceView | null = null
  readonly loading = new LoadState()
  private timer: ReturnType<typeof setInterval> | null = null

  constructor(
    private readonly api: ApiClient,
    private readonly ui: UiStore,
  ) {
    makeAutoObservable<LiveAttendance, 'api' | 'ui' | 'timer'>(this, { api: false, ui: false, timer: false })
  }

  start(sessionId: string) {
    this.stop()
    void this.load(sessionId)
    this.timer = setInterval(() => void this.load(sessionId, true), POLL_MS)
  }

  /** A quiet poll keeps the last good view on screen when one poll fails. */
  private async load(sessionId: string, quiet = false) {
    if (quiet) {
      try {
        const view = await this.api.call('study', 'attendance', { sessionId })
        runInAction(() => (this.view = view))
      } catch {
        // the next poll tries again; the error state is for the first load only
      }
      return
    }
    const view = await this.loading.run(() => this.api.call('study', 'attendance', { sessionId }))
    if (view) runInAction(() => (this.view = view))
  }

  stop() {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  async decideLeave(sessionId: string, userId: string, approve: boolean) {
    await this.write(sessionId, approve ? '已准假' : '已驳回', () =>
      this.api.call('study', 'decideLeave', { sessionId, userId, approve }),
    )
  }

  /** Checks in one the platform could not place, whom the organizer sees in the room. */
  async confirmPresence(sessionId: string, userId: string) {
    await this.write(sessionId, '已确认到场', () => this.api.call('study', 'confirmPresence', { sessionId, userId }))
  }

  /** 未签退: records the check-out time the organizer confirms, on the session's day. */
  async correctCheckOut(sessionId: string, userId: string, clock: string) {
    const session = this.view?.session
    if (!session) return
    const checkedOutAt = fromChinaTime(chinaDay(new Date(session.startAt)), clock)
    await this.write(sessionId, `已补记签退 ${clock}`, () =>
      this.api.call('study', 'correctCheckOut', { sessionId, userId, checkedOutAt }),
    )
  }

  private async write(sessionId: string, done: string, write: () => Promise<unknown>) {
    try {
      await write()
      this.ui.toast(done)
      await this.load(sessionId, true)
    } catch (error) {
      this.ui.toast(failureMessage(error))
    }
  }

  async exportCsv(sessionId: string): Promise<CsvExport | null> {
    try {
      return await this.api.call('study', 'exportAttendance', { sessionId })
    } catch (error) {
      this.ui.toast(failureMessage(error))
      return null
    }
  }
}

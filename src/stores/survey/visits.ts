import { makeAutoObservable, runInAction } from 'mobx'
import type { ImportVisitsResult, VisitCode } from '../../contract'
import type { ApiClient } from '../../services/api/client'
import { failureMessage } from '../../services/api/errors'
import { Submission } from '../support/submission'
import type { UiStore } from '../ui-store'

/** Slips drawn at once: the QR of each is asked for separately, and a print run of more is split. */
export const SLIPS_PER_PRINT = 200
const QR_REQUESTS_AT_ONCE = 4

/**
 * 就诊导入与评价码: an admin brings in the HIS export, sees what was refused line by line, and prints
 * a slip per visit (QR, short code, department, date; never the patient's name).
 */
export class SurveyVisitsStore {
  csv = ''
  result: ImportVisitsResult | null = null
  /** The visits whose slips are ready to print, in import order. */
  slips: VisitCode[] = []
  /** QR image of each slip by visit id, as the server drew it. */
  qrImages: Record<string, string> = {}
  drawing = false
  singleVisitId = ''
  readonly importing: Submission<ImportVisitsResult> = new Submission((requestId) =>
    this.api.call('survey', 'importVisits', { csv: this.csv }, { requestId }),
  )
  readonly single: Submission<VisitCode> = new Submission(() =>
    this.api.call('survey', 'visitCode', { visitId: this.singleVisitId.trim() }),
  )

  constructor(
    private readonly api: ApiClient,
    private readonly ui: UiStore,
  ) {
    makeAutoObservable<SurveyVisitsStore, 'api' | 'ui'>(this, { api: false, ui: false })
  }

  setCsv(csv: string) {
    this.csv = csv
  }

  setSingleVisitId(visitId: string) {
    this.singleVisitId = visitId
  }

  get readyToPrint(): boolean {
    return this.slips.length > 0 && this.slips.every((slip) => slip.visitId in this.qrImages)
  }

  /** The pasted text is kept after a failed import, so nothing typed is lost. */
  async importCsv() {
    const result = await this.importing.submit()
    if (!result) return
    runInAction(() => {
      this.result = result
      if (result.added > 0) this.csv = ''
    })
    await this.prepare(result.codes.slice(0, SLIPS_PER_PRINT))
  }

  /** One slip again, e.g. for a patient who lost theirs. */
  async printOne() {
    const code = await this.single.submit()
    if (code) await this.prepare([code])
  }

  clearSlips() {
    this.slips = []
    this.qrImages = {}
  }

  private async prepare(slips: VisitCode[]) {
    this.slips = slips
    this.qrImages = {}
    this.drawing = true
    try {
      const queue = [...slips]
      const draw = async () => {
        for (let slip = queue.shift(); slip; slip = queue.shift()) {
          const { visitId } = slip
          const qr = await this.api.call('survey', 'visitQr', { visitId })
          runInAction(() => (this.qrImages[visitId] = qr.image))
        }
      }
      await Promise.all(Array.from({ length: QR_REQUESTS_AT_ONCE }, draw))
    } catch (error) {
      this.ui.toast(`二维码生成失败：${failureMessage(error)}`)
    } finally {
      runInAction(() => (this.drawing = false))
    }
  }
}

import { makeAutoObservable } from 'mobx'
import type { CsvExport } from '../../contract'
import { chinaYear } from '../../contract/month'
import type { ApiClient } from '../../services/api/client'
import { runExport } from '../support/export'
import { Submission } from '../support/submission'
import type { UiStore } from '../ui-store'

/** The administrator's yearly work: the national record's upload file. */
export class VolunteerRecognitionStore {
  year = chinaYear(new Date())
  readonly exportingNational: Submission<CsvExport>

  constructor(
    private readonly api: ApiClient,
    private readonly ui: UiStore,
  ) {
    this.exportingNational = new Submission((requestId) =>
      this.api.call('volunteer', 'exportNationalRecords', { year: this.year }, { requestId }),
    )
    makeAutoObservable<VolunteerRecognitionStore, 'api' | 'ui'>(this, { api: false, ui: false })
  }

  get canGoForward(): boolean {
    return this.year < chinaYear(new Date())
  }

  stepYear(delta: number) {
    if (delta > 0 && !this.canGoForward) return
    this.year += delta
  }

  exportNational(): Promise<CsvExport | undefined> {
    return runExport(this.exportingNational, this.ui)
  }
}

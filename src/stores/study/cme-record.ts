import { makeAutoObservable, runInAction } from 'mobx'
import type { CmeCertificate } from '../../contract'
import { chinaYear } from '../../contract/month'
import type { ApiClient } from '../../services/api/client'
import { LoadState } from '../support/load-state'

/** The printable yearly CME record: one year at a time, this year by default. */
export class CmeRecordStore {
  record: CmeCertificate | null = null
  year = chinaYear(new Date())
  readonly loading = new LoadState()

  constructor(private readonly api: ApiClient) {
    makeAutoObservable<CmeRecordStore, 'api'>(this, { api: false })
  }

  async load(year = this.year) {
    this.year = year
    const record = await this.loading.run(() => this.api.call('study', 'cmeCertificate', { year }))
    if (record) runInAction(() => (this.record = record))
  }
}

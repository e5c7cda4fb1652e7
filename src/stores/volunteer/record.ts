import { makeAutoObservable, runInAction } from 'mobx'
import type { CsvExport, RankingRow, StarLevel, VolunteerRecord } from '../../contract'
import { chinaYear } from '../../contract/month'
import type { ApiClient } from '../../services/api/client'
import { runExport } from '../support/export'
import { LoadState } from '../support/load-state'
import { Submission } from '../support/submission'
import type { UiStore } from '../ui-store'

/** 一星志愿者 · 再服务 200 小时可达二星 */
export function starText(star: StarLevel): string {
  const next = star.hoursToNext === null ? '已达最高星级' : `再服务 ${star.hoursToNext} 小时升星`
  return star.level === 0 ? `未评星 · ${next}` : `${star.name}志愿者 · ${next}`
}

/** 我的服务记录 and the yearly ranking: the record a page at a time, newest service first. */
export class VolunteerRecordStore {
  record: VolunteerRecord | null = null
  readonly recordLoading = new LoadState()
  rankingYear = chinaYear(new Date())
  ranking: RankingRow[] = []
  readonly rankingLoading = new LoadState()
  readonly exporting: Submission<CsvExport>
  /** The volunteer's own record in the national record's fields. */
  readonly exportingRecord: Submission<CsvExport>

  constructor(
    private readonly api: ApiClient,
    private readonly ui: UiStore,
  ) {
    this.exporting = new Submission((requestId) =>
      this.api.call('volunteer', 'exportRanking', { year: this.rankingYear }, { requestId }),
    )
    this.exportingRecord = new Submission((requestId) =>
      this.api.call('volunteer', 'exportMyRecord', {}, { requestId }),
    )
    makeAutoObservable<VolunteerRecordStore, 'api' | 'ui'>(this, { api: false, ui: false })
  }

  get pageCount(): number {
    return this.record ? Math.max(1, Math.ceil(this.record.serviceCount / this.record.pageSize)) : 1
  }

  async loadRecord(page = 1) {
    const record = await this.recordLoading.run(() => this.api.call('volunteer', 'myRecord', { page }))
    if (record) runInAction(() => (this.record = record))
  }

  async stepPage(delta: number) {
    const page = (this.record?.page ?? 1) + delta
    if (page >= 1 && page <= this.pageCount) await this.loadRecord(page)
  }

  async loadRanking(year: number = this.rankingYear) {
    this.rankingYear = year
    const rows = await this.rankingLoading.run(() => this.api.call('volunteer', 'ranking', { year }))
    if (rows) runInAction(() => (this.ranking = rows))
  }

  exportRanking(): Promise<CsvExport | undefined> {
    return runExport(this.exporting, this.ui)
  }

  exportMyRecord(): Promise<CsvExport | undefined> {
    return runExport(this.exportingRecord, this.ui)
  }
}

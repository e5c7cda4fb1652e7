import { makeAutoObservable, runInAction } from 'mobx'
import type { CanonicalThemeId, HeatView, TaggedComment, TopThemes } from '../contract'
import { monthOf } from '../contract/month'
import type { ApiClient } from '../services/api/client'
import { LoadState } from './support/load-state'

export interface HeatCellRef {
  departmentId: string
  departmentName: string
  theme: CanonicalThemeId
}

/** 患者声音: the month's themes by department, and the texts behind one cell. */
export class VoiceHeatStore {
  month = monthOf(new Date())
  heat: HeatView | null = null
  readonly loading = new LoadState()
  cell: HeatCellRef | null = null
  comments: TaggedComment[] = []
  readonly commentsLoading = new LoadState()
  /** The dashboard's top themes of one department-month. */
  top: TopThemes | null = null
  readonly topLoading = new LoadState()

  constructor(private readonly api: ApiClient) {
    makeAutoObservable<VoiceHeatStore, 'api'>(this, { api: false })
  }

  async load() {
    const heat = await this.loading.run(() => this.api.call('voice', 'heat', { month: this.month }))
    if (heat) runInAction(() => (this.heat = heat))
  }

  async setMonth(month: string) {
    this.month = month
    this.cell = null
    this.comments = []
    await this.load()
  }

  async openCell(cell: HeatCellRef) {
    this.cell = cell
    this.comments = []
    const input = { month: this.month, departmentId: cell.departmentId, theme: cell.theme }
    const comments = await this.commentsLoading.run(() => this.api.call('voice', 'heatComments', input))
    if (comments) runInAction(() => (this.comments = comments))
  }

  async loadTop(departmentId: string, month: string) {
    this.top = null
    const top = await this.topLoading.run(() => this.api.call('voice', 'topThemes', { departmentId, month }))
    if (top) runInAction(() => (this.top = top))
  }

  /** The columns worth a phone's width: the themes with the most negative mentions. */
  get columns(): HeatView['themes'] {
    return (this.heat?.themes ?? []).slice(0, MAX_COLUMNS)
  }

  /** 0..1: how hot a cell is against the hottest cell of the month. */
  heatOf(negative: number): number {
    const hottest = Math.max(
      1,
      ...(this.heat?.departments ?? []).flatMap((row) => (row.cells ?? []).map((c) => c.negative)),
    )
    return negative / hottest
  }
}

const MAX_COLUMNS = 6

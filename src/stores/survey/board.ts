import { makeAutoObservable, runInAction } from 'mobx'
import type { Board } from '../../contract'
import { shiftMonth } from '../../contract/month'
import type { ApiClient } from '../../services/api/client'
import { LoadState } from '../support/load-state'

/** 满意度公示: the month shown is the server's current month until the person steps to another. */
export class SurveyBoardStore {
  board: Board | null = null
  readonly loading = new LoadState()

  constructor(private readonly api: ApiClient) {
    makeAutoObservable<SurveyBoardStore, 'api'>(this, { api: false })
  }

  async load(month?: string) {
    const board = await this.loading.run(() => this.api.call('survey', 'board', month ? { month } : {}))
    if (board) runInAction(() => (this.board = board))
  }

  async step(delta: number) {
    if (this.board) await this.load(shiftMonth(this.board.month, delta))
  }
}

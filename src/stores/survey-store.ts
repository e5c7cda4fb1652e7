import type { ApiClient } from '../services/api/client'
import { SurveyAlertsStore } from './survey/alerts'
import { SurveyBoardStore } from './survey/board'
import { SurveyDashboardStore } from './survey/dashboard'
import { SurveyRatingStore } from './survey/rating'
import { SurveyVisitsStore } from './survey/visits'
import type { KeyValueStorage } from './support/storage'
import type { UiStore } from './ui-store'

/**
 * Patient satisfaction: rating a visit, the public board, the manager dashboard, low-score
 * follow-up, and the admin's visit import with its printed slips.
 */
export class SurveyStore {
  readonly rating: SurveyRatingStore
  readonly board: SurveyBoardStore
  readonly dashboard: SurveyDashboardStore
  readonly alerts: SurveyAlertsStore
  readonly visits: SurveyVisitsStore

  /** `hasTextConsent`: whether the person has given 单独同意 for free text about their treatment. */
  constructor(api: ApiClient, ui: UiStore, storage: KeyValueStorage, hasTextConsent: () => boolean) {
    this.rating = new SurveyRatingStore(api, storage, hasTextConsent)
    this.board = new SurveyBoardStore(api)
    this.dashboard = new SurveyDashboardStore(api, ui)
    this.alerts = new SurveyAlertsStore(api, ui)
    this.visits = new SurveyVisitsStore(api, ui)
  }
}

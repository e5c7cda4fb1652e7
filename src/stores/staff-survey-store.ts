import type { ApiClient } from '../services/api/client'
import { StaffSurveyAnswerStore } from './staff-survey/answer'
import { StaffSurveyResultsStore } from './staff-survey/results'
import type { KeyValueStorage } from './support/storage'
import type { UiStore } from './ui-store'

/** 医务人员满意度: answering a campaign, and the organizers' results. */
export class StaffSurveyStore {
  readonly answer: StaffSurveyAnswerStore
  readonly results: StaffSurveyResultsStore

  constructor(api: ApiClient, ui: UiStore, storage: KeyValueStorage) {
    this.answer = new StaffSurveyAnswerStore(api, storage)
    this.results = new StaffSurveyResultsStore(api, ui)
  }
}

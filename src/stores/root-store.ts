import type { Role } from '../contract'
import type { ApiClient } from '../services/api/client'
import { FeedbackStore } from './feedback-store'
import { IdentityStore } from './identity-store'
import { RosterStore } from './roster-store'
import { SurveyStore } from './survey-store'
import { StudyStore } from './study-store'
import type { KeyValueStorage } from './support/storage'
import { UiStore } from './ui-store'
import { VolunteerStore } from './volunteer-store'

export interface StoreDeps {
  api: ApiClient
  storage: KeyValueStorage
  toast: (message: string) => void
  /** Present in dev builds only: act as a demo user of another role. */
  devSignIn: ((role: Role) => Promise<void>) | null
}

export class RootStore {
  readonly ui: UiStore
  readonly identity: IdentityStore
  readonly roster: RosterStore
  readonly feedback: FeedbackStore
  readonly survey: SurveyStore
  readonly study: StudyStore
  readonly volunteer: VolunteerStore

  constructor(readonly deps: StoreDeps) {
    this.ui = new UiStore(deps.storage, deps.toast)
    this.identity = new IdentityStore(deps.api, this.ui, deps.devSignIn)
    this.roster = new RosterStore(deps.api, this.ui, deps.storage)
    this.feedback = new FeedbackStore(deps.api, this.ui, deps.storage)
    this.survey = new SurveyStore(deps.api, this.ui, deps.storage)
    this.study = new StudyStore(deps.api, this.ui, deps.storage)
    this.volunteer = new VolunteerStore(deps.api, this.ui, deps.storage)
  }
}

import type { Role } from '../contract'
import { noPresence, type PresenceReader } from '../services/presence/reader'
import type { ApiClient } from '../services/api/client'
import { FeedbackStore } from './feedback-store'
import { IdentityStore } from './identity-store'
import { MyDataStore } from './my-data-store'
import { PrivacyStore } from './privacy-store'
import { RosterStore } from './roster-store'
import { StaffSurveyStore } from './staff-survey-store'
import { SurveyStore } from './survey-store'
import { StudyStore } from './study-store'
import type { KeyValueStorage } from './support/storage'
import { wechatTextEnlarged, type WeChatTextSize } from './support/wechat-text-size'
import { UiStore } from './ui-store'
import { VoiceHeatStore } from './voice-heat-store'
import { VoiceStore } from './voice-store'
import { VoiceTagsStore } from './voice-tags-store'
import { VolunteerStore } from './volunteer-store'

export interface StoreDeps {
  api: ApiClient
  storage: KeyValueStorage
  toast: (message: string) => void
  /** Present in dev builds only: act as a demo user of another role. */
  devSignIn: ((role: Role) => Promise<void>) | null
  /** WeChat's own text size, where the platform tells it. */
  wechatTextSize?: WeChatTextSize
  /** The device's location and Wi-Fi for a check-in that asks for presence; none where omitted. */
  presence?: PresenceReader
}

export class RootStore {
  readonly ui: UiStore
  readonly privacy: PrivacyStore
  readonly identity: IdentityStore
  readonly myData: MyDataStore
  readonly roster: RosterStore
  readonly feedback: FeedbackStore
  readonly survey: SurveyStore
  readonly study: StudyStore
  readonly staffSurvey: StaffSurveyStore
  readonly volunteer: VolunteerStore
  readonly voice: VoiceStore
  readonly voiceHeat: VoiceHeatStore
  readonly voiceTags: VoiceTagsStore

  constructor(readonly deps: StoreDeps) {
    this.ui = new UiStore(deps.storage, deps.toast, wechatTextEnlarged(deps.wechatTextSize ?? {}))
    this.privacy = new PrivacyStore(deps.storage)
    this.identity = new IdentityStore(deps.api, this.ui, deps.devSignIn)
    this.myData = new MyDataStore(deps.api, this.ui, this.identity)
    this.roster = new RosterStore(deps.api, this.ui, deps.storage)
    this.feedback = new FeedbackStore(deps.api, this.ui, deps.storage)
    this.survey = new SurveyStore(deps.api, this.ui, deps.storage, () => this.identity.sensitiveText === 'granted')
    this.study = new StudyStore(deps.api, this.ui, deps.storage, deps.presence ?? noPresence)
    this.staffSurvey = new StaffSurveyStore(deps.api, this.ui, deps.storage)
    this.volunteer = new VolunteerStore(deps.api, this.ui, deps.storage)
    this.voice = new VoiceStore(deps.api, this.ui)
    this.voiceHeat = new VoiceHeatStore(deps.api)
    this.voiceTags = new VoiceTagsStore(deps.api)
  }
}

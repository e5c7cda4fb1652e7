import type { PersonalDataRepo } from '../core/personal-data'
import type { PlatformRepo } from '../core/platform-repo'
import type { FeedbackRepo } from './feedback/repo'
import type { IdentityRepo } from './identity/repo'
import type { StaffSurveyRepo } from './staff-survey/repo'
import type { StudyRepo } from './study/repo'
import type { SurveyRepo } from './survey/repo'
import type { VoiceRepo } from './voice/repo'
import type { VolunteerRepo } from './volunteer/repo'

/** Everything a handler may touch in storage; each adapter provides all of it. */
export interface Repos {
  platform: PlatformRepo
  identity: IdentityRepo
  feedback: FeedbackRepo
  survey: SurveyRepo
  volunteer: VolunteerRepo
  study: StudyRepo
  staffSurvey: StaffSurveyRepo
  personalData: PersonalDataRepo
  voice: VoiceRepo
}

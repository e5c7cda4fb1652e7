import type { PersonalDataRepo } from '../core/personal-data'
import type { PlatformRepo } from '../core/platform-repo'
import type { FeedbackRepo } from '../domain/feedback/repo'
import type { IdentityRepo } from '../domain/identity/repo'
import type { StaffSurveyRepo } from '../domain/staff-survey/repo'
import type { StudyRepo } from '../domain/study/repo'
import type { SurveyRepo } from '../domain/survey/repo'
import type { VoiceRepo } from '../domain/voice/repo'
import type { VolunteerRepo } from '../domain/volunteer/repo'

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

import type { Repos } from '../../domain/repos'
import type { CloudDb } from './db'
import { createFeedbackRepo } from './feedback-repo'
import { createIdentityRepo } from './identity-repo'
import { createPersonalDataRepo } from './personal-data'
import { createPlatformRepo } from './platform-repo'
import { createStaffSurveyRepo } from './staff-survey-repo'
import { createStudyRepo } from './study-repo'
import { createSurveyRepo } from './survey-repo'
import { createVolunteerRepo } from './volunteer-repo'
import { createVoiceRepo } from './voice-repo'

export function createCloudbaseRepos(db: CloudDb): Repos {
  return {
    platform: createPlatformRepo(db),
    identity: createIdentityRepo(db),
    survey: createSurveyRepo(db),
    volunteer: createVolunteerRepo(db),
    feedback: createFeedbackRepo(db),
    study: createStudyRepo(db),
    staffSurvey: createStaffSurveyRepo(db),
    personalData: createPersonalDataRepo(db),
    voice: createVoiceRepo(db),
  }
}

import type { PersonalDataRepo } from '../core/personal-data'
import type { PlatformRepo } from '../core/platform-repo'
import type { IdentityRepo } from '../domain/identity/repo'
import type { SurveyRepo } from '../domain/survey/repo'
import type { VolunteerRepo } from '../domain/volunteer/repo'

/** Everything a handler may touch in storage; each adapter provides all of it. */
export interface Repos {
  platform: PlatformRepo
  identity: IdentityRepo
  survey: SurveyRepo
  volunteer: VolunteerRepo
  personalData: PersonalDataRepo
}

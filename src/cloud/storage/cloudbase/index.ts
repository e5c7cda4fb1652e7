import type { Repos } from '../repos'
import type { CloudDb } from './db'
import { createIdentityRepo } from './identity-repo'
import { createPlatformRepo } from './platform-repo'
import { createSurveyRepo } from './survey-repo'

export function createCloudbaseRepos(db: CloudDb): Pick<Repos, 'platform' | 'identity' | 'survey'> {
  return {
    platform: createPlatformRepo(db),
    identity: createIdentityRepo(db),
    survey: createSurveyRepo(db),
  }
}

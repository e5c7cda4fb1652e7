import type { Repos } from '../repos'
import type { CloudDb } from './db'
import { createIdentityRepo } from './identity-repo'
import { createPlatformRepo } from './platform-repo'

export function createCloudbaseRepos(db: CloudDb): Pick<Repos, 'platform' | 'identity'> {
  return {
    platform: createPlatformRepo(db),
    identity: createIdentityRepo(db),
  }
}

import cloud from 'wx-server-sdk'
import { DISPATCH_REPOS } from '../functions/repo-sets'
import { createCloudbaseRepoSet, type CloudbaseRepoSet } from '../storage/cloudbase'
import type { RepoFactory } from './wechat'

/**
 * Storage for a deployed function: the environment's cloud database, with the repositories its set
 * names (src/cloud/functions/repo-sets.ts) beside dispatch's own. (The local host and the tests use
 * PGlite; see host/server.ts.) A missing document reads as `null`, not an exception.
 */
export const cloudRepos =
  (name: string, set: CloudbaseRepoSet): RepoFactory =>
  async () =>
    createCloudbaseRepoSet(cloud.database({ throwOnNotFound: false }), { ...DISPATCH_REPOS, ...set }, name)

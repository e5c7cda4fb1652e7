import cloud from 'wx-server-sdk'
import { createCloudbaseRepos } from '../storage/cloudbase'
import type { RepoFactory } from './wechat'

/**
 * Storage for deployed functions: the environment's cloud database. (The local host and the
 * tests use PGlite; see host/server.ts.) A missing document reads as `null`, not an exception.
 */
export const cloudRepos: RepoFactory = async () => createCloudbaseRepos(cloud.database({ throwOnNotFound: false }))

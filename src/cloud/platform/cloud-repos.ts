import type { RepoFactory } from './wechat'

/**
 * The WeChat cloud database adapter (storage/cloudbase) is issue 8. Until it lands, a deployed
 * function answers INTERNAL with this reason in the function log rather than pretending to store.
 */
export const cloudRepos: RepoFactory = async () => {
  throw new Error('storage/cloudbase is not built yet (issue 8): deployed functions cannot reach the cloud database')
}

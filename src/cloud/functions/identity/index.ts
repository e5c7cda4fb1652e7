import { identityFunction } from '../../domain/identity/function'
import { cloudRepos } from '../../wechat/cloud-repos'
import { createWechatMain } from '../../wechat/wechat'
import { identity } from '../repo-sets'

export const main = createWechatMain('identity', identityFunction, cloudRepos('identity', identity))

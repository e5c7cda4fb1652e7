import { identityFunction } from '../../domain/identity/function'
import { cloudRepos } from '../../wechat/cloud-repos'
import { createWechatMain } from '../../wechat/wechat'

export const main = createWechatMain('identity', identityFunction, cloudRepos)

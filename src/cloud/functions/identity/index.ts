import { identityFunction } from '../../domain/identity/function'
import { cloudRepos } from '../../platform/cloud-repos'
import { createWechatMain } from '../../platform/wechat'

export const main = createWechatMain('identity', identityFunction, cloudRepos)

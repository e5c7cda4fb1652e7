import { volunteerFunction } from '../../domain/volunteer/function'
import { cloudRepos } from '../../platform/cloud-repos'
import { createWechatMain } from '../../platform/wechat'

export const main = createWechatMain('volunteer', volunteerFunction, cloudRepos)

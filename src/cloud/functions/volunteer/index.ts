import { volunteerFunction } from '../../domain/volunteer/function'
import { cloudRepos } from '../../wechat/cloud-repos'
import { createWechatMain } from '../../wechat/wechat'

export const main = createWechatMain('volunteer', volunteerFunction, cloudRepos)

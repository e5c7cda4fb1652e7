import { volunteerFunction } from '../../domain/volunteer/function'
import { cloudRepos } from '../../wechat/cloud-repos'
import { createWechatMain } from '../../wechat/wechat'
import { volunteer } from '../repo-sets'

export const main = createWechatMain('volunteer', volunteerFunction, cloudRepos('volunteer', volunteer))

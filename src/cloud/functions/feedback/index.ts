import { feedbackFunction } from '../../domain/feedback/function'
import { cloudRepos } from '../../wechat/cloud-repos'
import { createWechatMain } from '../../wechat/wechat'
import { feedback } from '../repo-sets'

export const main = createWechatMain('feedback', feedbackFunction, cloudRepos('feedback', feedback))

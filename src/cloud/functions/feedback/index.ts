import { feedbackFunction } from '../../domain/feedback/function'
import { cloudRepos } from '../../wechat/cloud-repos'
import { createWechatMain } from '../../wechat/wechat'

export const main = createWechatMain('feedback', feedbackFunction, cloudRepos)

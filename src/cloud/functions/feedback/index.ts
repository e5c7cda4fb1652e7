import { feedbackFunction } from '../../domain/feedback/function'
import { cloudRepos } from '../../platform/cloud-repos'
import { createWechatMain } from '../../platform/wechat'

export const main = createWechatMain('feedback', feedbackFunction, cloudRepos)

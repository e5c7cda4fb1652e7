import { surveyFunction } from '../../domain/survey/function'
import { cloudRepos } from '../../wechat/cloud-repos'
import { createWechatMain } from '../../wechat/wechat'

export const main = createWechatMain('survey', surveyFunction, cloudRepos)

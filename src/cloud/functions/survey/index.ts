import { surveyFunction } from '../../domain/survey/function'
import { cloudRepos } from '../../platform/cloud-repos'
import { createWechatMain } from '../../platform/wechat'

export const main = createWechatMain('survey', surveyFunction, cloudRepos)

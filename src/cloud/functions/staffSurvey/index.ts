import { staffSurveyFunction } from '../../domain/staff-survey/function'
import { cloudRepos } from '../../platform/cloud-repos'
import { createWechatMain } from '../../platform/wechat'

export const main = createWechatMain('staffSurvey', staffSurveyFunction, cloudRepos)

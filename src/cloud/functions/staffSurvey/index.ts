import { staffSurveyFunction } from '../../domain/staff-survey/function'
import { cloudRepos } from '../../wechat/cloud-repos'
import { createWechatMain } from '../../wechat/wechat'
import { staffSurvey } from '../repo-sets'

export const main = createWechatMain('staffSurvey', staffSurveyFunction, cloudRepos('staffSurvey', staffSurvey))

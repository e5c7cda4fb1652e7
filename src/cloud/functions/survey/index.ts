import { surveyFunction } from '../../domain/survey/function'
import { cloudRepos } from '../../wechat/cloud-repos'
import { createWechatMain } from '../../wechat/wechat'
import { survey } from '../repo-sets'

export const main = createWechatMain('survey', surveyFunction, cloudRepos('survey', survey))

import { studyFunction } from '../../domain/study/function'
import { cloudRepos } from '../../platform/cloud-repos'
import { createWechatMain } from '../../platform/wechat'

export const main = createWechatMain('study', studyFunction, cloudRepos)

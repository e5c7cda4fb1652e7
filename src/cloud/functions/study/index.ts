import { studyFunction } from '../../domain/study/function'
import { cloudRepos } from '../../wechat/cloud-repos'
import { createWechatMain } from '../../wechat/wechat'

export const main = createWechatMain('study', studyFunction, cloudRepos)

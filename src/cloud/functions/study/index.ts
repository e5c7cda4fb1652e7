import { studyFunction } from '../../domain/study/function'
import { cloudRepos } from '../../wechat/cloud-repos'
import { createWechatMain } from '../../wechat/wechat'
import { study } from '../repo-sets'

export const main = createWechatMain('study', studyFunction, cloudRepos('study', study))

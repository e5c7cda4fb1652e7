import { voiceFunction } from '../../domain/voice/function'
import { cloudRepos } from '../../wechat/cloud-repos'
import { createWechatMain } from '../../wechat/wechat'
import { voice } from '../repo-sets'

export const main = createWechatMain('voice', voiceFunction, cloudRepos('voice', voice))

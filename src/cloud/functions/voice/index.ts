import { voiceFunction } from '../../domain/voice/function'
import { cloudRepos } from '../../platform/cloud-repos'
import { createWechatMain } from '../../platform/wechat'

export const main = createWechatMain('voice', voiceFunction, cloudRepos)

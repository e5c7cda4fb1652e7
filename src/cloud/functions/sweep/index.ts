import { cloudRepos } from '../../wechat/cloud-repos'
import { createSweepMain } from '../../wechat/sweep'

export const main = createSweepMain(cloudRepos)

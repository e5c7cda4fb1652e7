import { cloudRepos } from '../../wechat/cloud-repos'
import { createSweepMain } from '../../wechat/sweep'
import { sweep } from '../repo-sets'

export const main = createSweepMain(cloudRepos('sweep', sweep))

import { cloudRepos } from '../../platform/cloud-repos'
import { createSweepMain } from '../../platform/sweep'

export const main = createSweepMain(cloudRepos)

import type { Repos } from '../../domain/repos'
import type { CloudDb } from './db'
import { createFeedbackRepo } from './feedback-repo'
import { createIdentityRepo } from './identity-repo'
import { createPersonalDataRepo } from './personal-data'
import { createPlatformRepo } from './platform-repo'
import { createStaffSurveyRepo } from './staff-survey-repo'
import { createStudyRepo } from './study-repo'
import { createSurveyRepo } from './survey-repo'
import { createVolunteerRepo } from './volunteer-repo'
import { createVoiceRepo } from './voice-repo'

export {
  createFeedbackRepo,
  createIdentityRepo,
  createPersonalDataRepo,
  createPlatformRepo,
  createStaffSurveyRepo,
  createStudyRepo,
  createSurveyRepo,
  createVolunteerRepo,
  createVoiceRepo,
}

/**
 * Some of the repositories, each under the name handlers reach it by (`ctx.repos.survey`). A cloud
 * function lists only the ones its handlers use, so its bundle carries no other area's adapter.
 */
export type CloudbaseRepoSet = { [K in keyof Repos]?: (db: CloudDb) => Repos[K] }

/** Every repository's name, for the refusal below; the `satisfies` keeps the list complete. */
const REPO_NAMES = Object.keys({
  platform: true,
  identity: true,
  feedback: true,
  survey: true,
  volunteer: true,
  study: true,
  staffSurvey: true,
  personalData: true,
  voice: true,
} satisfies Record<keyof Repos, true>) as (keyof Repos)[]

/**
 * The set's repositories on one database. Reaching one outside the set throws at once, naming it, so
 * a set that misses what a handler needs fails loudly (INTERNAL, logged) rather than as `undefined`.
 */
export function createCloudbaseRepoSet(db: CloudDb, set: CloudbaseRepoSet, owner: string): Repos {
  const repos: Partial<Record<keyof Repos, unknown>> = {}
  for (const name of REPO_NAMES) {
    const create = set[name] as ((db: CloudDb) => unknown) | undefined
    if (create) repos[name] = create(db)
    else
      Object.defineProperty(repos, name, {
        get() {
          throw new Error(`${owner} has no ${name} repository: add it to its set in src/cloud/functions/repo-sets.ts`)
        },
      })
  }
  return repos as Repos
}

/** All of them, for the contract suite on the stand-in, which exercises every area at once. */
export function createCloudbaseRepos(db: CloudDb): Repos {
  return createCloudbaseRepoSet(
    db,
    {
      platform: createPlatformRepo,
      identity: createIdentityRepo,
      survey: createSurveyRepo,
      volunteer: createVolunteerRepo,
      feedback: createFeedbackRepo,
      study: createStudyRepo,
      staffSurvey: createStaffSurveyRepo,
      personalData: createPersonalDataRepo,
      voice: createVoiceRepo,
    } satisfies Required<CloudbaseRepoSet>,
    'the cloud database',
  )
}

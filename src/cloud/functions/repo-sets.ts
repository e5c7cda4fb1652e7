import {
  createFeedbackRepo,
  createIdentityRepo,
  createPersonalDataRepo,
  createPlatformRepo,
  createStaffSurveyRepo,
  createStudyRepo,
  createSurveyRepo,
  createVoiceRepo,
  createVolunteerRepo,
  type CloudbaseRepoSet,
} from '../storage/cloudbase'

// The repositories each deployed function's handlers reach, one export per function, named as the
// function. Beside these, every function has dispatch's own. A function bundles only the adapters its
// set names: separate exports of plain object literals (no spread, no call), so esbuild drops every
// set but the one imported. The cloud-build test reads each function's code and fails when its set is
// not exactly what the code reaches, or its bundle carries another adapter.

/** What every function reads before any handler runs: who is calling, idempotency, rate limits, audit. */
export const DISPATCH_REPOS: CloudbaseRepoSet = { platform: createPlatformRepo, identity: createIdentityRepo }

export const identity: CloudbaseRepoSet = { personalData: createPersonalDataRepo }

/** Patients' comments are tagged as they are written. */
export const feedback: CloudbaseRepoSet = { feedback: createFeedbackRepo, voice: createVoiceRepo }

/** Survey comments are tagged as they are written. */
export const survey: CloudbaseRepoSet = { survey: createSurveyRepo, voice: createVoiceRepo }

export const volunteer: CloudbaseRepoSet = { volunteer: createVolunteerRepo }

export const study: CloudbaseRepoSet = { study: createStudyRepo }

export const staffSurvey: CloudbaseRepoSet = { staffSurvey: createStaffSurveyRepo }

export const voice: CloudbaseRepoSet = { voice: createVoiceRepo }

/**
 * The timer's sweeps close shifts and complaints, fold survey counters and staff-survey counts, freeze
 * study audiences and re-tag texts.
 */
export const sweep: CloudbaseRepoSet = {
  feedback: createFeedbackRepo,
  survey: createSurveyRepo,
  staffSurvey: createStaffSurveyRepo,
  volunteer: createVolunteerRepo,
  study: createStudyRepo,
  voice: createVoiceRepo,
}

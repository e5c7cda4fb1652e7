import type { FunctionName } from '../contract'
import type { FunctionDef } from './core/define'
import { feedbackFunction } from './domain/feedback/function'
import { identityFunction } from './domain/identity/function'
import { staffSurveyFunction } from './domain/staff-survey/function'
import { studyFunction } from './domain/study/function'
import { surveyFunction } from './domain/survey/function'
import { voiceFunction } from './domain/voice/function'
import { volunteerFunction } from './domain/volunteer/function'

/** Every cloud function by name; the contract's ApiMap keeps this list complete. */
export const CLOUD_FUNCTIONS: Record<FunctionName, FunctionDef> = {
  identity: identityFunction,
  feedback: feedbackFunction,
  survey: surveyFunction,
  volunteer: volunteerFunction,
  study: studyFunction,
  staffSurvey: staffSurveyFunction,
  voice: voiceFunction,
}

export function isFunctionName(name: string): name is FunctionName {
  return Object.prototype.hasOwnProperty.call(CLOUD_FUNCTIONS, name)
}

import type { FeedbackApi } from './feedback'
import type { IdentityApi } from './identity'
import type { StaffSurveyApi } from './staff-survey'
import type { StudyApi } from './study'
import type { SurveyApi } from './survey'
import type { VoiceApi } from './voice'
import type { VolunteerApi } from './volunteer'

export * from './common'
export * from './envelope'
export * from './errors'
export * from './feedback'
export * from './identity'
export * from './staff-survey'
export * from './study'
export * from './survey'
export * from './voice'
export * from './volunteer'

/** Every cloud function and its actions: the one map the client and the cloud agree on. */
export interface ApiMap {
  identity: IdentityApi
  feedback: FeedbackApi
  survey: SurveyApi
  volunteer: VolunteerApi
  study: StudyApi
  staffSurvey: StaffSurveyApi
  voice: VoiceApi
}

export type FunctionName = keyof ApiMap
export type ActionName<F extends FunctionName> = keyof ApiMap[F] & string
type EndpointOf<F extends FunctionName, A extends ActionName<F>> = ApiMap[F][A]
export type InputOf<F extends FunctionName, A extends ActionName<F>> =
  EndpointOf<F, A> extends { input: infer I } ? I : never
export type OutputOf<F extends FunctionName, A extends ActionName<F>> =
  EndpointOf<F, A> extends { output: infer O } ? O : never

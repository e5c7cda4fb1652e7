import {
  campaignIdInput,
  createCampaignInput,
  emptyInput,
  staffSubmitInput,
  type StaffSurveyApi,
} from '../../../contract'
import { action, ADMINS, ORGANIZERS, type FunctionOf } from '../../core/define'
import * as staffSurvey from './handlers'

/** Hospital staff: everyone who works here, organizers included. */
const STAFF = ['staff', 'manager', 'admin'] as const

export const staffSurveyFunction = {
  createCampaign: action({
    roles: ADMINS,
    input: createCampaignInput,
    write: true,
    handle: staffSurvey.createCampaign,
  }),
  campaigns: action({ roles: STAFF, input: emptyInput, handle: staffSurvey.campaigns }),
  openCampaign: action({ roles: STAFF, input: campaignIdInput, handle: staffSurvey.openCampaign }),
  // Anonymous, as survey.submit: its idempotency record names no one. No rate limit either: its
  // counter row would name the person at the minute of the answer; the has-answered mark keeps one
  // answer per person.
  submit: action({
    roles: STAFF,
    input: staffSubmitInput,
    write: true,
    anonymous: true,
    rateLimit: false,
    handle: staffSurvey.submit,
  }),
  results: action({ roles: ORGANIZERS, input: campaignIdInput, handle: staffSurvey.results }),
  exportResults: action({ roles: ORGANIZERS, input: campaignIdInput, handle: staffSurvey.exportResults }),
} satisfies FunctionOf<StaffSurveyApi>

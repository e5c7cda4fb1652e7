import { campaignIdInput, createCampaignInput, emptyInput, staffSubmitInput } from '../../../contract'
import { action, ADMINS, ORGANIZERS, type FunctionDef } from '../../core/define'
import * as staffSurvey from './handlers'

/** Hospital staff: everyone who works here, organizers included. */
const STAFF = ['staff', 'manager', 'admin'] as const

export const staffSurveyFunction: FunctionDef = {
  createCampaign: action({
    roles: ADMINS,
    input: createCampaignInput,
    write: true,
    handle: staffSurvey.createCampaign,
  }),
  campaigns: action({ roles: STAFF, input: emptyInput, handle: staffSurvey.campaigns }),
  openCampaign: action({ roles: STAFF, input: campaignIdInput, handle: staffSurvey.openCampaign }),
  // No rate limit: its counter row would name the person at the minute of the answer. One answer
  // per person is kept by the has-answered mark.
  submit: action({ roles: STAFF, input: staffSubmitInput, write: true, rateLimit: false, handle: staffSurvey.submit }),
  results: action({ roles: ORGANIZERS, input: campaignIdInput, handle: staffSurvey.results }),
  exportResults: action({ roles: ORGANIZERS, input: campaignIdInput, handle: staffSurvey.exportResults }),
}

import {
  alertsInput,
  analyzeTextInput,
  boardInput,
  closeAlertInput,
  followUpInput,
  importVisitsInput,
  monthRangeInput,
  openVisitInput,
  publishImprovementInput,
  submitInput,
  visitCodeInput,
  type SurveyApi,
} from '../../../contract'
import { action, ADMINS, EVERYONE, ORGANIZERS, type FunctionOf } from '../../core/define'
import { alerts, closeAlert, followUp } from './alerts'
import { board, dashboard, exportCsv } from './boards'
import { publishImprovement } from './improvements'
import { submit } from './submit'
import { importVisits, openVisit, visitCode, visitQr } from './visits'
import { analyzeText } from '../voice/handlers'

export const surveyFunction = {
  importVisits: action({ roles: ADMINS, input: importVisitsInput, write: true, handle: importVisits }),
  visitCode: action({ roles: ADMINS, input: visitCodeInput, handle: visitCode }),
  visitQr: action({ roles: ADMINS, input: visitCodeInput, handle: visitQr }),
  openVisit: action({ roles: EVERYONE, input: openVisitInput, anonymous: true, handle: openVisit }),
  submit: action({ roles: EVERYONE, input: submitInput, write: true, anonymous: true, handle: submit }),
  board: action({ roles: EVERYONE, input: boardInput, handle: board }),
  dashboard: action({ roles: ORGANIZERS, input: monthRangeInput, handle: dashboard }),
  export: action({ roles: ORGANIZERS, input: monthRangeInput, handle: exportCsv }),
  alerts: action({ roles: ORGANIZERS, input: alertsInput, handle: alerts }),
  followUp: action({ roles: ORGANIZERS, input: followUpInput, write: true, handle: followUp }),
  closeAlert: action({ roles: ORGANIZERS, input: closeAlertInput, write: true, handle: closeAlert }),
  publishImprovement: action({
    roles: ORGANIZERS,
    input: publishImprovementInput,
    write: true,
    handle: publishImprovement,
  }),
  analyzeText: action({ roles: ORGANIZERS, input: analyzeTextInput, handle: analyzeText }),
} satisfies FunctionOf<SurveyApi>

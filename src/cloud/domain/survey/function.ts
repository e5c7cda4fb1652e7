import {
  alertsInput,
  boardInput,
  closeAlertInput,
  followUpInput,
  importVisitsInput,
  monthRangeInput,
  openVisitInput,
  submitInput,
  visitCodeInput,
} from '../../../contract'
import { action, ADMINS, EVERYONE, ORGANIZERS, type FunctionDef } from '../../core/define'
import * as survey from './handlers'

export const surveyFunction: FunctionDef = {
  importVisits: action({ roles: ADMINS, input: importVisitsInput, write: true, handle: survey.importVisits }),
  visitCode: action({ roles: ADMINS, input: visitCodeInput, handle: survey.visitCode }),
  openVisit: action({ roles: EVERYONE, input: openVisitInput, handle: survey.openVisit }),
  submit: action({ roles: EVERYONE, input: submitInput, write: true, handle: survey.submit }),
  board: action({ roles: EVERYONE, input: boardInput, handle: survey.board }),
  dashboard: action({ roles: ORGANIZERS, input: monthRangeInput, handle: survey.dashboard }),
  export: action({ roles: ORGANIZERS, input: monthRangeInput, handle: survey.exportCsv }),
  alerts: action({ roles: ORGANIZERS, input: alertsInput, handle: survey.alerts }),
  followUp: action({ roles: ORGANIZERS, input: followUpInput, write: true, handle: survey.followUp }),
  closeAlert: action({ roles: ORGANIZERS, input: closeAlertInput, write: true, handle: survey.closeAlert }),
}

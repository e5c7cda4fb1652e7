import {
  checkInInput,
  confirmPresenceInput,
  correctCheckOutInput,
  cmeRequirementInput,
  cmeYearInput,
  createSessionInput,
  decideLeaveInput,
  editSessionInput,
  emptyInput,
  requestLeaveInput,
  sessionIdInput,
  statsInput,
  type StudyApi,
} from '../../../contract'
import { action, ADMINS, ORGANIZERS, type FunctionOf } from '../../core/define'
import * as cme from './cme'
import * as corrections from './corrections'
import * as checkIns from './check-in'
import * as study from './handlers'

/** Hospital staff: everyone who works here, organizers included. */
const STAFF = ['staff', 'manager', 'admin'] as const

export const studyFunction = {
  createSession: action({ roles: ORGANIZERS, input: createSessionInput, write: true, handle: study.createSession }),
  editSession: action({ roles: ORGANIZERS, input: editSessionInput, write: true, handle: study.editSession }),
  cancelSession: action({ roles: ORGANIZERS, input: sessionIdInput, write: true, handle: study.cancelSession }),
  session: action({ roles: ORGANIZERS, input: sessionIdInput, handle: study.session }),
  organized: action({ roles: ORGANIZERS, input: emptyInput, handle: study.organized }),
  decideLeave: action({ roles: ORGANIZERS, input: decideLeaveInput, write: true, handle: study.decideLeave }),
  qrCode: action({ roles: ORGANIZERS, input: sessionIdInput, handle: checkIns.qrCode }),
  attendance: action({ roles: ORGANIZERS, input: sessionIdInput, handle: study.attendance }),
  exportAttendance: action({ roles: ORGANIZERS, input: sessionIdInput, handle: study.exportAttendance }),
  stats: action({ roles: ORGANIZERS, input: statsInput, handle: study.stats }),
  setCmeRequirement: action({ roles: ADMINS, input: cmeRequirementInput, write: true, handle: cme.setCmeRequirement }),
  cmeProgress: action({ roles: ORGANIZERS, input: cmeYearInput, handle: cme.cmeProgress }),
  confirmPresence: action({
    roles: ORGANIZERS,
    input: confirmPresenceInput,
    write: true,
    handle: corrections.confirmPresence,
  }),
  correctCheckOut: action({
    roles: ORGANIZERS,
    input: correctCheckOutInput,
    write: true,
    handle: corrections.correctCheckOut,
  }),
  exportCme: action({ roles: ORGANIZERS, input: cmeYearInput, handle: cme.exportCme }),

  upcoming: action({ roles: STAFF, input: emptyInput, handle: study.upcoming }),
  requestLeave: action({ roles: STAFF, input: requestLeaveInput, write: true, handle: study.requestLeave }),
  checkIn: action({ roles: STAFF, input: checkInInput, write: true, handle: checkIns.checkIn }),
  checkOut: action({ roles: STAFF, input: sessionIdInput, write: true, handle: checkIns.checkOut }),
  cmeCertificate: action({ roles: STAFF, input: cmeYearInput, handle: cme.cmeCertificate }),
  myRecord: action({ roles: STAFF, input: emptyInput, handle: study.myRecord }),
} satisfies FunctionOf<StudyApi>

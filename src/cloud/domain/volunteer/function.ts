import {
  addRecordSectionInput,
  adjustHoursInput,
  approveServiceInput,
  certificateInput,
  assignInput,
  decideInput,
  emptyInput,
  excellentInput,
  helpRequestInput,
  myRecordInput,
  publishExcellentInput,
  rateInput,
  registerInput,
  rejectInput,
  reportServiceInput,
  revokeCertificatesInput,
  requestIdInput,
  setTeamLeaderInput,
  startShiftInput,
  verifyCertificateInput,
  yearInput,
  type VolunteerApi,
} from '../../../contract'
import { action, ADMINS, EVERYONE, type FunctionOf } from '../../core/define'
import * as volunteer from './handlers'

const VOLUNTEERS = ['volunteer'] as const
/** Team leaders are volunteers; the domain checks which team they lead. */
const APPROVERS = ['volunteer', 'admin'] as const

export const volunteerFunction = {
  register: action({ roles: EVERYONE, input: registerInput, write: true, handle: volunteer.register }),
  myProfile: action({ roles: EVERYONE, input: emptyInput, handle: volunteer.myProfile }),
  pending: action({ roles: ADMINS, input: emptyInput, handle: volunteer.pending }),
  roster: action({ roles: ADMINS, input: emptyInput, handle: volunteer.roster }),
  approve: action({ roles: ADMINS, input: decideInput, write: true, handle: volunteer.approve }),
  reject: action({ roles: ADMINS, input: rejectInput, write: true, handle: volunteer.reject }),

  startShift: action({ roles: VOLUNTEERS, input: startShiftInput, write: true, handle: volunteer.startShift }),
  endShift: action({ roles: VOLUNTEERS, input: emptyInput, write: true, handle: volunteer.endShift }),
  sweep: action({ roles: ADMINS, input: emptyInput, write: true, handle: volunteer.sweep }),

  request: action({ roles: EVERYONE, input: helpRequestInput, write: true, handle: volunteer.request }),
  cancel: action({ roles: EVERYONE, input: requestIdInput, write: true, handle: volunteer.cancel }),
  myRequest: action({ roles: EVERYONE, input: emptyInput, handle: volunteer.myRequest }),
  rate: action({ roles: EVERYONE, input: rateInput, write: true, handle: volunteer.rate }),

  open: action({ roles: VOLUNTEERS, input: emptyInput, handle: volunteer.open }),
  claim: action({ roles: VOLUNTEERS, input: requestIdInput, write: true, handle: volunteer.claim }),
  release: action({ roles: VOLUNTEERS, input: requestIdInput, write: true, handle: volunteer.release }),
  complete: action({ roles: VOLUNTEERS, input: requestIdInput, write: true, handle: volunteer.complete }),

  desk: action({ roles: ADMINS, input: emptyInput, handle: volunteer.desk }),
  assign: action({ roles: ADMINS, input: assignInput, write: true, handle: volunteer.assign }),
  adjustHours: action({ roles: ADMINS, input: adjustHoursInput, write: true, handle: volunteer.adjustHours }),
  addRecordSection: action({
    roles: ADMINS,
    input: addRecordSectionInput,
    write: true,
    handle: volunteer.addRecordSection,
  }),
  reportService: action({ roles: VOLUNTEERS, input: reportServiceInput, write: true, handle: volunteer.reportService }),
  myReports: action({ roles: VOLUNTEERS, input: emptyInput, handle: volunteer.myReports }),
  reportsToApprove: action({ roles: APPROVERS, input: emptyInput, handle: volunteer.reportsToApprove }),
  approveService: action({
    roles: APPROVERS,
    input: approveServiceInput,
    write: true,
    handle: volunteer.approveService,
  }),
  certificate: action({ roles: VOLUNTEERS, input: certificateInput, write: true, handle: volunteer.certificate }),
  // Public: the local host also answers it without sign-in at GET /public/certificates/:number.
  verifyCertificate: action({ roles: EVERYONE, input: verifyCertificateInput, handle: volunteer.verifyCertificate }),
  revokeCertificates: action({
    roles: ADMINS,
    input: revokeCertificatesInput,
    write: true,
    handle: volunteer.revokeCertificates,
  }),
  teamLeaders: action({ roles: ADMINS, input: emptyInput, handle: volunteer.teamLeaders }),
  setTeamLeader: action({ roles: ADMINS, input: setTeamLeaderInput, write: true, handle: volunteer.setTeamLeader }),
  myRecord: action({ roles: VOLUNTEERS, input: myRecordInput, handle: volunteer.myRecord }),
  ranking: action({ roles: EVERYONE, input: yearInput, handle: volunteer.ranking }),
  exportRanking: action({ roles: ADMINS, input: yearInput, handle: volunteer.exportRanking }),
  exportMyRecord: action({ roles: VOLUNTEERS, input: emptyInput, handle: volunteer.exportMyRecord }),
  exportNationalRecords: action({ roles: ADMINS, input: yearInput, handle: volunteer.exportNationalRecords }),
  excellentShortlist: action({ roles: ADMINS, input: yearInput, handle: volunteer.excellentShortlist }),
  publishExcellent: action({
    roles: ADMINS,
    input: publishExcellentInput,
    write: true,
    handle: volunteer.publishExcellent,
  }),
  excellent: action({ roles: EVERYONE, input: excellentInput, handle: volunteer.excellent }),
} satisfies FunctionOf<VolunteerApi>

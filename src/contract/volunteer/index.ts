import type { z } from 'zod'
import type { CsvExport, emptyInput, Endpoint } from '../common'
import type {
  certificateInput,
  Certificate,
  CertificateCheck,
  revokeCertificatesInput,
  verifyCertificateInput,
} from './certificates'
import type {
  assignInput,
  DeskRequest,
  DeskView,
  HallView,
  helpRequestInput,
  MyHelpRequest,
  OpenHelpRequest,
  rateInput,
  requestIdInput,
  ShiftView,
  startShiftInput,
} from './hall'
import type {
  addRecordSectionInput,
  adjustHoursInput,
  myRecordInput,
  RankingRow,
  RecordSection,
  ServiceRecord,
  VolunteerRecord,
  yearInput,
} from './records'
import type {
  decideInput,
  PendingVolunteer,
  registerInput,
  RegistrationStatus,
  rejectInput,
  VolunteerProfile,
  VolunteerRosterEntry,
} from './registration'
import type { RecognitionApi } from './recognition'
import type { approveServiceInput, reportServiceInput, ServiceReport, setTeamLeaderInput, TeamLeader } from './reports'

// The volunteer area's contract, one file per section: registration, the hall and the desk, the
// service record, self-reported service, certificates, the national-record CSV and 优秀志愿者.
export * from './certificates'
export * from './hall'
export * from './recognition'
export * from './records'
export * from './registration'
export * from './reports'

export interface VolunteerApi extends RecognitionApi {
  register: Endpoint<z.input<typeof registerInput>, VolunteerProfile>
  myProfile: Endpoint<z.input<typeof emptyInput>, VolunteerProfile | null>
  pending: Endpoint<z.input<typeof emptyInput>, PendingVolunteer[]>
  roster: Endpoint<z.input<typeof emptyInput>, VolunteerRosterEntry[]>
  approve: Endpoint<z.input<typeof decideInput>, { userId: string; status: RegistrationStatus }>
  reject: Endpoint<z.input<typeof rejectInput>, { userId: string; status: RegistrationStatus }>
  startShift: Endpoint<z.input<typeof startShiftInput>, ShiftView>
  endShift: Endpoint<z.input<typeof emptyInput>, ShiftView & { minutes: number }>
  request: Endpoint<z.input<typeof helpRequestInput>, MyHelpRequest>
  cancel: Endpoint<z.input<typeof requestIdInput>, MyHelpRequest>
  myRequest: Endpoint<z.input<typeof emptyInput>, MyHelpRequest | null>
  rate: Endpoint<z.input<typeof rateInput>, MyHelpRequest>
  open: Endpoint<z.input<typeof emptyInput>, HallView>
  claim: Endpoint<z.input<typeof requestIdInput>, OpenHelpRequest>
  release: Endpoint<z.input<typeof requestIdInput>, { requestId: string }>
  complete: Endpoint<z.input<typeof requestIdInput>, { requestId: string }>
  assign: Endpoint<z.input<typeof assignInput>, DeskRequest>
  sweep: Endpoint<z.input<typeof emptyInput>, { closedShifts: number }>
  desk: Endpoint<z.input<typeof emptyInput>, DeskView>
  adjustHours: Endpoint<z.input<typeof adjustHoursInput>, ServiceRecord>
  addRecordSection: Endpoint<z.input<typeof addRecordSectionInput>, RecordSection>
  reportService: Endpoint<z.input<typeof reportServiceInput>, ServiceReport>
  myReports: Endpoint<z.input<typeof emptyInput>, ServiceReport[]>
  reportsToApprove: Endpoint<z.input<typeof emptyInput>, ServiceReport[]>
  approveService: Endpoint<z.input<typeof approveServiceInput>, ServiceReport>
  certificate: Endpoint<z.input<typeof certificateInput>, Certificate>
  verifyCertificate: Endpoint<z.input<typeof verifyCertificateInput>, CertificateCheck>
  revokeCertificates: Endpoint<z.input<typeof revokeCertificatesInput>, { revoked: number }>
  setTeamLeader: Endpoint<z.input<typeof setTeamLeaderInput>, TeamLeader[]>
  teamLeaders: Endpoint<z.input<typeof emptyInput>, TeamLeader[]>
  myRecord: Endpoint<z.input<typeof myRecordInput>, VolunteerRecord>
  ranking: Endpoint<z.input<typeof yearInput>, RankingRow[]>
  exportRanking: Endpoint<z.input<typeof yearInput>, CsvExport>
}

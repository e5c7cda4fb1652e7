import type {
  HelpNeed,
  OnShiftVolunteer,
  RecordSection,
  RecordSectionKind,
  ServiceKind,
  HelpStatus,
  HelpVolunteer,
  PendingVolunteer,
  Certificate,
  ExcellentPublication,
  RankingRow,
  ReportStatus,
  ServiceReport,
  TeamLeader,
  RegistrationStatus,
  ShiftView,
  Station,
  VolunteerProfile,
  VolunteerTeam,
} from '../../../contract'

export interface NewProfile {
  name: string
  phone: string
  team: VolunteerTeam
  skills: string[]
  availability: string
}

export interface NewHelpRequest {
  need: HelpNeed
  from: string
  toDepartmentId: string
  /** The department's and the patient's names as the request is made, for storage that keeps them on it. */
  toDepartment: string
  patientName: string
  note: string | null
  people: number
}

/** A request row as storage holds it; handlers derive waiting time and flags from `now`. */
export interface HelpRecord {
  id: string
  patientId: string
  patientName: string
  need: HelpNeed
  from: string
  toDepartment: string
  note: string | null
  people: number
  status: HelpStatus
  volunteerId: string | null
  volunteer: HelpVolunteer | null
  createdAt: string
  claimedAt: string | null
  /** Handed over by the service desk rather than claimed by the volunteer. */
  assigned: boolean
  rating: { stars: number; comment: string | null } | null
}

export interface ServiceTotals {
  minutesInRange: number
  minutesAllTime: number
  servedInRange: number
  servedAllTime: number
  averageRating: number | null
  ratingCount: number
}

/** A service as storage holds it; the domain words it for the record. */
export interface ServiceRow {
  kind: ServiceKind
  at: string
  /** The station, the patient's place, or '' for an adjustment. */
  place: string
  /** The need of a request, the reason of an adjustment; null for a shift. */
  content: string | null
  /** Where a request went. */
  destination: string | null
  minutes: number
  rating: number | null
  /** The administrator's name for an adjustment. */
  recordedBy: string | null
  autoClosed: boolean
}

export interface Page {
  limit: number
  offset: number
}

export interface NewRecordSection extends RecordSection {
  section: RecordSectionKind
}

export interface NewServiceReport {
  team: VolunteerTeam
  /** YYYY-MM-DD, China day */
  date: string
  place: string
  content: string
  minutes: number
}

/** `duplicate`: the same date, place and content is already reported; `dayFull`: over 12 h that day. */
export type ReportOutcome = { id: string } | 'duplicate' | 'dayFull'

export interface ReportDecision {
  approve: boolean
  note: string
}

export type ReportFilter = { volunteerId: string } | { status: ReportStatus; teams: VolunteerTeam[] | 'all' }

/** How many services of a kind, and their minutes, in a period. */
export interface ServiceSummary {
  kind: ServiceKind
  count: number
  minutes: number
}

export type NewCertificate = Omit<Certificate, 'status'> & { volunteerId: string }

/**
 * An open shift, with the volunteer's booked minutes all time (the star level) when storage keeps
 * them beside it; `null` when it does not, and they are read from the ledger.
 */
export interface OpenShift extends ShiftView {
  minutesAllTime: number | null
}

export interface TimeRange {
  from: Date
  to: Date
}

export interface VolunteerRepo {
  /** Pending again unless already approved; `false` when an approved registration exists. */
  register(userId: string, profile: NewProfile, at: Date): Promise<boolean>
  findProfile(userId: string): Promise<VolunteerProfile | null>
  /** Registrations in this state, oldest first. */
  listRegistrations(status: 'pending' | 'approved'): Promise<PendingVolunteer[]>
  /** Decides a pending registration; approval grants the volunteer role in the same transaction. */
  decide(
    userId: string,
    decision: { approve: true } | { approve: false; reason: string },
    decidedBy: string,
    at: Date,
  ): Promise<RegistrationStatus | null>

  /**
   * Closes shifts open `MAX_SHIFT_HOURS` or longer at exactly start + 12 h, flagged, each with its
   * ledger row; one volunteer's, or everyone's when `volunteerId` is null. Returns how many.
   */
  closeOverdueShifts(now: Date, volunteerId: string | null): Promise<number>
  /** `null` when the volunteer already has an open shift. */
  startShift(volunteerId: string, station: Station, at: Date): Promise<ShiftView | null>
  /** Closes the open shift and books its minutes, atomically; `null` when none is open. */
  endShift(volunteerId: string, at: Date): Promise<(ShiftView & { minutes: number }) | null>
  findOpenShift(volunteerId: string): Promise<OpenShift | null>
  /** Volunteers whose shift is open and within its 12 hours at `now`. */
  listOnShift(now: Date): Promise<string[]>
  /** The same volunteers with their names, stations and how many requests each is serving. */
  listOnShiftVolunteers(now: Date): Promise<OnShiftVolunteer[]>

  /** `null` when the patient already has an open request. */
  createRequest(patientId: string, request: NewHelpRequest, at: Date): Promise<string | null>
  findRequest(id: string): Promise<HelpRecord | null>
  latestRequestOf(patientId: string): Promise<HelpRecord | null>
  /** Cancels while waiting or claimed; `null` when it was not open (or not this patient's). */
  cancelRequest(id: string, patientId: string, at: Date): Promise<{ volunteerId: string | null } | null>
  /**
   * The one conditional update that decides who wins a request; `assignedBy` when the desk hands it
   * over. `named`: the volunteer as the patient and the desk see them, for storage that keeps names on
   * the request (without it, the request is named from the accounts when read).
   */
  claimRequest(
    id: string,
    volunteerId: string,
    at: Date,
    assignedBy: string | null,
    named?: HelpVolunteer,
  ): Promise<boolean>
  releaseRequest(id: string, volunteerId: string): Promise<boolean>
  completeRequest(id: string, volunteerId: string, at: Date): Promise<boolean>
  /** `false` when not this patient's completed request; `duplicate` when already rated. */
  rate(id: string, patientId: string, stars: number, comment: string | null, at: Date): Promise<boolean | 'duplicate'>
  listWaiting(limit: number): Promise<HelpRecord[]>
  /**
   * The hall in one read: the waiting requests, oldest first (at most `waitingLimit`, none when 0),
   * and those the volunteer is serving, in the order they claimed them.
   */
  listHall(volunteerId: string, waitingLimit: number): Promise<{ waiting: HelpRecord[]; mine: HelpRecord[] }>
  listWaitingSince(before: Date): Promise<HelpRecord[]>
  listClaimedSince(before: Date): Promise<HelpRecord[]>
  listAutoClosedShifts(since: Date): Promise<(ShiftView & { volunteerName: string })[]>
  volunteerExists(userId: string): Promise<boolean>

  addAdjustment(volunteerId: string, minutes: number, reason: string, recordedBy: string, at: Date): Promise<void>
  totals(volunteerId: string, range: TimeRange): Promise<ServiceTotals>
  /** The volunteer's booked minutes, all time: what the star level and the milestones need, in one read. */
  minutesAllTime(volunteerId: string): Promise<number>
  /** Completed requests, closed shifts and adjustments, newest first. */
  listServices(volunteerId: string, page: Page): Promise<{ total: number; rows: ServiceRow[] }>
  /** Every volunteer's services in the range, oldest first (ties by id): the year's national record at once. */
  listServicesIn(range: TimeRange): Promise<(ServiceRow & { volunteerId: string })[]>
  addRecordSection(volunteerId: string, entry: NewRecordSection, recordedBy: string, at: Date): Promise<void>
  /** Oldest first. */
  listRecordSections(volunteerId: string): Promise<NewRecordSection[]>
  /**
   * Adds a pending report when the volunteer's reports that day, pending or approved, stay within
   * `maxMinutesPerDay`, and no such service is reported already; atomically.
   */
  addServiceReport(
    volunteerId: string,
    report: NewServiceReport,
    maxMinutesPerDay: number,
    at: Date,
  ): Promise<ReportOutcome>
  findServiceReport(id: string): Promise<ServiceReport | null>
  /**
   * Decides a pending report, once whatever the races; an approval books its ledger row at
   * `countsAt` in the same transaction, a rejection frees the day's hours and the service's key.
   */
  decideServiceReport(
    id: string,
    decision: ReportDecision,
    decidedBy: string,
    at: Date,
    countsAt: Date,
  ): Promise<boolean>
  /** Newest first. */
  listServiceReports(filter: ReportFilter, limit: number): Promise<ServiceReport[]>
  summarizeServices(volunteerId: string, range: TimeRange): Promise<ServiceSummary[]>
  /** Keeps the first certificate issued for a volunteer and period, whatever the races, and returns it. */
  issueCertificate(certificate: NewCertificate): Promise<Certificate>
  findCertificate(number: string): Promise<Certificate | null>
  revokeCertificates(volunteerId: string, reason: string, at: Date): Promise<number>
  setTeamLeader(team: VolunteerTeam, userId: string, leader: boolean): Promise<void>
  listTeamLeaders(): Promise<TeamLeader[]>

  /**
   * Keeps the first list published for a year, whatever the races, and returns it; `created` when
   * this call published it.
   */
  publishExcellent(
    year: number,
    list: ExcellentPublication,
    publishedBy: string,
  ): Promise<{ publication: ExcellentPublication; created: boolean }>
  /** The year's published list, or the latest year's when `year` is null. */
  findExcellent(year: number | null): Promise<(ExcellentPublication & { year: number }) | null>

  /** The year's rows, with each volunteer's all-time minutes for the star level. */
  ranking(range: TimeRange, limit: number): Promise<(Omit<RankingRow, 'rank' | 'star'> & { minutesAllTime: number })[]>
}

// The repository's sections, each written in a module of its own on both adapters.
export type VolunteerShiftMethods = Pick<
  VolunteerRepo,
  | 'closeOverdueShifts'
  | 'startShift'
  | 'endShift'
  | 'findOpenShift'
  | 'listOnShift'
  | 'listOnShiftVolunteers'
  | 'listAutoClosedShifts'
>
export type VolunteerRecordMethods = Pick<
  VolunteerRepo,
  | 'addAdjustment'
  | 'totals'
  | 'minutesAllTime'
  | 'listServices'
  | 'listServicesIn'
  | 'addRecordSection'
  | 'listRecordSections'
  | 'ranking'
>
export type VolunteerReportMethods = Pick<
  VolunteerRepo,
  | 'addServiceReport'
  | 'findServiceReport'
  | 'decideServiceReport'
  | 'listServiceReports'
  | 'setTeamLeader'
  | 'listTeamLeaders'
>
export type VolunteerCertificateMethods = Pick<
  VolunteerRepo,
  'summarizeServices' | 'issueCertificate' | 'findCertificate' | 'revokeCertificates'
>
export type VolunteerExcellentMethods = Pick<VolunteerRepo, 'publishExcellent' | 'findExcellent'>

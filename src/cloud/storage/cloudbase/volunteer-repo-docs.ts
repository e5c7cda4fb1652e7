import type {
  Certificate,
  HelpNeed,
  HelpStatus,
  RecordSectionKind,
  ReportStatus,
  Station,
  VolunteerProfile,
  VolunteerTeam,
} from '../../../contract'
import { byIds, type CloudDb, type Doc } from './db'
import type { UserDoc } from './identity-repo'
import { C } from './schema'

// The volunteer area's documents, shared by its repository's sections and the personal-data hooks.

export interface ProfileDoc extends Doc, Omit<VolunteerProfile, 'userId'> {
  decidedAt: string | null
  decidedBy: string | null
}

export interface ShiftDoc extends Doc {
  volunteerId: string
  station: Station
  startedAt: string
  endedAt: string | null
  autoClosed: boolean
}

/**
 * The volunteer's one open shift: `_id` is the volunteer, so a second cannot exist. It holds the
 * shift until it closes; markers written before it did (no station, no start) point to a `ShiftDoc`.
 */
export interface OpenShiftDoc extends Doc {
  shiftId: string
  station?: Station
  startedAt?: string
  /** The volunteer's booked minutes all time, summed at the start and kept by each booking until it ends. */
  minutesAllTime?: number
}

export interface RequestDoc extends Doc {
  patientId: string
  /** The patient's name as the request is made, so the hall names them without a read; absent on older requests. */
  patientName?: string
  need: HelpNeed
  from: string
  toDepartmentId: string
  /** The department's name as the request is made (a department is never renamed); absent on older requests. */
  toDepartmentName?: string
  note: string | null
  people: number
  status: HelpStatus
  volunteerId: string | null
  /** The volunteer's name and team as they claim it; null when not kept (and absent on older requests). */
  volunteerName?: string | null
  volunteerTeam?: VolunteerTeam | null
  createdAt: string
  claimedAt: string | null
  /** The administrator who assigned it; absent on requests stored before assignment existed. */
  assignedBy?: string | null
  completedAt: string | null
  cancelledAt: string | null
}

/** The patient's one open request: `_id` is the patient. */
export interface OpenRequestDoc extends Doc {
  requestId: string
}

/** `_id` is the request: one rating each. */
export interface RatingDoc extends Doc {
  volunteerId: string
  stars: number
  comment: string | null
  createdAt: string
  /** The rated request's completion, fixed once completed: the ranking's range applies to it. */
  completedAt: string
}

/** Append-only ledger; a shift's row has `_id` `shift:<shift id>`, so a shift is booked once. */
export interface HoursDoc extends Doc {
  volunteerId: string
  kind: 'shift' | 'adjustment' | 'external'
  minutes: number
  shiftId: string | null
  reason: string | null
  recordedBy: string | null
  at: string
  /** An approved report's row has `_id` `report:<report id>`, so it is booked once. */
  reportId?: string | null
}

/** A self-reported service; `_id` is the report. */
export interface ReportDoc extends Doc {
  volunteerId: string
  team: VolunteerTeam
  date: string
  place: string
  content: string
  minutes: number
  status: ReportStatus
  note: string | null
  decidedBy: string | null
  decidedAt: string | null
  reportedAt: string
}

/** One per service not rejected: `_id` is volunteer, day and a digest of place and content. */
export interface ReportKeyDoc extends Doc {
  reportId: string
}

/** Minutes reported per volunteer and day, pending or approved: `_id` is `<volunteer>#<day>`. */
export interface ReportDayDoc extends Doc {
  minutes: number
}

/** `_id` is `<team>#<user>`. */
export interface TeamLeaderDoc extends Doc {
  team: VolunteerTeam
  userId: string
}
/** The record's training and awards sections; append-only. */
export interface RecordSectionDoc extends Doc {
  volunteerId: string
  section: RecordSectionKind
  title: string
  date: string
  detail: string
  recordedBy: string
  recordedAt: string
}

/** A volunteer is named by their approved registration, or by their account when an admin granted the role. */
export const namedBy = (users: Map<string, UserDoc>, profiles: Map<string, ProfileDoc>) => (id: string) => ({
  name: profiles.get(id)?.name ?? users.get(id)?.name ?? '',
  team: profiles.get(id)?.team ?? null,
})

export const approvedProfiles = (db: CloudDb, ids: (string | null)[]) =>
  byIds<ProfileDoc>(db, C.volunteerProfiles, ids, { status: 'approved' })

export async function volunteerNames(db: CloudDb, ids: (string | null)[]) {
  return namedBy(await byIds<UserDoc>(db, C.users, ids), await approvedProfiles(db, ids))
}

/** 志愿服务证明 as issued; `_id` is its number. */
export interface CertificateDoc extends Doc, Omit<Certificate, 'number'> {
  volunteerId: string
  revokedReason: string | null
  revokedAt: string | null
}

/** One certificate per volunteer and period: `_id` is `<volunteer>#<from or all>~<to>`. */
export interface CertificatePeriodDoc extends Doc {
  number: string
}

export const toProfile = (doc: ProfileDoc): VolunteerProfile => ({
  userId: doc._id,
  name: doc.name,
  phone: doc.phone,
  team: doc.team,
  skills: doc.skills,
  availability: doc.availability,
  status: doc.status,
  reason: doc.reason,
  requestedAt: doc.requestedAt,
})

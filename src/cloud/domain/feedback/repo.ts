import type {
  FeedbackAction,
  FeedbackKind,
  FeedbackStatus,
  HeldReason,
  HistoryActor,
  HistoryEntry,
  PhraseEntry,
  PhraseScene,
} from '../../../contract'

export interface PhraseDraft {
  id?: string
  scene: PhraseScene
  situation: string
  recommended: string[]
  forbidden: string[]
}

export interface RosterStaff {
  employeeNo: string
  name: string
  title: string
  departmentId: string
}

export interface NewFeedback {
  kind: FeedbackKind
  patientId: string
  departmentId: string
  /** As shown when the item is made; a department is never renamed, so a store may keep it on the item. */
  departmentName: string
  employeeNo: string | null
  staffName: string | null
  categories: string[]
  text: string
  contactPhone: string | null
  anonymous: boolean
  heldReasons: HeldReason[]
  /** China-time month of submission: the month service stars count it in. */
  month: string
}

/** An item as storage holds it; handlers derive deadlines, masking and permissions. */
export interface FeedbackRecord {
  id: string
  kind: FeedbackKind
  status: FeedbackStatus
  patientId: string
  patientName: string
  departmentId: string
  departmentName: string
  employeeNo: string | null
  staffName: string | null
  staffTitle: string | null
  categories: string[]
  text: string
  contactPhone: string | null
  anonymous: boolean
  heldReasons: HeldReason[]
  createdAt: string
  acceptedAt: string | null
  repliedAt: string | null
  replyText: string | null
  upheld: boolean | null
  closedAt: string | null
  rating: number | null
  reopenedAt: string | null
  reopenCount: number
  decidedAt: string | null
}

export interface Actor {
  id: string | null
  role: HistoryActor
}

/** Every status change; storage guards each with the status it must start from. */
export type Transition =
  | { action: 'accept' }
  | { action: 'reply'; text: string; upheld: boolean }
  | { action: 'confirm'; rating: number }
  /** `repliedSince`: the reply must be newer than this (the reopen window). */
  | { action: 'reopen'; reason: string; repliedSince: Date }
  /** `reason`: why a manager closes before the patient's window is over; the patient sees it. */
  | { action: 'close'; reason: string | null }
  | { action: 'approve' }
  | { action: 'reject'; reason: string }

export type TransitionAction = Transition['action'] & FeedbackAction

export interface QueueFilter {
  /** `null`: every department (admin). */
  departmentId: string | null
  /** The open ones (not closed) when absent. */
  status?: FeedbackStatus
  /** Overdue as of `now`, by the SLA hours given. */
  overdue?: { now: Date; acceptBy: Date; replyBy: Date }
}

export interface StaffTally {
  employeeNo: string
  name: string
  title: string
  departmentId: string
  departmentName: string
  praise: number
  surveyMentions: number
  upheldComplaints: number
}

export interface StoredStar {
  employeeNo: string
  name: string
  title: string
  departmentId: string
  departmentName: string
  score: number
  publishedAt: string
}

export interface FeedbackRepo {
  listPhrases(filter: { scene?: PhraseScene; q?: string }): Promise<PhraseEntry[]>
  /** `null` when `id` names no entry. */
  savePhrase(draft: PhraseDraft, at: Date): Promise<PhraseEntry | null>

  findStaffByNo(employeeNo: string): Promise<RosterStaff | null>
  /** The one staff member of the department with this name; `null` when none or several. */
  findStaffByName(departmentId: string, name: string): Promise<RosterStaff | null>
  /** The department's name, `null` when there is no such department. */
  departmentName(id: string): Promise<string | null>

  /**
   * Stores the item, in `initialStatus`, and its first history row, so that no reader sees the item
   * without that row (PostgreSQL: one transaction; cloud: the row is added first).
   */
  create(item: NewFeedback, actor: Actor, at: Date): Promise<string>
  find(id: string): Promise<FeedbackRecord | null>
  /**
   * One conditional update guarded by the status the change starts from, and its history row, in
   * one transaction; approving praise also adds the staff mention. `null` when the guard refused.
   */
  transition(id: string, change: Transition, actor: Actor, at: Date): Promise<FeedbackRecord | null>
  /** Closes replies older than `repliedBefore` with a system history row each; returns them. */
  closeExpired(repliedBefore: Date, at: Date): Promise<FeedbackRecord[]>
  history(id: string): Promise<HistoryEntry[]>
  listMine(patientId: string): Promise<FeedbackRecord[]>
  listQueue(filter: QueueFilter): Promise<FeedbackRecord[]>
  listPendingPraise(): Promise<FeedbackRecord[]>
  /** The wall never shows who wrote: `patientName` may be left empty here and in `listPraiseOf`. */
  listApprovedPraise(limit: number): Promise<FeedbackRecord[]>
  /** Approved praise naming the employee bound to this user. */
  listPraiseOf(userId: string): Promise<FeedbackRecord[]>

  tallyMonth(month: string): Promise<StaffTally[]>
  /** Replaces the month's published stars, atomically. */
  publishStars(
    month: string,
    stars: { employeeNo: string; departmentId: string; score: number }[],
    by: string,
    at: Date,
  ): Promise<void>
  /** The month's stars, or the latest published month's when `month` is null. */
  publishedStars(month: string | null): Promise<{ month: string; stars: StoredStar[] } | null>
}

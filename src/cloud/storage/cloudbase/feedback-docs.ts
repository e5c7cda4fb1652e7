import type { FeedbackAction, FeedbackStatus, HistoryActor } from '../../../contract'
import type { NewFeedback } from '../../domain/feedback/repo'
import type { Doc } from './db'

// The feedback documents, apart from the repository so that its section files (stars, phrases)
// read them without importing the repository back.

export interface ItemDoc extends Doc, Omit<NewFeedback, 'departmentName'> {
  /** Kept on the item since issue 17 (a department is never renamed); older items read it from `departments`. */
  departmentName?: string
  status: FeedbackStatus
  createdAt: string
  handlerId: string | null
  acceptedAt: string | null
  repliedAt: string | null
  replyText: string | null
  upheld: boolean | null
  closedAt: string | null
  rating: number | null
  reopenedAt: string | null
  reopenReason: string | null
  reopenCount: number
  decidedAt: string | null
  decidedBy: string | null
  /** How many history rows the item has; bumped in each row's transaction, it numbers them. */
  events: number
}

/** Append-only: `_id` is `<item>#<seq>`, so a row is only ever added, never overwritten. */
export interface HistoryDoc extends Doc {
  itemId: string
  seq: number
  action: FeedbackAction
  fromStatus: FeedbackStatus | null
  toStatus: FeedbackStatus
  actorId: string | null
  actor: HistoryActor
  note: string | null
  at: string
}

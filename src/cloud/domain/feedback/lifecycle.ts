import { AUTO_CLOSE_DAYS, type FeedbackKind, type FeedbackStatus, type HistoryActor } from '../../../contract'
import { DAY_MS } from '../../../contract/month'
import { ERASED } from '../../core/personal-data'
import type { Actor, FeedbackRecord, NewFeedback, Transition } from './repo'

/**
 * The life of a complaint or a piece of praise, written once. Each step says where it may start,
 * where it ends, who may take it and what its history row says; `moveOf` adds what it writes and
 * the further conditions on the item. The storage adapters only translate a move into a guarded
 * UPDATE or a conditional document update.
 */
export interface Step {
  action: Transition['action']
  kind: FeedbackKind
  from: FeedbackStatus
  to: FeedbackStatus
  who: readonly HistoryActor[]
}

const HANDLERS = ['manager', 'admin'] as const
const PATIENT = ['patient'] as const

export const STEPS = {
  accept: { action: 'accept', kind: 'complaint', from: 'submitted', to: 'accepted', who: HANDLERS },
  reply: { action: 'reply', kind: 'complaint', from: 'accepted', to: 'replied', who: HANDLERS },
  confirm: { action: 'confirm', kind: 'complaint', from: 'replied', to: 'closed', who: PATIENT },
  reopen: { action: 'reopen', kind: 'complaint', from: 'replied', to: 'accepted', who: PATIENT },
  close: { action: 'close', kind: 'complaint', from: 'replied', to: 'closed', who: [...HANDLERS, 'system'] },
  approve: { action: 'approve', kind: 'praise', from: 'pending', to: 'approved', who: ['admin'] },
  // The system withdraws praise still pending when its author erases their account.
  reject: { action: 'reject', kind: 'praise', from: 'pending', to: 'rejected', who: ['admin', 'system'] },
} as const satisfies { [A in Transition['action']]: Step & { action: A } }

/** Where a new item starts: a complaint waits for its department, praise for its review. */
export const initialStatus = (kind: FeedbackKind): FeedbackStatus => (kind === 'complaint' ? 'submitted' : 'pending')

/** A new item as `create` stores it, with the names it is shown with. */
export function submittedRecord(
  id: string,
  item: NewFeedback,
  names: { patientName: string; staffTitle: string | null },
  at: Date,
): FeedbackRecord {
  return {
    id,
    ...item,
    ...names,
    status: initialStatus(item.kind),
    createdAt: at.toISOString(),
    acceptedAt: null,
    repliedAt: null,
    replyText: null,
    upheld: null,
    closedAt: null,
    rating: null,
    reopenedAt: null,
    reopenCount: 0,
    decidedAt: null,
  }
}

export const AUTO_CLOSE_NOTE = `回复后${AUTO_CLOSE_DAYS}天未确认，自动办结`

/** What a step writes besides the status; `reopenCount: 'increment'` adds one in the database. */
export interface ItemWrites {
  handlerId?: string | null
  acceptedAt?: Date
  repliedAt?: Date
  replyText?: string
  upheld?: boolean
  closedAt?: Date
  rating?: number
  reopenedAt?: Date
  reopenReason?: string
  reopenCount?: 'increment'
  decidedAt?: Date
  decidedBy?: string | null
}

/** Conditions on the item beyond its kind and status. */
export interface ItemGuard {
  patientId?: string | null
  /** Never reopened before. */
  firstReopen?: true
  /** The reply is newer than this. */
  repliedAfter?: Date
  /** The reply is this old or older. */
  repliedBy?: Date
}

export interface Move {
  step: Step
  writes: ItemWrites
  guard: ItemGuard
  note: string | null
}

/** When the patient's time to confirm or reopen a reply made at `repliedAt` runs out. */
export const confirmWindowEnd = (repliedAt: Date): Date => new Date(repliedAt.getTime() + AUTO_CLOSE_DAYS * DAY_MS)

/** Replies made at or before this have had their full window by `now`. */
export const windowStart = (now: Date): Date => new Date(now.getTime() - AUTO_CLOSE_DAYS * DAY_MS)

/**
 * A manager may close a replied complaint only once the patient's window is over, or early with a
 * reason the patient sees in the timeline (say, a patient who cannot be reached).
 */
export function mayCloseWithoutReason(repliedAt: Date | null, now: Date): boolean {
  return repliedAt !== null && now >= confirmWindowEnd(repliedAt)
}

/** Whether the system's close is due for this item: a reply whose patient's window is over. */
export const autoCloseDue = (
  item: { kind: FeedbackKind; status: FeedbackStatus; repliedAt: string | null },
  now: Date,
) =>
  item.kind === STEPS.close.kind &&
  item.status === STEPS.close.from &&
  item.repliedAt !== null &&
  new Date(item.repliedAt) <= windowStart(now)

const autoCloseShape = (repliedBefore: Date, at: Date): Omit<Move, 'step'> => ({
  writes: { closedAt: at },
  guard: { repliedBy: repliedBefore },
  note: AUTO_CLOSE_NOTE,
})

/** The system's close of every reply made at or before `repliedBefore`. */
export const autoCloseOf = (repliedBefore: Date, at: Date): Move => ({
  step: STEPS.close,
  ...autoCloseShape(repliedBefore, at),
})

/** The system's withdrawal of the author's praise still awaiting review, when they erase their account. */
export const withdrawalOf = (authorId: string, at: Date): Move => ({
  step: STEPS.reject,
  writes: { decidedAt: at, decidedBy: null },
  guard: { patientId: authorId },
  note: ERASED.praiseNote,
})

function shapeOf(change: Transition, actor: Actor, at: Date): Omit<Move, 'step'> {
  switch (change.action) {
    case 'accept':
      return { writes: { acceptedAt: at, handlerId: actor.id }, guard: {}, note: null }
    case 'reply':
      return {
        writes: { repliedAt: at, replyText: change.text, upheld: change.upheld, handlerId: actor.id },
        guard: {},
        note: change.text,
      }
    case 'confirm':
      return {
        writes: { closedAt: at, rating: change.rating },
        guard: { patientId: actor.id },
        note: `评价 ${change.rating} 星`,
      }
    case 'reopen':
      return {
        writes: { reopenedAt: at, reopenReason: change.reason, reopenCount: 'increment' },
        guard: { patientId: actor.id, firstReopen: true, repliedAfter: change.repliedSince },
        note: change.reason,
      }
    case 'close':
      if (actor.role === 'system') return autoCloseShape(windowStart(at), at)
      return {
        writes: { closedAt: at, handlerId: actor.id },
        guard: change.reason === null ? { repliedBy: windowStart(at) } : {},
        note: change.reason,
      }
    case 'approve':
      return { writes: { decidedAt: at, decidedBy: actor.id }, guard: {}, note: null }
    case 'reject':
      return { writes: { decidedAt: at, decidedBy: actor.id }, guard: {}, note: change.reason }
  }
}

const stepOf = (action: Transition['action']): Step => STEPS[action]

export const mayTake = (action: Transition['action'], role: HistoryActor): boolean => stepOf(action).who.includes(role)

/** The move a change makes for this actor, or `null` when the actor may not take the step at all. */
export function moveOf(change: Transition, actor: Actor, at: Date): Move | null {
  if (!mayTake(change.action, actor.role)) return null
  return { step: stepOf(change.action), ...shapeOf(change, actor, at) }
}

/** Whether an item as it stands meets a move's guard (for adapters that read before they write). */
export function guardHolds(
  guard: ItemGuard,
  item: { patientId: string; reopenCount: number; repliedAt: string | null },
): boolean {
  const repliedAt = item.repliedAt === null ? null : new Date(item.repliedAt)
  if (guard.patientId !== undefined && item.patientId !== guard.patientId) return false
  if (guard.firstReopen && item.reopenCount !== 0) return false
  if (guard.repliedAfter && !(repliedAt && repliedAt > guard.repliedAfter)) return false
  if (guard.repliedBy && !(repliedAt && repliedAt <= guard.repliedBy)) return false
  return true
}

/** Cross-area storage: idempotency keys, the notification outbox, rate-limit counters, the audit log. */

export interface RequestKey {
  userId: string
  fn: string
  action: string
  requestId: string
}

/** A request key bound to the input it was first made with: the same id with other input is not a retry. */
export interface BoundRequest extends RequestKey {
  /** A keyed hash of the validated input in canonical JSON (see core/input-digest.ts). */
  inputHash: string
}

/**
 * A claim still pending after this long belongs to a run that died (WeChat stops a function after
 * 60 s at most; a host process may be killed), so a retry with the same request id takes it over.
 */
export const PENDING_LEASE_MS = 2 * 60_000

export const staleBefore = (at: Date) => new Date(at.getTime() - PENDING_LEASE_MS)

/** `mismatch`: the request id was claimed with other input (a request made before inputs were bound counts as the same). */
export type RequestClaim =
  { state: 'new' } | { state: 'pending' } | { state: 'done'; result: unknown } | { state: 'mismatch' }

export interface OutboxMessage {
  userId: string
  /** A template name from config, e.g. `complaintStatus`; WeChat maps it to a subscribe-message id. */
  template: string
  payload: Record<string, string | number>
}

/** A message queued at most once per user and key: scheduled reminders meet the same overdue items on every run. */
export interface Reminder extends OutboxMessage {
  once: string
}

export interface OutboxRecord extends OutboxMessage {
  id: number
  status: 'pending' | 'sent' | 'failed'
  attempts: number
  createdAt: string
}

export type OutboxOutcome = { sent: true } | { sent: false; error: string; retryAt: Date | null }

export interface AuditEntry {
  actorId: string
  fn: string
  action: string
  target: string
  details: Record<string, unknown>
}

export interface AuditRecord extends AuditEntry {
  id: number
  at: string
  actorName: string
}

export interface AuditFilter {
  from?: Date
  to?: Date
  target?: string
}

export interface PlatformRepo {
  /**
   * Atomically claims a request id: only the first caller gets `new`, and later only one caller
   * taking over a claim left pending for longer than `PENDING_LEASE_MS` with the same input.
   */
  claimRequest(request: BoundRequest, at: Date): Promise<RequestClaim>
  completeRequest(key: RequestKey, result: unknown): Promise<void>
  releaseRequest(key: RequestKey): Promise<void>
  /** Counts one hit in the window and returns the hits so far, atomically. */
  hitRateLimit(key: string, windowStart: Date): Promise<number>
  /**
   * Counts one hit in the window unless it already holds `limit`, atomically; whether it was counted.
   * A refused call counts nothing, so the window stays at `limit` (refusing the same calls as counting them would).
   */
  takeRateSlot(key: string, windowStart: Date, limit: number): Promise<boolean>
  /** The hits counted so far in the window, counting none. */
  rateHits(key: string, windowStart: Date): Promise<number>
  addOutbox(message: OutboxMessage, at: Date): Promise<void>
  /** Queues the reminders not queued before for their user and key; returns how many it queued. */
  addReminders(reminders: Reminder[], at: Date): Promise<number>
  listOutbox(userId?: string): Promise<OutboxRecord[]>
  /** Pending messages due at `now`, oldest first. */
  dueOutbox(now: Date, limit: number): Promise<OutboxRecord[]>
  /** Hands a due message to one sender until `until`; `false` when another sender has it. */
  leaseOutbox(id: number, now: Date, until: Date): Promise<boolean>
  /** Records an attempt: sent, retried at `retryAt`, or failed for good when `retryAt` is null. */
  settleOutbox(id: number, outcome: OutboxOutcome, at: Date): Promise<void>
  /** Deletes finished requests' stored results and rate windows started before these times; returns how many. */
  prune(before: { requests: Date; rateWindows: Date }): Promise<number>
  appendAudit(entry: AuditEntry, at: Date): Promise<void>
  /** Newest first. */
  listAudit(limit: number, filter?: AuditFilter): Promise<AuditRecord[]>
}

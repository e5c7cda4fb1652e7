import {
  staleBefore,
  type AuditRecord,
  type OutboxRecord,
  type PlatformRepo,
  type RequestKey,
} from '../../core/platform-repo'
import { iso, type Sql } from './sql'

const KEY_WHERE = 'user_id = $1 AND fn = $2 AND action = $3 AND request_id = $4'
const keyParams = (key: RequestKey) => [key.userId, key.fn, key.action, key.requestId]

export function createPlatformRepo(sql: Sql): PlatformRepo {
  return {
    async claimRequest(request, at) {
      const inserted = await sql.query(
        `INSERT INTO idempotency (user_id, fn, action, request_id, state, created_at, input_hash)
         VALUES ($1, $2, $3, $4, 'pending', $5, $7)
         ON CONFLICT (user_id, fn, action, request_id) DO UPDATE SET created_at = EXCLUDED.created_at, input_hash = EXCLUDED.input_hash
         WHERE idempotency.state = 'pending' AND idempotency.created_at < $6
           AND coalesce(idempotency.input_hash, EXCLUDED.input_hash) = EXCLUDED.input_hash
         RETURNING 1`,
        [...keyParams(request), at, staleBefore(at), request.inputHash],
      )
      if (inserted.length > 0) return { state: 'new' }
      const [row] = await sql.query<{ state: 'pending' | 'done'; result: unknown; input_hash: string | null }>(
        `SELECT state, result, input_hash FROM idempotency WHERE ${KEY_WHERE}`,
        keyParams(request),
      )
      if (!row) return { state: 'pending' }
      if (row.input_hash !== null && row.input_hash !== request.inputHash) return { state: 'mismatch' }
      return row.state === 'done' ? { state: 'done', result: row.result } : { state: 'pending' }
    },

    async completeRequest(key, result) {
      await sql.query(`UPDATE idempotency SET state = 'done', result = $5 WHERE ${KEY_WHERE}`, [
        ...keyParams(key),
        JSON.stringify(result),
      ])
    },

    async releaseRequest(key) {
      await sql.query(`DELETE FROM idempotency WHERE ${KEY_WHERE} AND state = 'pending'`, keyParams(key))
    },

    async hitRateLimit(key, windowStart) {
      const [row] = await sql.query<{ hits: number }>(
        `INSERT INTO rate_hits (key, window_start, hits) VALUES ($1, $2, 1)
         ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_hits.hits + 1 RETURNING hits`,
        [key, windowStart],
      )
      return row.hits
    },

    async takeRateSlot(key, windowStart, limit) {
      if (limit < 1) return false
      const counted = await sql.query(
        `INSERT INTO rate_hits (key, window_start, hits) VALUES ($1, $2, 1)
         ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_hits.hits + 1 WHERE rate_hits.hits < $3
         RETURNING 1`,
        [key, windowStart, limit],
      )
      return counted.length > 0
    },

    async rateHits(key, windowStart) {
      const [row] = await sql.query<{ hits: number }>(
        'SELECT hits FROM rate_hits WHERE key = $1 AND window_start = $2',
        [key, windowStart],
      )
      return row?.hits ?? 0
    },

    async prune(before) {
      const requests = await sql.query(`DELETE FROM idempotency WHERE state = 'done' AND created_at < $1 RETURNING 1`, [
        before.requests,
      ])
      const windows = await sql.query('DELETE FROM rate_hits WHERE window_start < $1 RETURNING 1', [before.rateWindows])
      return requests.length + windows.length
    },

    async addOutbox(message, at) {
      await sql.query(
        'INSERT INTO outbox (user_id, template, payload, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $4)',
        [message.userId, message.template, JSON.stringify(message.payload), at],
      )
    },

    async addReminders(reminders, at) {
      if (reminders.length === 0) return 0
      const queued = await sql.query(
        `INSERT INTO outbox (user_id, template, payload, once_key, created_at, next_attempt_at)
         SELECT r.user_id, r.template, r.payload::jsonb, r.once_key, $5, $5
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS r(user_id, template, payload, once_key)
         ON CONFLICT (user_id, once_key) WHERE once_key IS NOT NULL DO NOTHING RETURNING 1`,
        [
          reminders.map((r) => r.userId),
          reminders.map((r) => r.template),
          reminders.map((r) => JSON.stringify(r.payload)),
          reminders.map((r) => r.once),
          at,
        ],
      )
      return queued.length
    },

    async listOutbox(userId) {
      const rows = await sql.query<Omit<OutboxRecord, 'createdAt'> & { createdAt: Date }>(
        `SELECT id::int AS id, user_id AS "userId", template, payload, status, attempts, created_at AS "createdAt"
         FROM outbox WHERE ($1::uuid IS NULL OR user_id = $1) ORDER BY id DESC LIMIT 200`,
        [userId ?? null],
      )
      return rows.map((row) => ({ ...row, createdAt: iso(row.createdAt) ?? '' }))
    },

    async dueOutbox(now, limit) {
      const rows = await sql.query<Omit<OutboxRecord, 'createdAt'> & { createdAt: Date }>(
        `SELECT id::int AS id, user_id AS "userId", template, payload, status, attempts, created_at AS "createdAt"
         FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2`,
        [now, limit],
      )
      return rows.map((row) => ({ ...row, createdAt: iso(row.createdAt) ?? '' }))
    },

    async leaseOutbox(id, now, until) {
      const rows = await sql.query(
        `UPDATE outbox SET next_attempt_at = $3 WHERE id = $1 AND status = 'pending' AND next_attempt_at <= $2 RETURNING 1`,
        [id, now, until],
      )
      return rows.length === 1
    },

    async settleOutbox(id, outcome, at) {
      if (outcome.sent) {
        await sql.query(`UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = $2 WHERE id = $1`, [
          id,
          at,
        ])
        return
      }
      await sql.query(
        `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
           status = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
           next_attempt_at = COALESCE($3::timestamptz, next_attempt_at)
         WHERE id = $1`,
        [id, outcome.error.slice(0, 500), outcome.retryAt],
      )
    },

    async appendAudit(entry, at) {
      await sql.query(
        'INSERT INTO audit_log (actor_id, fn, action, target, details, at) VALUES ($1, $2, $3, $4, $5, $6)',
        [entry.actorId, entry.fn, entry.action, entry.target, JSON.stringify(entry.details), at],
      )
    },

    async listAudit(limit, filter = {}) {
      const rows = await sql.query<Omit<AuditRecord, 'at'> & { at: Date }>(
        `SELECT a.id::int AS id, a.actor_id AS "actorId", coalesce(u.name, '') AS "actorName",
                a.fn, a.action, a.target, a.details, a.at
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
         WHERE ($2::timestamptz IS NULL OR a.at >= $2) AND ($3::timestamptz IS NULL OR a.at < $3)
           AND ($4::text IS NULL OR a.target = $4)
         ORDER BY a.id DESC LIMIT $1`,
        [limit, filter.from ?? null, filter.to ?? null, filter.target ?? null],
      )
      return rows.map((row) => ({ ...row, at: iso(row.at) ?? '' }))
    },
  }
}

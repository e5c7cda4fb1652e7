import {
  PHRASE_SCENES,
  type FeedbackAction,
  type FeedbackStatus,
  type HistoryEntry,
  type PhraseEntry,
} from '../../../contract'
import type {
  Actor,
  FeedbackRecord,
  FeedbackRepo,
  RosterStaff,
  StaffTally,
  StoredStar,
} from '../../domain/feedback/repo'
import { autoCloseOf, initialStatus, moveOf, type ItemWrites, type Move } from '../../domain/feedback/lifecycle'
import { iso, type Sql } from './sql'

type Timestamps = 'createdAt' | 'acceptedAt' | 'repliedAt' | 'closedAt' | 'reopenedAt' | 'decidedAt'
type ItemRow = Omit<FeedbackRecord, Timestamps> & Record<Timestamps, Date | null>

const ITEM_SELECT = `
  SELECT f.id, f.kind, f.status, f.patient_id AS "patientId", u.name AS "patientName",
         f.department_id AS "departmentId", d.name AS "departmentName", f.employee_no AS "employeeNo",
         COALESCE(r.name, f.staff_name) AS "staffName", r.title AS "staffTitle", f.categories, f.body AS text,
         f.contact_phone AS "contactPhone", f.anonymous, f.held_reasons AS "heldReasons",
         f.created_at AS "createdAt", f.accepted_at AS "acceptedAt", f.replied_at AS "repliedAt",
         f.reply_text AS "replyText", f.upheld, f.closed_at AS "closedAt", f.rating, f.reopened_at AS "reopenedAt",
         f.reopen_count AS "reopenCount", f.decided_at AS "decidedAt"
  FROM feedback_items f
  JOIN users u ON u.id = f.patient_id
  JOIN departments d ON d.id = f.department_id
  LEFT JOIN staff_roster r ON r.employee_no = f.employee_no`

const LIST_LIMIT = 200

function toRecord(row: ItemRow): FeedbackRecord {
  return {
    ...row,
    createdAt: iso(row.createdAt) ?? '',
    acceptedAt: iso(row.acceptedAt),
    repliedAt: iso(row.repliedAt),
    closedAt: iso(row.closedAt),
    reopenedAt: iso(row.reopenedAt),
    decidedAt: iso(row.decidedAt),
  }
}

const PHRASE_COLUMNS = 'id, scene, situation, recommended, forbidden'

const STAFF_COLUMNS = `employee_no AS "employeeNo", name, title, department_id AS "departmentId"`

const COLUMNS: Record<keyof ItemWrites, string> = {
  handlerId: 'handler_id',
  acceptedAt: 'accepted_at',
  repliedAt: 'replied_at',
  replyText: 'reply_text',
  upheld: 'upheld',
  closedAt: 'closed_at',
  rating: 'rating',
  reopenedAt: 'reopened_at',
  reopenReason: 'reopen_reason',
  reopenCount: 'reopen_count',
  decidedAt: 'decided_at',
  decidedBy: 'decided_by',
}

/** A move as one guarded UPDATE: of the item `id`, or of every item the guard admits when `id` is null. */
export function guardedUpdate(move: Move, id: string | null, returning: string): { text: string; params: unknown[] } {
  const params: unknown[] = []
  const $ = (value: unknown) => `$${params.push(value)}`
  const set = [`status = ${$(move.step.to)}`]
  for (const [field, value] of Object.entries(move.writes)) {
    const column = COLUMNS[field as keyof ItemWrites]
    set.push(value === 'increment' ? `${column} = ${column} + 1` : `${column} = ${$(value)}`)
  }
  const where = [`kind = ${$(move.step.kind)}`, `status = ${$(move.step.from)}`]
  if (id !== null) where.push(`id = ${$(id)}`)
  const { guard } = move
  if (guard.patientId !== undefined) where.push(`patient_id = ${$(guard.patientId)}`)
  if (guard.firstReopen) where.push('reopen_count = 0')
  if (guard.repliedAfter) where.push(`replied_at > ${$(guard.repliedAfter)}`)
  if (guard.repliedBy) where.push(`replied_at <= ${$(guard.repliedBy)}`)
  return {
    text: `UPDATE feedback_items SET ${set.join(', ')} WHERE ${where.join(' AND ')} RETURNING ${returning}`,
    params,
  }
}

export async function appendHistory(
  sql: Sql,
  itemId: string,
  step: { action: FeedbackAction; from: FeedbackStatus | null; to: FeedbackStatus; note: string | null },
  actor: Actor,
  at: Date,
) {
  await sql.query(
    `INSERT INTO feedback_history (item_id, action, from_status, to_status, actor_id, actor, note, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [itemId, step.action, step.from, step.to, actor.id, actor.role, step.note, at],
  )
}

export function createFeedbackRepo(sql: Sql): FeedbackRepo {
  const itemsWhere = async (where: string, params: unknown[], tail = '') =>
    (await sql.query<ItemRow>(`${ITEM_SELECT} WHERE ${where} ${tail}`, params)).map(toRecord)
  const find = async (id: string, db: Sql = sql) => {
    const [row] = await db.query<ItemRow>(`${ITEM_SELECT} WHERE f.id = $1`, [id])
    return row ? toRecord(row) : null
  }

  return {
    async listPhrases({ scene, q }) {
      return sql.query<PhraseEntry>(
        `SELECT ${PHRASE_COLUMNS} FROM feedback_phrases
         WHERE ($1::text IS NULL OR scene = $1)
           AND ($2::text IS NULL OR strpos(situation || ' ' || array_to_string(recommended, ' ') || ' ' ||
                                           array_to_string(forbidden, ' '), $2) > 0)
         ORDER BY array_position($3::text[], scene), sort, situation`,
        [scene ?? null, q || null, PHRASE_SCENES],
      )
    },

    async savePhrase(draft, at) {
      const params = [draft.scene, draft.situation, draft.recommended, draft.forbidden, at]
      const [row] = draft.id
        ? await sql.query<PhraseEntry>(
            `UPDATE feedback_phrases SET scene = $1, situation = $2, recommended = $3, forbidden = $4, updated_at = $5
             WHERE id = $6 RETURNING ${PHRASE_COLUMNS}`,
            [...params, draft.id],
          )
        : await sql.query<PhraseEntry>(
            `INSERT INTO feedback_phrases (scene, situation, recommended, forbidden, updated_at, sort)
             VALUES ($1, $2, $3, $4, $5, (SELECT COALESCE(max(sort), 0) + 1 FROM feedback_phrases WHERE scene = $1))
             RETURNING ${PHRASE_COLUMNS}`,
            params,
          )
      return row ?? null
    },

    async findStaffByNo(employeeNo) {
      const [row] = await sql.query<RosterStaff>(`SELECT ${STAFF_COLUMNS} FROM staff_roster WHERE employee_no = $1`, [
        employeeNo,
      ])
      return row ?? null
    },

    async findStaffByName(departmentId, name) {
      const rows = await sql.query<RosterStaff>(
        `SELECT ${STAFF_COLUMNS} FROM staff_roster WHERE department_id = $1 AND name = $2 LIMIT 2`,
        [departmentId, name],
      )
      return rows.length === 1 ? rows[0] : null
    },

    async departmentName(id) {
      const [row] = await sql.query<{ name: string }>('SELECT name FROM departments WHERE id = $1', [id])
      return row?.name ?? null
    },

    async create(item, actor, at) {
      return sql.transaction(async (tx) => {
        const status = initialStatus(item.kind)
        const [row] = await tx.query<{ id: string }>(
          `INSERT INTO feedback_items (kind, status, patient_id, department_id, employee_no, staff_name, categories,
             body, contact_phone, anonymous, held_reasons, month, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
          [
            item.kind,
            status,
            item.patientId,
            item.departmentId,
            item.employeeNo,
            item.staffName,
            item.categories,
            item.text,
            item.contactPhone,
            item.anonymous,
            item.heldReasons,
            item.month,
            at,
          ],
        )
        await appendHistory(tx, row.id, { action: 'submit', from: null, to: status, note: null }, actor, at)
        return row.id
      })
    },

    find: (id) => find(id),

    async transition(id, change, actor, at) {
      const move = moveOf(change, actor, at)
      if (!move) return null
      return sql.transaction(async (tx) => {
        const update = guardedUpdate(
          move,
          id,
          `staff_name AS "staffName", employee_no AS "employeeNo", department_id AS "departmentId", month`,
        )
        const [updated] = await tx.query<{
          staffName: string | null
          employeeNo: string | null
          departmentId: string
          month: string
        }>(update.text, update.params)
        if (!updated) return null
        await appendHistory(tx, id, { ...move.step, note: move.note }, actor, at)
        if (move.step.action === 'approve' && updated.staffName) {
          await tx.query(
            `INSERT INTO staff_mentions (source, department_id, employee_no, staff_name, month, created_at)
             VALUES ('praise', $1, $2, $3, $4, $5)`,
            [updated.departmentId, updated.employeeNo, updated.staffName, updated.month, at],
          )
        }
        return find(id, tx)
      })
    },

    async closeExpired(repliedBefore, at) {
      const move = autoCloseOf(repliedBefore, at)
      return sql.transaction(async (tx) => {
        const update = guardedUpdate(move, null, 'id')
        const closed = await tx.query<{ id: string }>(update.text, update.params)
        if (closed.length === 0) return []
        const ids = closed.map((row) => row.id)
        await tx.query(
          `INSERT INTO feedback_history (item_id, action, from_status, to_status, actor, note, at)
           SELECT id, $2, $3, $4, 'system', $5, $6 FROM unnest($1::uuid[]) AS t(id)`,
          [ids, move.step.action, move.step.from, move.step.to, move.note, at],
        )
        return (await tx.query<ItemRow>(`${ITEM_SELECT} WHERE f.id = ANY($1::uuid[])`, [ids])).map(toRecord)
      })
    },

    async history(id) {
      const rows = await sql.query<Omit<HistoryEntry, 'at'> & { at: Date }>(
        `SELECT action, from_status AS "fromStatus", to_status AS "toStatus", actor, note, at
         FROM feedback_history WHERE item_id = $1 ORDER BY id`,
        [id],
      )
      return rows.map((row) => ({ ...row, at: iso(row.at) ?? '' }))
    },

    listMine: (patientId) =>
      itemsWhere('f.patient_id = $1', [patientId], `ORDER BY f.created_at DESC LIMIT ${LIST_LIMIT}`),

    async listQueue({ departmentId, status, overdue }) {
      // Overdue: not accepted by `acceptBy`, or not replied by `replyBy` (counted from a reopen when there was one).
      const overdueSql = `((f.status = 'submitted' AND f.created_at < $3)
        OR (f.status IN ('submitted', 'accepted') AND COALESCE(f.reopened_at, f.created_at) < $4))`
      return itemsWhere(
        `f.kind = 'complaint' AND ($1::uuid IS NULL OR f.department_id = $1)
         AND (f.status = $2 OR ($2::text IS NULL AND f.status <> 'closed'))
         AND ($3::timestamptz IS NULL OR ${overdueSql})`,
        [departmentId, status ?? null, overdue?.acceptBy ?? null, overdue?.replyBy ?? null],
        `ORDER BY f.created_at DESC LIMIT ${LIST_LIMIT}`,
      )
    },

    listPendingPraise: () => itemsWhere(`f.status = 'pending'`, [], `ORDER BY f.created_at LIMIT ${LIST_LIMIT}`),

    listApprovedPraise: (limit) => itemsWhere(`f.status = 'approved'`, [], `ORDER BY f.decided_at DESC LIMIT ${limit}`),

    listPraiseOf: (userId) =>
      itemsWhere(
        `f.status = 'approved' AND f.employee_no =
           (SELECT employee_no FROM staff_bindings WHERE user_id = $1 AND status = 'approved')`,
        [userId],
        `ORDER BY f.decided_at DESC LIMIT ${LIST_LIMIT}`,
      ),

    async tallyMonth(month) {
      return sql.query<StaffTally>(
        `WITH mentions AS (
           SELECT employee_no, count(*) FILTER (WHERE source = 'praise')::int AS praise,
                  count(*) FILTER (WHERE source = 'survey')::int AS survey
           FROM staff_mentions WHERE month = $1 AND employee_no IS NOT NULL GROUP BY employee_no),
         upheld AS (
           SELECT employee_no, count(*)::int AS n FROM feedback_items
           WHERE kind = 'complaint' AND upheld IS TRUE AND month = $1 AND employee_no IS NOT NULL GROUP BY employee_no)
         SELECT r.employee_no AS "employeeNo", r.name, r.title, r.department_id AS "departmentId",
                d.name AS "departmentName", COALESCE(m.praise, 0) AS praise, COALESCE(m.survey, 0) AS "surveyMentions",
                COALESCE(u.n, 0) AS "upheldComplaints"
         FROM staff_roster r
         JOIN departments d ON d.id = r.department_id
         LEFT JOIN mentions m ON m.employee_no = r.employee_no
         LEFT JOIN upheld u ON u.employee_no = r.employee_no
         WHERE m.employee_no IS NOT NULL OR u.employee_no IS NOT NULL
         ORDER BY d.sort, r.employee_no`,
        [month],
      )
    },

    async publishStars(month, stars, by, at) {
      await sql.transaction(async (tx) => {
        await tx.query('DELETE FROM feedback_stars WHERE month = $1', [month])
        await tx.query(
          `INSERT INTO feedback_stars (month, employee_no, department_id, score, published_at, published_by)
           SELECT $1, e, d, s, $5, $6 FROM unnest($2::text[], $3::uuid[], $4::int[]) AS t(e, d, s)`,
          [month, stars.map((s) => s.employeeNo), stars.map((s) => s.departmentId), stars.map((s) => s.score), at, by],
        )
      })
    },

    async publishedStars(month) {
      const rows = await sql.query<Omit<StoredStar, 'publishedAt'> & { publishedAt: Date; month: string }>(
        `SELECT s.month, s.employee_no AS "employeeNo", r.name, r.title, s.department_id AS "departmentId",
                d.name AS "departmentName", s.score, s.published_at AS "publishedAt"
         FROM feedback_stars s
         JOIN staff_roster r ON r.employee_no = s.employee_no
         JOIN departments d ON d.id = s.department_id
         WHERE s.month = COALESCE($1, (SELECT max(month) FROM feedback_stars))
         ORDER BY d.sort, s.score DESC, s.employee_no`,
        [month],
      )
      if (rows.length === 0) return null
      return {
        month: rows[0].month,
        stars: rows.map(({ month: _month, ...row }) => ({ ...row, publishedAt: iso(row.publishedAt) ?? '' })),
      }
    },
  }
}

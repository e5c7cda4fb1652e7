import type {
  LeaveStatus,
  MyAttendance,
  MySession,
  PresenceProof,
  SessionStatus,
  SessionView,
  StudyType,
} from '../../../contract'
import { publicView, type SessionFields, type SessionRecord, type StudyRepo } from '../../domain/study/repo'
import { iso, type Sql } from './sql'
import { createStudyCme } from './study-cme'
import { createStudyRecords } from './study-records'

interface SessionRow {
  id: string
  type: StudyType
  title: string
  speaker: string | null
  location: string
  startAt: Date
  endAt: Date
  audienceKind: 'all' | 'party' | 'departments'
  audienceDepartments: string[]
  audienceLabel: string | null
  creditHours: number
  cmeCredits: number
  requireCheckOut: boolean
  fenceLatitude: number | null
  fenceLongitude: number | null
  fenceRadiusMeters: number | null
  wifiBssids: string[]
  status: SessionStatus
  organizerName: string
  organizerId: string
  organizerDepartmentId: string | null
  audienceFrozen: boolean
}

interface AttendanceRow {
  checkedInAt: Date
  late: boolean
  expected: boolean
  checkedOutAt: Date | null
  presence: PresenceProof
}

interface MySessionRow extends SessionRow, Partial<Omit<AttendanceRow, 'checkedInAt'>> {
  checkedInAt: Date | null
  leaveStatus: LeaveStatus | null
  leaveReason: string | null
}

const SESSION_SELECT = `
  SELECT s.id, s.type, s.title, s.speaker, s.location, s.start_at AS "startAt", s.end_at AS "endAt",
         s.audience_kind AS "audienceKind", s.audience_departments::text[] AS "audienceDepartments",
         CASE s.audience_kind WHEN 'all' THEN '全院职工' WHEN 'party' THEN '全体党员'
           ELSE (SELECT string_agg(d.name, '、' ORDER BY d.sort) FROM departments d WHERE d.id = ANY (s.audience_departments))
         END AS "audienceLabel",
         s.credit_hours::float8 AS "creditHours", s.cme_credits::float8 AS "cmeCredits", s.require_check_out AS "requireCheckOut",
         s.fence_latitude AS "fenceLatitude", s.fence_longitude AS "fenceLongitude",
         s.fence_radius_meters AS "fenceRadiusMeters", s.wifi_bssids AS "wifiBssids", s.status, ou.name AS "organizerName",
         s.organizer_id AS "organizerId", s.organizer_department_id AS "organizerDepartmentId",
         EXISTS (SELECT 1 FROM study_audience_frozen f WHERE f.session_id = s.id) AS "audienceFrozen"
  FROM study_sessions s JOIN users ou ON ou.id = s.organizer_id`

const MY_SESSION_SELECT = SESSION_SELECT.replace(
  'FROM study_sessions s',
  `, a.checked_in_at AS "checkedInAt", a.late, a.expected, a.checked_out_at AS "checkedOutAt", a.presence,
         l.status AS "leaveStatus", l.reason AS "leaveReason"
  FROM study_sessions s`,
).concat(`
  LEFT JOIN study_attendance a ON a.session_id = s.id AND a.user_id = $1
  LEFT JOIN study_leaves l ON l.session_id = s.id AND l.user_id = $1`)

const ATTENDANCE_COLUMNS = `checked_in_at AS "checkedInAt", late, expected, checked_out_at AS "checkedOutAt", presence`

/**
 * A session's own fields in column order: type … end_at, audience_kind, audience_departments,
 * credit_hours, require_check_out, cme_credits, fence_latitude, fence_longitude, fence_radius_meters, wifi_bssids.
 */
function sessionColumns(fields: SessionFields): unknown[] {
  const { audience } = fields
  const [kind, departments] = typeof audience === 'string' ? [audience, []] : ['departments', audience]
  return [
    fields.type,
    fields.title,
    fields.speaker,
    fields.location,
    fields.startAt,
    fields.endAt,
    kind,
    departments,
    fields.creditHours,
    fields.requireCheckOut,
    fields.cmeCredits,
    fields.fence?.latitude ?? null,
    fields.fence?.longitude ?? null,
    fields.fence?.radiusMeters ?? null,
    fields.wifiBssids,
  ]
}

function toSession(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    speaker: row.speaker,
    location: row.location,
    startAt: iso(row.startAt) ?? '',
    endAt: iso(row.endAt) ?? '',
    audience: row.audienceKind === 'departments' ? row.audienceDepartments : row.audienceKind,
    audienceLabel: row.audienceLabel ?? '',
    creditHours: row.creditHours,
    cmeCredits: row.cmeCredits,
    requireCheckOut: row.requireCheckOut,
    fence:
      row.fenceLatitude !== null && row.fenceLongitude !== null && row.fenceRadiusMeters !== null
        ? { latitude: row.fenceLatitude, longitude: row.fenceLongitude, radiusMeters: row.fenceRadiusMeters }
        : null,
    wifiBssids: row.wifiBssids,
    status: row.status,
    organizerName: row.organizerName,
    organizerId: row.organizerId,
    organizerDepartmentId: row.organizerDepartmentId,
    audienceFrozen: row.audienceFrozen,
  }
}

const toView = (row: SessionRow): SessionView => publicView(toSession(row))

const toAttendance = (row: AttendanceRow): MyAttendance => ({
  checkedInAt: iso(row.checkedInAt) ?? '',
  late: row.late,
  expected: row.expected,
  checkedOutAt: iso(row.checkedOutAt),
  presence: row.presence,
})

function toMySession(row: MySessionRow): MySession {
  return {
    ...toView(row),
    attendance: row.checkedInAt
      ? toAttendance({
          checkedInAt: row.checkedInAt,
          late: row.late ?? false,
          expected: row.expected ?? false,
          checkedOutAt: row.checkedOutAt ?? null,
          presence: row.presence ?? 'none',
        })
      : null,
    leave: row.leaveStatus ? { status: row.leaveStatus, reason: row.leaveReason ?? '' } : null,
  }
}

export function createStudyRepo(sql: Sql): StudyRepo {
  const rowById = async (id: string) =>
    (await sql.query<SessionRow>(`${SESSION_SELECT} WHERE s.id = $1`, [id])).at(0) ?? null
  const viewById = async (id: string) => {
    const row = await rowById(id)
    return row ? toView(row) : null
  }
  const attendanceWithCredit = async (sessionId: string, userId: string) => {
    const [row] = await sql.query<AttendanceRow & { creditHours: number }>(
      `SELECT ${ATTENDANCE_COLUMNS}, credit_hours::float8 AS "creditHours" FROM study_credits
       WHERE session_id = $1 AND user_id = $2`,
      [sessionId, userId],
    )
    return row ? { ...toAttendance(row), creditHours: row.creditHours } : null
  }

  return {
    async createSession(organizer, fields, at) {
      const [{ id }] = await sql.query<{ id: string }>(
        `INSERT INTO study_sessions (type, title, speaker, location, start_at, end_at, audience_kind,
           audience_departments, credit_hours, require_check_out, cme_credits, fence_latitude, fence_longitude,
           fence_radius_meters, wifi_bssids, organizer_id, organizer_department_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18) RETURNING id`,
        [...sessionColumns(fields), organizer.id, organizer.departmentId, at],
      )
      const view = await viewById(id)
      if (!view) throw new Error('session vanished right after insert')
      return view
    },

    async updateSession(id, fields, at) {
      const rows = await sql.query(
        `UPDATE study_sessions SET type = $2, title = $3, speaker = $4, location = $5, start_at = $6, end_at = $7,
           audience_kind = $8, audience_departments = $9, credit_hours = $10, require_check_out = $11,
           cme_credits = $12, fence_latitude = $13, fence_longitude = $14, fence_radius_meters = $15,
           wifi_bssids = $16, updated_at = $17
         WHERE id = $1 AND status = 'scheduled' RETURNING id`,
        [id, ...sessionColumns(fields), at],
      )
      return rows.length > 0 ? viewById(id) : null
    },

    async cancelSession(id, at) {
      const rows = await sql.query(
        `UPDATE study_sessions SET status = 'cancelled', updated_at = $2 WHERE id = $1 AND status = 'scheduled' RETURNING id`,
        [id, at],
      )
      return rows.length > 0 ? viewById(id) : null
    },

    async findSession(id) {
      const row = await rowById(id)
      return row ? toSession(row) : null
    },

    async listOrganized(departmentId, since) {
      const rows = await sql.query<SessionRow>(
        `${SESSION_SELECT} WHERE s.end_at > $1 AND ($2::uuid IS NULL OR s.organizer_department_id = $2)
         ORDER BY s.start_at LIMIT 200`,
        [since, departmentId],
      )
      return rows.map(toView)
    },

    async listForUser({ userId }, since) {
      const rows = await sql.query<MySessionRow>(
        `${MY_SESSION_SELECT}
         WHERE s.end_at > $2 AND (a.user_id IS NOT NULL OR l.user_id IS NOT NULL
           OR EXISTS (SELECT 1 FROM study_expected e WHERE e.session_id = s.id AND e.user_id = $1))
         ORDER BY s.start_at LIMIT 100`,
        [userId, since],
      )
      return rows.map(toMySession)
    },

    async findMySession(id, { userId }) {
      const [row] = await sql.query<MySessionRow>(`${MY_SESSION_SELECT} WHERE s.id = $2`, [userId, id])
      return row ? toMySession(row) : null
    },

    async unfrozenSessionIds(startingBy, limit) {
      const rows = await sql.query<{ id: string }>(
        `SELECT s.id FROM study_sessions s
         WHERE s.status = 'scheduled' AND s.start_at <= $1
           AND NOT EXISTS (SELECT 1 FROM study_audience_frozen f WHERE f.session_id = s.id)
         ORDER BY s.start_at, s.id LIMIT $2`,
        [startingBy, limit],
      )
      return rows.map((row) => row.id)
    },

    async freezeAudience(sessionId, at) {
      // One statement: the marker's insert decides, and only its winner copies today's audience.
      const [{ frozen }] = await sql.query<{ frozen: boolean }>(
        `WITH marker AS (
           INSERT INTO study_audience_frozen (session_id, frozen_at)
           SELECT id, $2 FROM study_sessions WHERE id = $1 AND status = 'scheduled'
           ON CONFLICT (session_id) DO NOTHING RETURNING session_id),
         copied AS (
           INSERT INTO study_audience (session_id, user_id, department_id)
           SELECT r.session_id, r.user_id, r.department_id
           FROM study_roster_expected r JOIN marker m ON m.session_id = r.session_id
           RETURNING 1),
         -- Check-ins made before (in the minutes before the timer, or before an edit) follow the snapshot.
         flagged AS (
           UPDATE study_attendance a
           SET expected = EXISTS (SELECT 1 FROM study_roster_expected r WHERE r.session_id = a.session_id AND r.user_id = a.user_id)
           FROM marker m WHERE a.session_id = m.session_id
           RETURNING 1)
         SELECT EXISTS (SELECT 1 FROM marker) AS frozen, (SELECT count(*) FROM copied) AS copied`,
        [sessionId, at],
      )
      return frozen
    },

    async thawAudience(sessionId) {
      await sql.query(
        `WITH people AS (DELETE FROM study_audience WHERE session_id = $1)
         DELETE FROM study_audience_frozen WHERE session_id = $1`,
        [sessionId],
      )
    },

    async sessionIdsStartingBetween(range) {
      const rows = await sql.query<{ id: string }>(
        `SELECT id FROM study_sessions WHERE status = 'scheduled' AND start_at BETWEEN $1 AND $2 ORDER BY id`,
        [range.from, range.to],
      )
      return rows.map((row) => row.id)
    },

    async checkIn(sessionId, userId, at, late, presence = 'none') {
      const [inserted] = await sql.query<AttendanceRow>(
        `INSERT INTO study_attendance (session_id, user_id, department_id, checked_in_at, late, expected, presence)
         SELECT $1, u.id, u.department_id, $3, $4,
                EXISTS (SELECT 1 FROM study_expected e WHERE e.session_id = $1 AND e.user_id = u.id), $5
         FROM users u WHERE u.id = $2
         ON CONFLICT (session_id, user_id) DO NOTHING
         RETURNING ${ATTENDANCE_COLUMNS}`,
        [sessionId, userId, at, late, presence],
      )
      if (inserted) return { attendance: toAttendance(inserted), repeated: false }
      const [first] = await sql.query<AttendanceRow>(
        `SELECT ${ATTENDANCE_COLUMNS} FROM study_attendance WHERE session_id = $1 AND user_id = $2`,
        [sessionId, userId],
      )
      if (!first) throw new Error('check-in neither inserted nor found')
      return { attendance: toAttendance(first), repeated: true }
    },

    findAttendance: attendanceWithCredit,

    async checkOut(sessionId, userId, at) {
      await sql.query(
        `UPDATE study_attendance SET checked_out_at = $3
         WHERE session_id = $1 AND user_id = $2 AND checked_out_at IS NULL`,
        [sessionId, userId, at],
      )
      return attendanceWithCredit(sessionId, userId)
    },

    async correctCheckOut(sessionId, userId, at) {
      const [row] = await sql.query<{ outcome: 'done' | 'missing' | 'recorded' | 'early' }>(
        `WITH corrected AS (
           UPDATE study_attendance SET checked_out_at = $3
           WHERE session_id = $1 AND user_id = $2 AND checked_out_at IS NULL AND checked_in_at <= $3 RETURNING 1)
         SELECT CASE WHEN EXISTS (SELECT 1 FROM corrected) THEN 'done'
                     WHEN a.user_id IS NULL THEN 'missing'
                     WHEN a.checked_out_at IS NOT NULL THEN 'recorded'
                     ELSE 'early' END AS outcome
         FROM (SELECT 1) one
         LEFT JOIN study_attendance a ON a.session_id = $1 AND a.user_id = $2`,
        [sessionId, userId, at],
      )
      return row.outcome
    },

    async requestLeave(sessionId, userId, reason, at) {
      const rows = await sql.query(
        `INSERT INTO study_leaves (session_id, user_id, reason, status, requested_at) VALUES ($1, $2, $3, 'pending', $4)
         ON CONFLICT (session_id, user_id) DO UPDATE SET reason = $3, requested_at = $4
         WHERE study_leaves.status = 'pending'
         RETURNING 1`,
        [sessionId, userId, reason, at],
      )
      return rows.length > 0
    },

    async decideLeave(sessionId, userId, status, decidedBy, at) {
      const rows = await sql.query(
        `UPDATE study_leaves SET status = $3, decided_by = $4, decided_at = $5
         WHERE session_id = $1 AND user_id = $2 AND status = 'pending' RETURNING 1`,
        [sessionId, userId, status, decidedBy, at],
      )
      if (rows.length > 0) return 'done'
      const [found] = await sql.query('SELECT 1 FROM study_leaves WHERE session_id = $1 AND user_id = $2', [
        sessionId,
        userId,
      ])
      return found ? 'decided' : 'missing'
    },

    ...createStudyRecords(sql),
    ...createStudyCme(sql),
  }
}

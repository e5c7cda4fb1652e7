import type { LeaveStatus, PresenceProof, StudyType } from '../../../contract'
import type { AttendeeRecord, RecordRow, StudyRepo } from '../../domain/study/repo'
import { attendeeStatus } from '../../domain/study/rules'
import { iso, type Sql } from './sql'

const CHINA_MONTH = `to_char(s.start_at AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-MM')`

/** The study repository's reading side: who came to a session, a person's year, the organizers' statistics. */
export function createStudyRecords(sql: Sql): Pick<StudyRepo, 'listAttendees' | 'recordRows' | 'stats'> {
  return {
    async listAttendees(sessionId) {
      const rows = await sql.query<{
        userId: string
        name: string
        departmentId: string | null
        departmentName: string | null
        expected: boolean
        checkedInAt: Date | null
        checkedOutAt: Date | null
        late: boolean | null
        presence: PresenceProof | null
        leaveStatus: LeaveStatus | null
        leaveReason: string | null
      }>(
        `WITH expected AS (SELECT user_id, department_id FROM study_expected WHERE session_id = $1),
         people AS (
           SELECT user_id FROM expected
           UNION SELECT user_id FROM study_attendance WHERE session_id = $1
           UNION SELECT user_id FROM study_leaves WHERE session_id = $1)
         SELECT u.id AS "userId", u.name, d.id AS "departmentId", d.name AS "departmentName",
                COALESCE(a.expected, e.user_id IS NOT NULL) AS expected,
                a.checked_in_at AS "checkedInAt", a.checked_out_at AS "checkedOutAt", a.late, a.presence,
                l.status AS "leaveStatus", l.reason AS "leaveReason"
         FROM people p
         JOIN users u ON u.id = p.user_id
         LEFT JOIN expected e ON e.user_id = u.id
         LEFT JOIN study_attendance a ON a.session_id = $1 AND a.user_id = u.id
         LEFT JOIN study_leaves l ON l.session_id = $1 AND l.user_id = u.id
         -- The department at check-in, else the one the audience was frozen with, else today's.
         LEFT JOIN departments d ON d.id = COALESCE(a.department_id, e.department_id, u.department_id)
         ORDER BY d.sort NULLS LAST, a.checked_in_at NULLS LAST, u.name`,
        [sessionId],
      )
      return rows.map((row): AttendeeRecord => {
        return {
          userId: row.userId,
          name: row.name,
          status: attendeeStatus(row.checkedInAt ? { late: row.late ?? false } : null, row.leaveStatus === 'approved'),
          expected: row.expected,
          checkedInAt: iso(row.checkedInAt),
          checkedOutAt: iso(row.checkedOutAt),
          presence: row.presence,
          leave: row.leaveStatus ? { status: row.leaveStatus, reason: row.leaveReason ?? '' } : null,
          departmentId: row.departmentId,
          departmentName: row.departmentName ?? '未分配科室',
        }
      })
    },

    async recordRows(userId, range, now) {
      const rows = await sql.query<
        Omit<RecordRow, 'startAt' | 'endAt' | 'stay'> & {
          startAt: Date
          endAt: Date
          checkedInAt: Date | null
          checkedOutAt: Date | null
          late: boolean | null
        }
      >(
        `SELECT * FROM (
           SELECT s.id AS "sessionId", s.type, s.title, s.start_at AS "startAt", s.end_at AS "endAt",
                  s.credit_hours::float8 AS "creditHours", s.cme_credits::float8 AS "cmeCredits",
                  s.require_check_out AS "requireCheckOut",
                  EXISTS (SELECT 1 FROM study_expected e WHERE e.session_id = s.id AND e.user_id = $1) AS expected,
                  a.checked_in_at AS "checkedInAt", a.checked_out_at AS "checkedOutAt", a.late,
                  a.user_id IS NULL AND COALESCE(l.status = 'approved', false) AS excused
           FROM study_sessions s
           LEFT JOIN study_attendance a ON a.session_id = s.id AND a.user_id = $1
           LEFT JOIN study_leaves l ON l.session_id = s.id AND l.user_id = $1
           WHERE s.status = 'scheduled' AND s.start_at >= $2 AND s.start_at < $3 AND s.start_at <= $4) r
         WHERE expected OR "checkedInAt" IS NOT NULL OR excused
         ORDER BY "startAt" DESC`,
        [userId, range.from, range.to, now],
      )
      return rows.map(({ checkedInAt, checkedOutAt, late, ...row }) => ({
        ...row,
        startAt: iso(row.startAt) ?? '',
        endAt: iso(row.endAt) ?? '',
        stay: checkedInAt
          ? { checkedInAt: iso(checkedInAt) ?? '', checkedOutAt: iso(checkedOutAt), late: late ?? false }
          : null,
      }))
    },

    async stats(range, departmentId, now, topLimit) {
      const params = [range.from, range.to, now, departmentId]
      const inRange = `s.status = 'scheduled' AND s.start_at >= $1 AND s.start_at < $2 AND s.start_at <= $3`
      // Each expected person of each session, with whether they came or were excused.
      const expectedRows = `
        SELECT s.id AS session_id, s.type, ${CHINA_MONTH} AS month, e.department_id,
               a.user_id IS NOT NULL AS attended, a.user_id IS NULL AND l.status IS NOT NULL AS excused
        FROM study_sessions s
        JOIN study_expected e ON e.session_id = s.id
        LEFT JOIN study_attendance a ON a.session_id = s.id AND a.user_id = e.user_id
        LEFT JOIN study_leaves l ON l.session_id = s.id AND l.user_id = e.user_id AND l.status = 'approved'
        WHERE ${inRange} AND ($4::uuid IS NULL OR e.department_id = $4)`
      const [{ sessions }] = await sql.query<{ sessions: number }>(
        `SELECT count(*)::int AS sessions FROM study_sessions s WHERE ${inRange}
           AND ($4::uuid IS NULL OR s.organizer_department_id = $4
                OR EXISTS (SELECT 1 FROM study_expected e WHERE e.session_id = s.id AND e.department_id = $4))`,
        params,
      )
      const byDepartment = await sql.query<{
        departmentId: string
        departmentName: string
        expected: number
        attended: number
        excused: number
      }>(
        `SELECT d.id AS "departmentId", d.name AS "departmentName", count(*)::int AS expected,
                count(*) FILTER (WHERE x.attended)::int AS attended, count(*) FILTER (WHERE x.excused)::int AS excused
         FROM (${expectedRows}) x JOIN departments d ON d.id = x.department_id
         GROUP BY d.id, d.name, d.sort ORDER BY d.sort`,
        params,
      )
      const byTypeMonth = await sql.query<{
        month: string
        type: StudyType
        sessions: number
        expected: number
        attended: number
        excused: number
      }>(
        `SELECT month, type, count(DISTINCT session_id)::int AS sessions, count(*)::int AS expected,
                count(*) FILTER (WHERE attended)::int AS attended, count(*) FILTER (WHERE excused)::int AS excused
         FROM (${expectedRows}) x GROUP BY month, type ORDER BY month, type`,
        params,
      )
      const topLearners = await sql.query<{
        userId: string
        name: string
        departmentName: string
        creditHours: number
        sessions: number
      }>(
        `SELECT u.id AS "userId", u.name, COALESCE(d.name, '未分配科室') AS "departmentName",
                sum(c.credit_hours)::float8 AS "creditHours", count(*)::int AS sessions
         FROM study_credits c
         JOIN study_sessions s ON s.id = c.session_id
         JOIN users u ON u.id = c.user_id
         LEFT JOIN departments d ON d.id = u.department_id
         WHERE ${inRange} AND ($4::uuid IS NULL OR c.department_id = $4)
         GROUP BY u.id, u.name, d.name
         ORDER BY sum(c.credit_hours) DESC, count(*) DESC, u.name
         LIMIT $5`,
        [...params, topLimit],
      )
      return { sessions, byDepartment, byTypeMonth, topLearners }
    },
  }
}

import type { ServiceReport, TeamLeader } from '../../../contract'
import type { VolunteerReportMethods } from '../../domain/volunteer/repo'
import { iso, isUniqueViolation, type Sql } from './sql'

type ReportRow = Omit<ServiceReport, 'reportedAt'> & { reportedAt: Date }

const REPORT_SELECT = `
  SELECT r.id, r.volunteer_id AS "volunteerId", COALESCE(p.name, u.name) AS "volunteerName", r.team,
         to_char(r.service_date, 'YYYY-MM-DD') AS date, r.place, r.content, r.minutes, r.status, r.note,
         CASE WHEN r.decided_by IS NULL THEN NULL ELSE COALESCE(dp.name, d.name, '') END AS "decidedBy", r.reported_at AS "reportedAt"
  FROM volunteer_service_reports r JOIN users u ON u.id = r.volunteer_id
  LEFT JOIN volunteer_profiles p ON p.user_id = r.volunteer_id AND p.status = 'approved'
  LEFT JOIN users d ON d.id = r.decided_by
  LEFT JOIN volunteer_profiles dp ON dp.user_id = r.decided_by AND dp.status = 'approved'`

const toReport = (row: ReportRow): ServiceReport => ({ ...row, reportedAt: iso(row.reportedAt) ?? '' })

class DayFull extends Error {}

/** Self-reported service and the teams' leaders who approve it. */
export function createVolunteerReports(sql: Sql): VolunteerReportMethods {
  const reports = async (where: string, params: unknown[], tail = '') =>
    (await sql.query<ReportRow>(`${REPORT_SELECT} WHERE ${where} ${tail}`, params)).map(toReport)

  return {
    async addServiceReport(volunteerId, report, maxMinutesPerDay, at) {
      try {
        return await sql.transaction(async (tx) => {
          const [row] = await tx.query<{ id: string }>(
            `INSERT INTO volunteer_service_reports (volunteer_id, team, service_date, place, content, minutes, reported_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
            [volunteerId, report.team, report.date, report.place, report.content, report.minutes, at],
          )
          const day = await tx.query(
            `INSERT INTO volunteer_report_days AS d (volunteer_id, service_date, minutes)
             SELECT $1::uuid, $2::date, $3::int WHERE $3::int <= $4::int
             ON CONFLICT (volunteer_id, service_date) DO UPDATE SET minutes = d.minutes + EXCLUDED.minutes
             WHERE d.minutes + EXCLUDED.minutes <= $4::int
             RETURNING 1`,
            [volunteerId, report.date, report.minutes, maxMinutesPerDay],
          )
          if (day.length === 0) throw new DayFull()
          return { id: row.id }
        })
      } catch (error) {
        if (error instanceof DayFull) return 'dayFull'
        if (isUniqueViolation(error)) return 'duplicate'
        throw error
      }
    },

    async findServiceReport(id) {
      const [report] = await reports('r.id = $1', [id])
      return report ?? null
    },

    async decideServiceReport(id, decision, decidedBy, at, countsAt) {
      const [row] = await sql.query<{ decided: number }>(
        `WITH decided AS (
           UPDATE volunteer_service_reports SET status = $2::text, note = NULLIF($3::text, ''), decided_by = $4::uuid,
             decided_at = $5
           WHERE id = $1 AND status = 'pending'
           RETURNING id, volunteer_id, service_date, minutes),
         booked AS (
           INSERT INTO volunteer_hours (volunteer_id, kind, minutes, report_id, recorded_by, at)
           SELECT volunteer_id, 'external', minutes, id, $4, $6 FROM decided WHERE $2::text = 'approved'
           RETURNING 1),
         freed AS (
           UPDATE volunteer_report_days d SET minutes = d.minutes - decided.minutes FROM decided
           WHERE $2::text = 'rejected' AND d.volunteer_id = decided.volunteer_id AND d.service_date = decided.service_date
           RETURNING 1)
         SELECT count(*)::int AS decided FROM decided`,
        [id, decision.approve ? 'approved' : 'rejected', decision.note, decidedBy, at, countsAt],
      )
      return row.decided === 1
    },

    listServiceReports(filter, limit) {
      if ('volunteerId' in filter) {
        return reports('r.volunteer_id = $1', [filter.volunteerId, limit], 'ORDER BY r.reported_at DESC, r.id LIMIT $2')
      }
      return reports(
        `r.status = $1 AND ($2::text[] IS NULL OR r.team = ANY($2::text[]))`,
        [filter.status, filter.teams === 'all' ? null : filter.teams, limit],
        'ORDER BY r.reported_at DESC, r.id LIMIT $3',
      )
    },

    async setTeamLeader(team, userId, leader) {
      await sql.query(
        leader
          ? 'INSERT INTO volunteer_team_leaders (team, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING'
          : 'DELETE FROM volunteer_team_leaders WHERE team = $1 AND user_id = $2',
        [team, userId],
      )
    },

    listTeamLeaders() {
      return sql.query<TeamLeader>(
        `SELECT l.team, l.user_id AS "userId", COALESCE(p.name, u.name) AS name
         FROM volunteer_team_leaders l JOIN users u ON u.id = l.user_id
         LEFT JOIN volunteer_profiles p ON p.user_id = l.user_id AND p.status = 'approved'
         ORDER BY l.team, name`,
      )
    },
  }
}

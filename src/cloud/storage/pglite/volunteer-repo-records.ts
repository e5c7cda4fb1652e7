import type { NewRecordSection, ServiceRow, ServiceTotals, VolunteerRecordMethods } from '../../domain/volunteer/repo'
import { iso, type Sql } from './sql'

/** `key` breaks ties between services that ended at the same moment, so that pages never overlap. */
type ServiceDbRow = Omit<ServiceRow, 'at'> & { at: Date; key: string }
type RangeServiceDbRow = ServiceDbRow & { volunteerId: string }

/** The hours ledger and the volunteer's record: totals, the service list, training and awards, the ranking. */
export function createVolunteerRecords(sql: Sql): VolunteerRecordMethods {
  return {
    async addAdjustment(volunteerId, minutes, reason, recordedBy, at) {
      await sql.query(
        `INSERT INTO volunteer_hours (volunteer_id, kind, minutes, reason, recorded_by, at)
         VALUES ($1, 'adjustment', $2, $3, $4, $5)`,
        [volunteerId, minutes, reason, recordedBy, at],
      )
    },

    async totals(volunteerId, range) {
      const [row] = await sql.query<ServiceTotals>(
        `SELECT
           (SELECT COALESCE(sum(minutes), 0)::int FROM volunteer_hours
             WHERE volunteer_id = $1 AND at >= $2 AND at < $3) AS "minutesInRange",
           (SELECT COALESCE(sum(minutes), 0)::int FROM volunteer_hours WHERE volunteer_id = $1) AS "minutesAllTime",
           (SELECT count(*)::int FROM volunteer_requests
             WHERE volunteer_id = $1 AND status = 'completed' AND completed_at >= $2 AND completed_at < $3)
             AS "servedInRange",
           (SELECT count(*)::int FROM volunteer_requests WHERE volunteer_id = $1 AND status = 'completed')
             AS "servedAllTime",
           (SELECT avg(stars)::float8 FROM volunteer_ratings WHERE volunteer_id = $1) AS "averageRating",
           (SELECT count(*)::int FROM volunteer_ratings WHERE volunteer_id = $1) AS "ratingCount"`,
        [volunteerId, range.from, range.to],
      )
      return row
    },

    async minutesAllTime(volunteerId) {
      const [row] = await sql.query<{ minutes: number }>(
        'SELECT COALESCE(sum(minutes), 0)::int AS minutes FROM volunteer_hours WHERE volunteer_id = $1',
        [volunteerId],
      )
      return row.minutes
    },

    async listServices(volunteerId, page) {
      const [rows, [count]] = await Promise.all([
        // The page's keys first, from the two indexed lists; only those rows are joined to their details.
        sql.query<ServiceDbRow>(
          `WITH page AS (
             (SELECT 'request' AS kind, q.id AS request_id, NULL::bigint AS hours_id, q.completed_at AS at,
                     q.id::text AS key
              FROM volunteer_requests q WHERE q.volunteer_id = $1 AND q.status = 'completed'
              ORDER BY q.completed_at DESC, q.id::text DESC LIMIT $2::int + $3::int)
             UNION ALL
             (SELECT h.kind, NULL, h.id, h.at, h.id::text FROM volunteer_hours h WHERE h.volunteer_id = $1
              ORDER BY h.at DESC, h.id::text DESC LIMIT $2::int + $3::int)
             ORDER BY at DESC, key DESC LIMIT $2 OFFSET $3)
           SELECT p.kind, p.at, COALESCE(q.from_place, s.station, rep.place, '') AS place,
                  COALESCE(q.need, h.reason, rep.content) AS content, d.name AS destination,
                  CASE WHEN q.id IS NULL THEN h.minutes
                       ELSE GREATEST(0, round(extract(epoch FROM q.completed_at - q.claimed_at) / 60))::int END AS minutes,
                  r.stars::int AS rating,
                  CASE WHEN h.recorded_by IS NULL THEN NULL ELSE COALESCE(ap.name, au.name, '') END AS "recordedBy",
                  COALESCE(s.auto_closed, false) AS "autoClosed", p.key
           FROM page p
           -- Lateral lookups by primary key: a hash join would read the volunteer's whole history for 20 rows.
           LEFT JOIN LATERAL (SELECT * FROM volunteer_requests WHERE id = p.request_id OFFSET 0) q ON true
           LEFT JOIN departments d ON d.id = q.to_department_id
           LEFT JOIN volunteer_ratings r ON r.request_id = q.id
           LEFT JOIN LATERAL (SELECT * FROM volunteer_hours WHERE id = p.hours_id OFFSET 0) h ON true
           LEFT JOIN volunteer_shifts s ON s.id = h.shift_id
           LEFT JOIN volunteer_service_reports rep ON rep.id = h.report_id
           LEFT JOIN users au ON au.id = h.recorded_by
           LEFT JOIN volunteer_profiles ap ON ap.user_id = h.recorded_by AND ap.status = 'approved'
           ORDER BY p.at DESC, p.key DESC`,
          [volunteerId, page.limit, page.offset],
        ),
        sql.query<{ total: number }>(
          `SELECT (SELECT count(*)::int FROM volunteer_requests WHERE volunteer_id = $1 AND status = 'completed')
                + (SELECT count(*)::int FROM volunteer_hours WHERE volunteer_id = $1) AS total`,
          [volunteerId],
        ),
      ])
      return {
        total: count.total,
        rows: rows.map(({ key: _key, ...row }) => ({ ...row, at: iso(row.at) ?? '' })),
      }
    },

    async listServicesIn(range) {
      // The whole year at once: plain joins (hashed), not the per-row lookups that suit a page of 20.
      const rows = await sql.query<RangeServiceDbRow>(
        `SELECT 'request' AS kind, q.completed_at AS at, q.from_place AS place, q.need AS content, d.name AS destination,
                GREATEST(0, round(extract(epoch FROM q.completed_at - q.claimed_at) / 60))::int AS minutes,
                r.stars::int AS rating, NULL AS "recordedBy", false AS "autoClosed", q.id::text AS key,
                q.volunteer_id AS "volunteerId"
         FROM volunteer_requests q
         LEFT JOIN departments d ON d.id = q.to_department_id
         LEFT JOIN volunteer_ratings r ON r.request_id = q.id
         WHERE q.status = 'completed' AND q.completed_at >= $1 AND q.completed_at < $2
         UNION ALL
         SELECT h.kind, h.at, COALESCE(s.station, rep.place, ''), COALESCE(h.reason, rep.content), NULL, h.minutes,
                NULL, CASE WHEN h.recorded_by IS NULL THEN NULL ELSE COALESCE(ap.name, au.name, '') END,
                COALESCE(s.auto_closed, false), h.id::text, h.volunteer_id
         FROM volunteer_hours h
         LEFT JOIN volunteer_shifts s ON s.id = h.shift_id
         LEFT JOIN volunteer_service_reports rep ON rep.id = h.report_id
         LEFT JOIN users au ON au.id = h.recorded_by
         LEFT JOIN volunteer_profiles ap ON ap.user_id = h.recorded_by AND ap.status = 'approved'
         WHERE h.at >= $1 AND h.at < $2
         ORDER BY at, key`,
        [range.from, range.to],
      )
      return rows.map(({ key: _key, ...row }) => ({ ...row, at: iso(row.at) ?? '' }))
    },

    async addRecordSection(volunteerId, entry, recordedBy, at) {
      await sql.query(
        `INSERT INTO volunteer_record_sections (volunteer_id, section, title, on_date, detail, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [volunteerId, entry.section, entry.title, entry.date, entry.detail, recordedBy, at],
      )
    },

    async listRecordSections(volunteerId) {
      return sql.query<NewRecordSection>(
        `SELECT section, title, to_char(on_date, 'YYYY-MM-DD') AS date, detail FROM volunteer_record_sections
         WHERE volunteer_id = $1 ORDER BY on_date, id`,
        [volunteerId],
      )
    },

    async ranking(range, limit) {
      return sql.query(
        `WITH hours AS (
           SELECT volunteer_id, sum(minutes)::int AS minutes FROM volunteer_hours
           WHERE at >= $1 AND at < $2 GROUP BY volunteer_id),
         served AS (
           SELECT volunteer_id, count(*)::int AS served FROM volunteer_requests
           WHERE status = 'completed' AND completed_at >= $1 AND completed_at < $2 GROUP BY volunteer_id),
         rated AS (
           SELECT r.volunteer_id, avg(r.stars)::float8 AS rating
           FROM volunteer_ratings r JOIN volunteer_requests q ON q.id = r.request_id
           WHERE q.completed_at >= $1 AND q.completed_at < $2 GROUP BY r.volunteer_id),
         ids AS (SELECT volunteer_id FROM hours UNION SELECT volunteer_id FROM served),
         all_time AS (
           SELECT volunteer_id, sum(minutes)::int AS minutes FROM volunteer_hours
           WHERE volunteer_id IN (SELECT volunteer_id FROM ids) GROUP BY volunteer_id)
         SELECT u.id AS "userId", COALESCE(p.name, u.name) AS name, p.team,
                COALESCE(h.minutes, 0) AS minutes, COALESCE(s.served, 0) AS served, rt.rating AS "averageRating",
                COALESCE(a.minutes, 0) AS "minutesAllTime"
         FROM ids JOIN users u ON u.id = ids.volunteer_id
         LEFT JOIN all_time a ON a.volunteer_id = u.id
         LEFT JOIN volunteer_profiles p ON p.user_id = u.id AND p.status = 'approved'
         LEFT JOIN hours h ON h.volunteer_id = u.id
         LEFT JOIN served s ON s.volunteer_id = u.id
         LEFT JOIN rated rt ON rt.volunteer_id = u.id
         ORDER BY minutes DESC, served DESC, rt.rating DESC NULLS LAST, name
         LIMIT $3`,
        [range.from, range.to, limit],
      )
    },
  }
}

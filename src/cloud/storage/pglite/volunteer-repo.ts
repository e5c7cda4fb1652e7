import type {
  OnShiftVolunteer,
  PendingVolunteer,
  RegistrationStatus,
  ShiftView,
  Station,
  VolunteerProfile,
  VolunteerTeam,
} from '../../../contract'
import type { HelpRecord, VolunteerRepo } from '../../domain/volunteer/repo'
import { MAX_SHIFT_HOURS } from '../../../contract'
import { iso, isUniqueViolation, type Sql } from './sql'
import { createVolunteerCertificates } from './volunteer-repo-certificates'
import { createVolunteerExcellent } from './volunteer-repo-excellent'
import { createVolunteerRecords } from './volunteer-repo-records'
import { createVolunteerReports } from './volunteer-repo-reports'

type ProfileRow = Omit<VolunteerProfile, 'requestedAt'> & { requestedAt: Date }

interface ShiftRow {
  id: string
  station: Station
  startedAt: Date
  endedAt: Date | null
  autoClosed: boolean
}

interface HelpRow extends Omit<HelpRecord, 'volunteer' | 'createdAt' | 'claimedAt' | 'rating' | 'assigned'> {
  volunteerName: string | null
  volunteerTeam: VolunteerTeam | null
  createdAt: Date
  claimedAt: Date | null
  assignedBy: string | null
  stars: number | null
  ratingComment: string | null
}

const PROFILE_COLUMNS = `user_id AS "userId", name, phone, team, skills, availability, status, reason,
  requested_at AS "requestedAt"`

const SHIFT_COLUMNS = `id, station, started_at AS "startedAt", ended_at AS "endedAt", auto_closed AS "autoClosed"`

// A volunteer is named by their registration, or by their account when an admin granted the role directly.
const HELP_SELECT = `
  SELECT q.id, q.patient_id AS "patientId", pu.name AS "patientName", q.need, q.from_place AS "from",
         d.name AS "toDepartment", q.note, q.people, q.status, q.volunteer_id AS "volunteerId",
         COALESCE(vp.name, vu.name) AS "volunteerName", vp.team AS "volunteerTeam",
         q.created_at AS "createdAt", q.claimed_at AS "claimedAt", q.assigned_by AS "assignedBy",
         r.stars, r.comment AS "ratingComment"
  FROM volunteer_requests q
  JOIN users pu ON pu.id = q.patient_id
  JOIN departments d ON d.id = q.to_department_id
  LEFT JOIN users vu ON vu.id = q.volunteer_id
  LEFT JOIN volunteer_profiles vp ON vp.user_id = q.volunteer_id AND vp.status = 'approved'
  LEFT JOIN volunteer_ratings r ON r.request_id = q.id`

const toProfile = (row: ProfileRow): VolunteerProfile => ({ ...row, requestedAt: iso(row.requestedAt) ?? '' })

const toShift = (row: ShiftRow): ShiftView => ({
  id: row.id,
  station: row.station,
  startedAt: iso(row.startedAt) ?? '',
  endedAt: iso(row.endedAt),
  autoClosed: row.autoClosed,
})

function toHelp(row: HelpRow): HelpRecord {
  return {
    id: row.id,
    patientId: row.patientId,
    patientName: row.patientName,
    need: row.need,
    from: row.from,
    toDepartment: row.toDepartment,
    note: row.note,
    people: row.people,
    status: row.status,
    volunteerId: row.volunteerId,
    volunteer: row.volunteerId ? { name: row.volunteerName ?? '', team: row.volunteerTeam } : null,
    createdAt: iso(row.createdAt) ?? '',
    claimedAt: iso(row.claimedAt),
    assigned: row.assignedBy !== null,
    rating: row.stars === null ? null : { stars: row.stars, comment: row.ratingComment },
  }
}

export function createVolunteerRepo(sql: Sql): VolunteerRepo {
  const helpWhere = async (where: string, params: unknown[], tail = '') =>
    (await sql.query<HelpRow>(`${HELP_SELECT} WHERE ${where} ${tail}`, params)).map(toHelp)
  const waitingList = (limit: number) =>
    helpWhere(`q.status = 'waiting'`, [limit], 'ORDER BY q.created_at, q.id LIMIT $1')

  return {
    ...createVolunteerRecords(sql),
    ...createVolunteerReports(sql),
    ...createVolunteerCertificates(sql),
    ...createVolunteerExcellent(sql),

    async register(userId, profile, at) {
      const rows = await sql.query(
        `INSERT INTO volunteer_profiles (user_id, name, phone, team, skills, availability, status, requested_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7)
         ON CONFLICT (user_id) DO UPDATE SET name = $2, phone = $3, team = $4, skills = $5, availability = $6,
           status = 'pending', reason = NULL, requested_at = $7, decided_at = NULL, decided_by = NULL
         WHERE volunteer_profiles.status <> 'approved'
         RETURNING 1`,
        [userId, profile.name, profile.phone, profile.team, profile.skills, profile.availability, at],
      )
      return rows.length > 0
    },

    async findProfile(userId) {
      const [row] = await sql.query<ProfileRow>(
        `SELECT ${PROFILE_COLUMNS} FROM volunteer_profiles WHERE user_id = $1`,
        [userId],
      )
      return row ? toProfile(row) : null
    },

    async listRegistrations(status): Promise<PendingVolunteer[]> {
      const rows = await sql.query<ProfileRow>(
        `SELECT ${PROFILE_COLUMNS} FROM volunteer_profiles WHERE status = $1 ORDER BY requested_at`,
        [status],
      )
      return rows.map(({ status: _status, reason: _reason, ...row }) => ({
        ...row,
        requestedAt: iso(row.requestedAt) ?? '',
      }))
    },

    async decide(userId, decision, decidedBy, at) {
      return sql.transaction(async (tx) => {
        const status: RegistrationStatus = decision.approve ? 'approved' : 'rejected'
        const [decided] = await tx.query<{ name: string }>(
          `UPDATE volunteer_profiles SET status = $2, reason = $3, decided_at = $4, decided_by = $5
           WHERE user_id = $1 AND status = 'pending' RETURNING name`,
          [userId, status, decision.approve ? null : decision.reason, at, decidedBy],
        )
        if (!decided) return null
        if (decision.approve) {
          await tx.query(
            `UPDATE users SET
               roles = CASE WHEN 'volunteer' = ANY(roles) THEN roles ELSE array_append(roles, 'volunteer') END,
               name = CASE WHEN name = '' THEN $2 ELSE name END
             WHERE id = $1`,
            [userId, decided.name],
          )
        }
        return status
      })
    },

    async closeOverdueShifts(now, volunteerId) {
      const rows = await sql.query(
        `WITH closed AS (
           UPDATE volunteer_shifts SET ended_at = started_at + make_interval(hours => $3), auto_closed = true
           WHERE ended_at IS NULL AND started_at + make_interval(hours => $3) <= $1
             AND ($2::uuid IS NULL OR volunteer_id = $2::uuid)
           RETURNING id, volunteer_id, ended_at)
         INSERT INTO volunteer_hours (volunteer_id, kind, minutes, shift_id, at)
         SELECT volunteer_id, 'shift', $3 * 60, id, ended_at FROM closed RETURNING 1`,
        [now, volunteerId, MAX_SHIFT_HOURS],
      )
      return rows.length
    },

    async startShift(volunteerId, station, at) {
      try {
        const [row] = await sql.query<ShiftRow>(
          `INSERT INTO volunteer_shifts (volunteer_id, station, started_at) VALUES ($1, $2, $3)
           RETURNING ${SHIFT_COLUMNS}`,
          [volunteerId, station, at],
        )
        return toShift(row)
      } catch (error) {
        if (isUniqueViolation(error)) return null
        throw error
      }
    },

    async endShift(volunteerId, at) {
      // A shift ended after its 12 hours counts 12 hours and is flagged, as the sweep would have done.
      const [row] = await sql.query<ShiftRow & { minutes: number }>(
        `WITH closed AS (
           UPDATE volunteer_shifts SET
             ended_at = GREATEST(started_at, LEAST($2::timestamptz, started_at + make_interval(hours => $3))),
             auto_closed = $2::timestamptz > started_at + make_interval(hours => $3)
           WHERE volunteer_id = $1 AND ended_at IS NULL
           RETURNING id, volunteer_id, station, started_at, ended_at, auto_closed),
         booked AS (
           INSERT INTO volunteer_hours (volunteer_id, kind, minutes, shift_id, at)
           SELECT volunteer_id, 'shift', round(extract(epoch FROM ended_at - started_at) / 60)::int, id, ended_at
           FROM closed RETURNING shift_id, minutes)
         SELECT c.id, c.station, c.started_at AS "startedAt", c.ended_at AS "endedAt",
                c.auto_closed AS "autoClosed", b.minutes
         FROM closed c JOIN booked b ON b.shift_id = c.id`,
        [volunteerId, at, MAX_SHIFT_HOURS],
      )
      return row ? { ...toShift(row), minutes: row.minutes } : null
    },

    async findOpenShift(volunteerId) {
      const [row] = await sql.query<ShiftRow & { minutesAllTime: number }>(
        `SELECT ${SHIFT_COLUMNS},
                (SELECT COALESCE(sum(minutes), 0)::int FROM volunteer_hours WHERE volunteer_id = $1) AS "minutesAllTime"
         FROM volunteer_shifts WHERE volunteer_id = $1 AND ended_at IS NULL`,
        [volunteerId],
      )
      return row ? { ...toShift(row), minutesAllTime: row.minutesAllTime } : null
    },

    async listOnShift(now) {
      const rows = await sql.query<{ volunteerId: string }>(
        `SELECT volunteer_id AS "volunteerId" FROM volunteer_shifts
         WHERE ended_at IS NULL AND started_at + make_interval(hours => $2) > $1`,
        [now, MAX_SHIFT_HOURS],
      )
      return rows.map((row) => row.volunteerId)
    },

    async listOnShiftVolunteers(now) {
      return sql.query<OnShiftVolunteer>(
        `SELECT s.volunteer_id AS "userId", COALESCE(p.name, u.name) AS name, p.team, s.station,
                (SELECT count(*)::int FROM volunteer_requests q
                 WHERE q.volunteer_id = s.volunteer_id AND q.status = 'claimed') AS serving
         FROM volunteer_shifts s JOIN users u ON u.id = s.volunteer_id
         LEFT JOIN volunteer_profiles p ON p.user_id = s.volunteer_id AND p.status = 'approved'
         WHERE s.ended_at IS NULL AND s.started_at + make_interval(hours => $2) > $1`,
        [now, MAX_SHIFT_HOURS],
      )
    },

    async createRequest(patientId, request, at) {
      try {
        const [row] = await sql.query<{ id: string }>(
          `INSERT INTO volunteer_requests (patient_id, need, from_place, to_department_id, note, people, status, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, 'waiting', $7) RETURNING id`,
          [patientId, request.need, request.from, request.toDepartmentId, request.note, request.people, at],
        )
        return row.id
      } catch (error) {
        if (isUniqueViolation(error)) return null
        throw error
      }
    },

    async findRequest(id) {
      const [row] = await helpWhere('q.id = $1', [id])
      return row ?? null
    },

    async latestRequestOf(patientId) {
      const [row] = await helpWhere('q.patient_id = $1', [patientId], 'ORDER BY q.created_at DESC, q.id DESC LIMIT 1')
      return row ?? null
    },

    async cancelRequest(id, patientId, at) {
      const [row] = await sql.query<{ volunteerId: string | null }>(
        `UPDATE volunteer_requests SET status = 'cancelled', cancelled_at = $3
         WHERE id = $1 AND patient_id = $2 AND status IN ('waiting', 'claimed')
         RETURNING volunteer_id AS "volunteerId"`,
        [id, patientId, at],
      )
      return row ?? null
    },

    async claimRequest(id, volunteerId, at, assignedBy) {
      const rows = await sql.query(
        `UPDATE volunteer_requests SET status = 'claimed', volunteer_id = $2, claimed_at = $3, assigned_by = $4
         WHERE id = $1 AND status = 'waiting' RETURNING id`,
        [id, volunteerId, at, assignedBy],
      )
      return rows.length === 1
    },

    async releaseRequest(id, volunteerId) {
      const rows = await sql.query(
        `UPDATE volunteer_requests SET status = 'waiting', volunteer_id = NULL, claimed_at = NULL, assigned_by = NULL
         WHERE id = $1 AND volunteer_id = $2 AND status = 'claimed' RETURNING id`,
        [id, volunteerId],
      )
      return rows.length === 1
    },

    async completeRequest(id, volunteerId, at) {
      const rows = await sql.query(
        `UPDATE volunteer_requests SET status = 'completed', completed_at = $3
         WHERE id = $1 AND volunteer_id = $2 AND status = 'claimed' RETURNING id`,
        [id, volunteerId, at],
      )
      return rows.length === 1
    },

    async rate(id, patientId, stars, comment, at) {
      try {
        const rows = await sql.query(
          `INSERT INTO volunteer_ratings (request_id, volunteer_id, stars, comment, created_at)
           SELECT id, volunteer_id, $3, $4, $5 FROM volunteer_requests
           WHERE id = $1 AND patient_id = $2 AND status = 'completed'
           RETURNING 1`,
          [id, patientId, stars, comment, at],
        )
        return rows.length === 1
      } catch (error) {
        if (isUniqueViolation(error)) return 'duplicate'
        throw error
      }
    },

    listWaiting: waitingList,

    async listHall(volunteerId, waitingLimit) {
      const [waiting, mine] = await Promise.all([
        waitingLimit > 0 ? waitingList(waitingLimit) : [],
        helpWhere(`q.status = 'claimed' AND q.volunteer_id = $1`, [volunteerId], 'ORDER BY q.claimed_at'),
      ])
      return { waiting, mine }
    },

    listWaitingSince: (before) =>
      helpWhere(`q.status = 'waiting' AND q.created_at < $1`, [before], 'ORDER BY q.created_at LIMIT 100'),

    listClaimedSince: (before) =>
      helpWhere(`q.status = 'claimed' AND q.claimed_at < $1`, [before], 'ORDER BY q.claimed_at LIMIT 100'),

    async listAutoClosedShifts(since) {
      const rows = await sql.query<ShiftRow & { volunteerName: string }>(
        `SELECT s.id, s.station, s.started_at AS "startedAt", s.ended_at AS "endedAt", s.auto_closed AS "autoClosed",
                COALESCE(p.name, u.name) AS "volunteerName"
         FROM volunteer_shifts s JOIN users u ON u.id = s.volunteer_id
         LEFT JOIN volunteer_profiles p ON p.user_id = s.volunteer_id AND p.status = 'approved'
         WHERE s.auto_closed AND s.ended_at >= $1 ORDER BY s.ended_at DESC LIMIT 100`,
        [since],
      )
      return rows.map((row) => ({ ...toShift(row), volunteerName: row.volunteerName }))
    },

    async volunteerExists(userId) {
      const rows = await sql.query(`SELECT 1 FROM users WHERE id = $1 AND 'volunteer' = ANY(roles)`, [userId])
      return rows.length > 0
    },
  }
}

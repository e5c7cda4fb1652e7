import {
  ERASED,
  type AreaPersonalData,
  eraseAreas,
  exportAreas,
  type PersonalDataHooks,
  type PersonalDataRepo,
} from '../../core/personal-data'
import { withdrawalOf } from '../../domain/feedback/lifecycle'
import { appendHistory, guardedUpdate } from './feedback-repo'
import type { Sql } from './sql'

const rows = (sql: Sql, text: string, userId: string) => sql.query<Record<string, unknown>>(text, [userId])

const identity: AreaPersonalData<Sql> = {
  async export(sql, userId) {
    const [user] = await rows(
      sql,
      `SELECT u.name, u.roles, d.name AS department, u.large_text AS "largeText",
              u.sensitive_text AS "sensitiveText", u.sensitive_text_at AS "sensitiveTextAt", u.created_at AS "createdAt"
       FROM users u LEFT JOIN departments d ON d.id = u.department_id WHERE u.id = $1`,
      userId,
    )
    const staffBinding = await rows(
      sql,
      `SELECT employee_no AS "employeeNo", status, requested_at AS "requestedAt", decided_at AS "decidedAt"
       FROM staff_bindings WHERE user_id = $1`,
      userId,
    )
    return { user: user ?? null, staffBinding: staffBinding[0] ?? null }
  },
  async erase(sql, userId) {
    await sql.query('DELETE FROM staff_bindings WHERE user_id = $1', [userId])
    await sql.query(
      `UPDATE users SET name = '', roles = ARRAY['patient'], department_id = NULL, large_text = false,
              sensitive_text = NULL, sensitive_text_at = NULL
       WHERE id = $1`,
      [userId],
    )
  },
}

/** Responses are stored without any link to the person who gave them: nothing to export or erase. */
const survey: AreaPersonalData<Sql> = {
  export: async () => null,
  erase: async () => undefined,
}

const volunteer: AreaPersonalData<Sql> = {
  async export(sql, userId) {
    const [profile, requests, shifts, hours, reports, certificates] = await Promise.all([
      rows(
        sql,
        `SELECT name, phone, team, skills, availability, status, reason, requested_at AS "requestedAt"
         FROM volunteer_profiles WHERE user_id = $1`,
        userId,
      ),
      rows(
        sql,
        `SELECT r.need, r.from_place AS "from", d.name AS "to", r.note, r.people, r.status,
                r.created_at AS "createdAt", g.stars, g.comment
         FROM volunteer_requests r JOIN departments d ON d.id = r.to_department_id
         LEFT JOIN volunteer_ratings g ON g.request_id = r.id
         WHERE r.patient_id = $1 ORDER BY r.created_at`,
        userId,
      ),
      rows(
        sql,
        `SELECT station, started_at AS "startedAt", ended_at AS "endedAt", auto_closed AS "autoClosed"
         FROM volunteer_shifts WHERE volunteer_id = $1 ORDER BY started_at`,
        userId,
      ),
      rows(sql, 'SELECT kind, minutes, reason, at FROM volunteer_hours WHERE volunteer_id = $1 ORDER BY id', userId),
      rows(
        sql,
        `SELECT to_char(service_date, 'YYYY-MM-DD') AS date, team, place, content, minutes, status, note,
                reported_at AS "reportedAt", decided_at AS "decidedAt"
         FROM volunteer_service_reports WHERE volunteer_id = $1 ORDER BY reported_at, service_date`,
        userId,
      ),
      rows(
        sql,
        `SELECT number, name, id_last4 AS "idLast4", to_char(period_from, 'YYYY-MM-DD') AS "periodFrom",
                to_char(period_to, 'YYYY-MM-DD') AS "periodTo", minutes, services, content, issuer,
                issued_at AS "issuedAt", status
         FROM volunteer_certificates WHERE volunteer_id = $1 ORDER BY issued_at, number`,
        userId,
      ),
    ])
    return { profile: profile[0] ?? null, requests, shifts, hours, reports, certificates }
  },
  // Shifts, the hours ledger and the reports it books stay (append-only, counted in rankings) under
  // the now nameless account. Certificates print the name: it goes, and so does their validity.
  async erase(sql, userId, at) {
    await sql.query(
      `UPDATE volunteer_certificates SET name = '', id_last4 = NULL, status = 'revoked',
              revoked_reason = COALESCE(revoked_reason, $2), revoked_at = COALESCE(revoked_at, $3)
       WHERE volunteer_id = $1`,
      [userId, ERASED.certificate, at],
    )
    // A published 优秀志愿者 list keeps its place for them, without the name.
    await sql.query(
      `UPDATE volunteer_excellent_lists SET volunteers = (
         SELECT jsonb_agg(CASE WHEN v->>'userId' = $1 THEN v || '{"name": ""}'::jsonb ELSE v END ORDER BY n)
         FROM jsonb_array_elements(volunteers) WITH ORDINALITY AS e(v, n))
       WHERE volunteers @> jsonb_build_array(jsonb_build_object('userId', $1::text))`,
      [userId],
    )
    await sql.query('DELETE FROM volunteer_profiles WHERE user_id = $1', [userId])
    await sql.query(
      `UPDATE volunteer_requests SET status = 'cancelled', cancelled_at = $2
       WHERE patient_id = $1 AND status IN ('waiting', 'claimed')`,
      [userId, at],
    )
    await sql.query(`UPDATE volunteer_requests SET note = NULL, from_place = $2 WHERE patient_id = $1`, [
      userId,
      ERASED.short,
    ])
    await sql.query(
      `UPDATE volunteer_ratings SET comment = NULL
       WHERE request_id IN (SELECT id FROM volunteer_requests WHERE patient_id = $1)`,
      [userId],
    )
  },
}

const feedback: AreaPersonalData<Sql> = {
  async export(sql, userId) {
    const items = await rows(
      sql,
      `SELECT f.kind, f.status, d.name AS department, f.staff_name AS "staffName", f.categories, f.body AS text,
              f.contact_phone AS "contactPhone", f.anonymous, f.created_at AS "createdAt",
              f.reply_text AS reply, f.upheld, f.rating, f.reopen_reason AS "reopenReason", f.closed_at AS "closedAt"
       FROM feedback_items f JOIN departments d ON d.id = f.department_id
       WHERE f.patient_id = $1 ORDER BY f.created_at`,
      userId,
    )
    return { items }
  },
  /**
   * Items stay, so complaint counts, upheld complaints and service stars do not change; what the
   * person wrote and how to reach them goes. Praise not yet reviewed will never reach the wall.
   */
  async erase(sql, userId, at) {
    const withdrawal = withdrawalOf(userId, at)
    const update = guardedUpdate(withdrawal, null, 'id')
    const pending = await sql.query<{ id: string }>(update.text, update.params)
    for (const { id } of pending) {
      await appendHistory(sql, id, { ...withdrawal.step, note: withdrawal.note }, { id: null, role: 'system' }, at)
    }
    await sql.query(
      `UPDATE feedback_items SET body = $2, contact_phone = NULL, reopen_reason = NULL, anonymous = true
       WHERE patient_id = $1`,
      [userId, ERASED.text],
    )
  },
}

const study: AreaPersonalData<Sql> = {
  async export(sql, userId) {
    const [attendance, leaves] = await Promise.all([
      rows(
        sql,
        `SELECT s.type, s.title, s.start_at AS "startAt", c.checked_in_at AS "checkedInAt", c.late, c.expected,
                c.checked_out_at AS "checkedOutAt", c.credit_hours::float AS "creditHours"
         FROM study_credits c JOIN study_sessions s ON s.id = c.session_id
         WHERE c.user_id = $1 ORDER BY c.checked_in_at`,
        userId,
      ),
      rows(
        sql,
        `SELECT s.title, s.start_at AS "startAt", l.reason, l.status, l.requested_at AS "requestedAt",
                l.decided_at AS "decidedAt"
         FROM study_leaves l JOIN study_sessions s ON s.id = l.session_id
         WHERE l.user_id = $1 ORDER BY l.requested_at`,
        userId,
      ),
    ])
    return { attendance, leaves }
  },
  // Check-ins stay under the nameless account, with the department they were made in, so session
  // and department attendance keep adding up; decided leave keeps its status for the same reason.
  async erase(sql, userId) {
    await sql.query(`DELETE FROM study_leaves WHERE user_id = $1 AND status = 'pending'`, [userId])
    await sql.query('UPDATE study_leaves SET reason = $2 WHERE user_id = $1', [userId, ERASED.short])
  },
}

// Which staff surveys the person answered: the has-answered marks, never the anonymous answers. The
// marks stay on erasure, so the nameless account still cannot answer a campaign twice.
const staffSurvey: AreaPersonalData<Sql> = {
  async export(sql, userId) {
    const answered = await rows(
      sql,
      `SELECT c.title, to_char(c.opens_on, 'YYYY-MM-DD') AS "opensOn"
       FROM staff_survey_answered a JOIN staff_survey_campaigns c ON c.id = a.campaign_id
       WHERE a.user_id = $1 ORDER BY c.opens_on, c.title`,
      userId,
    )
    return { answered }
  },
  async erase() {},
}

/** Every cloud function's hook. */
/**
 * The lexicon names nobody (who changed a phrase is in the audit log). Tags quote the text they tag, so
 * the tags of an erased person's complaints and praise go with their words.
 */
const voice: AreaPersonalData<Sql> = {
  export: async () => null,
  async erase(sql, userId) {
    await sql.query(
      `DELETE FROM voice_tags WHERE source IN ('complaint', 'praise')
       AND source_id IN (SELECT id::text FROM feedback_items WHERE patient_id = $1)`,
      [userId],
    )
  },
}

/** Every cloud function's hook. */
export const PERSONAL_DATA: PersonalDataHooks<Sql> = {
  identity,
  survey,
  volunteer,
  feedback,
  study,
  staffSurvey,
  voice,
}

/**
 * Stored results, queued messages and rate counters name the user too. The deletion's own key is
 * still pending here and stays, so a retried deletion answers like the first; counters of windows
 * still running stay, so erasing oneself does not reset a rate limit.
 */
async function erasePlatform(sql: Sql, userId: string, at: Date) {
  await sql.query(`DELETE FROM idempotency WHERE user_id = $1 AND state = 'done'`, [userId])
  await sql.query('DELETE FROM outbox WHERE user_id = $1', [userId])
  await sql.query(
    `DELETE FROM rate_hits USING users u
     WHERE u.id = $1 AND right(rate_hits.key, length(u.openid) + 1) = ':' || u.openid
       AND rate_hits.window_start < $2::timestamptz - interval '1 day'`,
    [userId, at],
  )
}

export function createPersonalDataRepo(sql: Sql): PersonalDataRepo {
  return {
    exportUser: (userId) => exportAreas(PERSONAL_DATA, sql, userId),
    eraseUser: (userId, at) => sql.transaction((tx) => eraseAreas(PERSONAL_DATA, erasePlatform, tx, userId, at)),
  }
}

import type { FunctionName } from '../../../contract'
import type { PersonalDataRepo } from '../../core/personal-data'
import type { Sql } from './sql'

/** One area's share of a person's data, in SQL. */
export interface AreaPersonalData {
  export(sql: Sql, userId: string): Promise<unknown>
  erase(sql: Sql, userId: string, at: Date): Promise<void>
}

const rows = (sql: Sql, text: string, userId: string) => sql.query<Record<string, unknown>>(text, [userId])

const identity: AreaPersonalData = {
  async export(sql, userId) {
    const [user] = await rows(
      sql,
      `SELECT u.name, u.roles, d.name AS department, u.large_text AS "largeText", u.created_at AS "createdAt"
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
      `UPDATE users SET name = '', roles = ARRAY['patient'], department_id = NULL, large_text = false WHERE id = $1`,
      [userId],
    )
  },
}

/** Responses are stored without any link to the person who gave them: nothing to export or erase. */
const survey: AreaPersonalData = {
  export: async () => null,
  erase: async () => undefined,
}

const volunteer: AreaPersonalData = {
  async export(sql, userId) {
    const [profile, requests, shifts, hours] = await Promise.all([
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
    ])
    return { profile: profile[0] ?? null, requests, shifts, hours }
  },
  // Shifts and the hours ledger stay (append-only, counted in rankings) under the now nameless account.
  async erase(sql, userId, at) {
    await sql.query('DELETE FROM volunteer_profiles WHERE user_id = $1', [userId])
    await sql.query(
      `UPDATE volunteer_requests SET status = 'cancelled', cancelled_at = $2
       WHERE patient_id = $1 AND status IN ('waiting', 'claimed')`,
      [userId, at],
    )
    await sql.query(`UPDATE volunteer_requests SET note = NULL, from_place = '已删除' WHERE patient_id = $1`, [userId])
    await sql.query(
      `UPDATE volunteer_ratings SET comment = NULL
       WHERE request_id IN (SELECT id FROM volunteer_requests WHERE patient_id = $1)`,
      [userId],
    )
  },
}

/** Every cloud function's hook. */
export const PERSONAL_DATA: Record<FunctionName, AreaPersonalData> = { identity, survey, volunteer }

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
    async exportUser(userId) {
      const areas = Object.entries(PERSONAL_DATA) as [FunctionName, AreaPersonalData][]
      return Object.fromEntries(
        await Promise.all(areas.map(async ([name, area]) => [name, await area.export(sql, userId)] as const)),
      )
    },
    async eraseUser(userId, at) {
      // Identity goes last: the other areas find the user's rows through the account.
      const { identity: account, ...areas } = PERSONAL_DATA
      await sql.transaction(async (tx) => {
        for (const area of Object.values(areas)) await area.erase(tx, userId, at)
        await erasePlatform(tx, userId, at)
        await account.erase(tx, userId, at)
      })
    },
  }
}

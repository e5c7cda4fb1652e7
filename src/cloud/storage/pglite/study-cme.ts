import type { CmeRequirement } from '../../../contract'
import type { CmeRow, StaffPlace, StudyRepo } from '../../domain/study/repo'
import { iso, type Sql } from './sql'

type CmeMethods = Pick<StudyRepo, 'cmeRequirement' | 'setCmeRequirement' | 'cmeRows' | 'staffPlaces'>

/** 继续医学教育: the yearly requirement, and the check-ins its credits follow from. */
export function createStudyCme(sql: Sql): CmeMethods {
  return {
    async cmeRequirement(year) {
      const [row] = await sql.query<CmeRequirement>(
        `SELECT year, total::float8 AS total, class2_min::float8 AS "class2Min", class2_max::float8 AS "class2Max"
         FROM study_cme_requirements WHERE year = $1`,
        [year],
      )
      return row ?? null
    },

    async setCmeRequirement(requirement, setBy, at) {
      await sql.query(
        `INSERT INTO study_cme_requirements (year, total, class2_min, class2_max, set_by, set_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (year) DO UPDATE SET total = $2, class2_min = $3, class2_max = $4, set_by = $5, set_at = $6`,
        [requirement.year, requirement.total, requirement.class2Min, requirement.class2Max, setBy, at],
      )
    },

    async cmeRows(range, departmentId) {
      const rows = await sql.query<
        Omit<CmeRow, 'startAt' | 'endAt' | 'checkedInAt' | 'checkedOutAt'> & {
          startAt: Date
          endAt: Date
          checkedInAt: Date
          checkedOutAt: Date | null
        }
      >(
        `SELECT u.id AS "userId", u.name, b.employee_no AS "employeeNo", a.department_id AS "departmentId",
                COALESCE(d.name, '未分配科室') AS "departmentName", s.id AS "sessionId", s.title,
                s.start_at AS "startAt", s.end_at AS "endAt", s.cme_credits::float8 AS "cmeCredits",
                s.require_check_out AS "requireCheckOut", a.checked_in_at AS "checkedInAt",
                a.checked_out_at AS "checkedOutAt"
         FROM study_attendance a
         JOIN study_sessions s ON s.id = a.session_id
         JOIN users u ON u.id = a.user_id
         LEFT JOIN staff_bindings b ON b.user_id = u.id AND b.status = 'approved'
         LEFT JOIN departments d ON d.id = a.department_id
         WHERE s.status = 'scheduled' AND s.cme_credits > 0 AND s.start_at >= $1 AND s.start_at < $2
           AND ($3::uuid IS NULL OR a.department_id = $3)
         ORDER BY d.sort NULLS LAST, u.name, s.start_at`,
        [range.from, range.to, departmentId],
      )
      return rows.map((row) => ({
        ...row,
        startAt: iso(row.startAt) ?? '',
        endAt: iso(row.endAt) ?? '',
        checkedInAt: iso(row.checkedInAt) ?? '',
        checkedOutAt: iso(row.checkedOutAt),
      }))
    },

    async staffPlaces(departmentId) {
      return sql.query<StaffPlace>(
        `SELECT p.user_id AS "userId", p.department_id AS "departmentId", COALESCE(d.name, '未分配科室') AS "departmentName"
         FROM study_staff p LEFT JOIN departments d ON d.id = p.department_id
         WHERE $1::uuid IS NULL OR p.department_id = $1
         ORDER BY d.sort NULLS LAST`,
        [departmentId],
      )
    },
  }
}

import type { Certificate } from '../../../contract'
import type { ServiceSummary, VolunteerCertificateMethods } from '../../domain/volunteer/repo'
import { iso, type Sql } from './sql'

type CertificateRow = Omit<Certificate, 'issuedAt'> & { issuedAt: Date }

const CERTIFICATE_COLUMNS = `number, name, id_last4 AS "idLast4", to_char(period_from, 'YYYY-MM-DD') AS "periodFrom",
  to_char(period_to, 'YYYY-MM-DD') AS "periodTo", minutes, services, content, issuer, issued_at AS "issuedAt", status`

const toCertificate = (row: CertificateRow): Certificate => ({ ...row, issuedAt: iso(row.issuedAt) ?? '' })

/** The key that makes a period's certificate one: all service to date has no start. */
export const periodKey = (from: string | null, to: string) => `${from ?? 'all'}~${to}`

/** Certificates and the service summary they print. */
export function createVolunteerCertificates(sql: Sql): VolunteerCertificateMethods {
  return {
    summarizeServices(volunteerId, range) {
      return sql.query<ServiceSummary>(
        `SELECT kind, count(*)::int AS count, COALESCE(sum(minutes), 0)::int AS minutes FROM (
           SELECT 'request' AS kind,
                  GREATEST(0, round(extract(epoch FROM completed_at - claimed_at) / 60))::int AS minutes
           FROM volunteer_requests
           WHERE volunteer_id = $1 AND status = 'completed' AND completed_at >= $2 AND completed_at < $3
           UNION ALL
           SELECT kind, minutes FROM volunteer_hours WHERE volunteer_id = $1 AND at >= $2 AND at < $3) s
         GROUP BY kind`,
        [volunteerId, range.from, range.to],
      )
    },

    async issueCertificate(c) {
      const key = periodKey(c.periodFrom, c.periodTo)
      await sql.query(
        `INSERT INTO volunteer_certificates (number, volunteer_id, period_key, name, id_last4, period_from, period_to,
           minutes, services, content, issuer, issued_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (volunteer_id, period_key) DO NOTHING`,
        [
          c.number,
          c.volunteerId,
          key,
          c.name,
          c.idLast4,
          c.periodFrom,
          c.periodTo,
          c.minutes,
          c.services,
          c.content,
          c.issuer,
          c.issuedAt,
        ],
      )
      const [row] = await sql.query<CertificateRow>(
        `SELECT ${CERTIFICATE_COLUMNS} FROM volunteer_certificates WHERE volunteer_id = $1 AND period_key = $2`,
        [c.volunteerId, key],
      )
      return toCertificate(row)
    },

    async findCertificate(number) {
      const [row] = await sql.query<CertificateRow>(
        `SELECT ${CERTIFICATE_COLUMNS} FROM volunteer_certificates WHERE number = $1`,
        [number],
      )
      return row ? toCertificate(row) : null
    },

    async revokeCertificates(volunteerId, reason, at) {
      const rows = await sql.query(
        `UPDATE volunteer_certificates SET status = 'revoked', revoked_reason = $2, revoked_at = $3
         WHERE volunteer_id = $1 AND status = 'valid' RETURNING 1`,
        [volunteerId, reason, at],
      )
      return rows.length
    },
  }
}

import type { Certificate, ServiceKind } from '../../../contract'
import type { ServiceSummary, VolunteerCertificateMethods } from '../../domain/volunteer/repo'
import { addOnce, readAll, type CloudDb } from './db'
import { C } from './schema'
import type { CertificateDoc, CertificatePeriodDoc, HoursDoc, RequestDoc } from './volunteer-repo-docs'
import { MINUTE_MS } from '../../../contract/month'

class PeriodTaken extends Error {}

const toCertificate = ({
  _id,
  volunteerId: _v,
  revokedReason: _r,
  revokedAt: _a,
  ...doc
}: CertificateDoc): Certificate => ({
  number: _id,
  ...doc,
})

/** Certificates and the service summary they print. */
export function createVolunteerCertificates(db: CloudDb): VolunteerCertificateMethods {
  const _ = db.command
  const certificates = () => db.collection<CertificateDoc>(C.certificates)

  return {
    async summarizeServices(volunteerId, range) {
      const within = _.gte(range.from.toISOString()).and(_.lt(range.to.toISOString()))
      const [served, hours] = await Promise.all([
        readAll(
          db.collection<RequestDoc>(C.helpRequests).where({ volunteerId, status: 'completed', completedAt: within }),
        ),
        readAll(db.collection<HoursDoc>(C.hours).where({ volunteerId, at: within })),
      ])
      const lines = new Map<ServiceKind, ServiceSummary>()
      const add = (kind: ServiceKind, minutes: number) => {
        const line = lines.get(kind) ?? { kind, count: 0, minutes: 0 }
        lines.set(kind, { kind, count: line.count + 1, minutes: line.minutes + minutes })
      }
      for (const r of served) {
        const minutes =
          r.claimedAt && r.completedAt ? (Date.parse(r.completedAt) - Date.parse(r.claimedAt)) / MINUTE_MS : 0
        add('request', Math.max(0, Math.round(minutes)))
      }
      for (const h of hours) add(h.kind, h.minutes)
      return [...lines.values()]
    },

    async issueCertificate({ number, ...c }) {
      const periodId = `${c.volunteerId}#${c.periodFrom ?? 'all'}~${c.periodTo}`
      try {
        await db.runTransaction(async (tx) => {
          if (!(await addOnce(tx.collection<CertificatePeriodDoc>(C.certificatePeriods), { _id: periodId, number }))) {
            throw new PeriodTaken()
          }
          await tx.collection<CertificateDoc>(C.certificates).add({
            data: { _id: number, ...c, status: 'valid', revokedReason: null, revokedAt: null },
          })
        })
      } catch (error) {
        if (!(error instanceof PeriodTaken)) throw error
      }
      const { data: period } = await db.collection<CertificatePeriodDoc>(C.certificatePeriods).doc(periodId).get()
      const { data } = await certificates()
        .doc(period?.number ?? number)
        .get()
      if (!data) throw new Error('certificate missing for its period')
      return toCertificate(data)
    },

    async findCertificate(number) {
      const { data } = await certificates().doc(number).get()
      return data ? toCertificate(data) : null
    },

    async revokeCertificates(volunteerId, reason, at) {
      const { stats } = await certificates()
        .where({ volunteerId, status: 'valid' })
        .update({ data: { status: 'revoked', revokedReason: reason, revokedAt: at.toISOString() } })
      return stats.updated
    },
  }
}

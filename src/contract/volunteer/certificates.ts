import { z } from 'zod'
import { idSchema } from '../common'

/** Who issues the 志愿服务证明. */
export const CERTIFICATE_ISSUER = '仁心医院志愿服务队'

/** A certificate for one calendar year, or for all service to date when `year` is left out. */
export const certificateInput = z
  .object({ year: z.number().int('年份有误').min(2020, '年份有误').max(2100, '年份有误').optional() })
  .default({})
export const verifyCertificateInput = z.object({
  number: z.string().trim().min(1, '请输入证明编号').max(64, '证明编号有误'),
})
export const revokeCertificatesInput = z.object({
  userId: idSchema,
  reason: z.string().trim().min(2, '请写明撤销原因').max(200, '原因过长'),
})

export type CertificateStatus = 'valid' | 'revoked'

/** 志愿服务证明, kept as issued. */
export interface Certificate {
  number: string
  name: string
  /** The last 4 characters of the ID number, only when one was recorded. */
  idLast4: string | null
  /** YYYY-MM-DD; null for all service to date. */
  periodFrom: string | null
  periodTo: string
  minutes: number
  services: number
  content: string
  issuer: string
  issuedAt: string
  status: CertificateStatus
}

/** What anyone may learn from a certificate number: no name, no other personal data. */
export type CertificateCheck =
  | { valid: false; status: 'invalid' }
  | ({ valid: boolean; status: CertificateStatus } & Pick<
      Certificate,
      'periodFrom' | 'periodTo' | 'minutes' | 'issuer' | 'issuedAt'
    >)

import { randomBytes } from 'node:crypto'
import type { z } from 'zod'
import {
  CERTIFICATE_ISSUER,
  SERVICE_KIND_LABELS,
  type Certificate,
  type CertificateCheck,
  type certificateInput,
  type revokeCertificatesInput,
  type verifyCertificateInput,
} from '../../../contract'
import { CHINA_OFFSET_MS, chinaDay, chinaYear, DAY_MS } from '../../../contract/month'
import { invalid, notFound } from '../../core/app-error'
import type { Ctx, SystemCtx } from '../../core/context'
import { audit } from '../../core/effects'
import { closeOwnOverdueShift } from './milestones'
import { yearRange } from './records'
import type { ServiceSummary, TimeRange } from './repo'

const BASE32 = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** 16 characters of 32 symbols (80 bits): not guessable, and no 0/O or 1/I to misread on paper. */
function certificateNumber(year: number | undefined): string {
  const bytes = randomBytes(16)
  const code = Array.from(bytes, (byte) => BASE32[byte % BASE32.length]).join('')
  return `ZYFW-${year ?? 'ALL'}-${code}`
}

/** 院内值班 12 次、导诊服务 30 次、院外服务 2 次: what the hours were spent on. */
function summarize(summary: ServiceSummary[]): string {
  const order = Object.keys(SERVICE_KIND_LABELS)
  return [...summary]
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))
    .filter((line) => line.count > 0 && line.kind !== 'adjustment')
    .map((line) => `${SERVICE_KIND_LABELS[line.kind]} ${line.count} 次`)
    .join('、')
}

/** The period a certificate covers: a year (to today while it runs), or everything to today. */
function periodOf(year: number | undefined, now: Date): { from: string | null; to: string; range: TimeRange } {
  const today = chinaDay(now)
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + DAY_MS - CHINA_OFFSET_MS)
  if (year === undefined) return { from: null, to: today, range: { from: new Date(0), to: tomorrow } }
  const whole = yearRange(year)
  const to = `${year}-12-31` < today ? `${year}-12-31` : today
  return { from: `${year}-01-01`, to, range: { from: whole.from, to: whole.to < tomorrow ? whole.to : tomorrow } }
}

export async function certificate(ctx: Ctx, input: z.output<typeof certificateInput>): Promise<Certificate> {
  if (input.year !== undefined && input.year > chinaYear(ctx.now)) {
    throw invalid('不能为将来的年份出具证明', [{ path: 'year', message: '年份不能晚于今年' }])
  }
  const repo = ctx.repos.volunteer
  await closeOwnOverdueShift(ctx, ctx.caller.userId)
  const period = periodOf(input.year, ctx.now)
  const [totals, summary, profile] = await Promise.all([
    repo.totals(ctx.caller.userId, period.range),
    repo.summarizeServices(ctx.caller.userId, period.range),
    repo.findProfile(ctx.caller.userId),
  ])
  if (totals.minutesInRange <= 0) throw notFound('这一期间还没有计入的服务时长，暂不能出具证明')
  return repo.issueCertificate({
    number: certificateNumber(input.year),
    volunteerId: ctx.caller.userId,
    name: profile?.status === 'approved' ? profile.name : ctx.caller.name,
    // Registration does not ask for an ID number, so none is printed.
    idLast4: null,
    periodFrom: period.from,
    periodTo: period.to,
    minutes: totals.minutesInRange,
    services: summary.filter((line) => line.kind !== 'adjustment').reduce((n, line) => n + line.count, 0),
    content: summarize(summary) || '志愿服务',
    issuer: CERTIFICATE_ISSUER,
    issuedAt: ctx.now.toISOString(),
  })
}

/** Anyone, signed in or not: the hours, period and issuer of a real number; nothing about the person. */
export async function verifyCertificate(
  ctx: SystemCtx,
  input: z.output<typeof verifyCertificateInput>,
): Promise<CertificateCheck> {
  const found = await ctx.repos.volunteer.findCertificate(input.number.toUpperCase())
  if (!found) return { valid: false, status: 'invalid' }
  const { status, periodFrom, periodTo, minutes, issuer, issuedAt } = found
  return { valid: status === 'valid', status, periodFrom, periodTo, minutes, issuer, issuedAt }
}

/** An administrator withdraws a volunteer's certificates, e.g. when their volunteer status is revoked. */
export async function revokeCertificates(ctx: Ctx, input: z.output<typeof revokeCertificatesInput>) {
  const revoked = await ctx.repos.volunteer.revokeCertificates(input.userId, input.reason, ctx.now)
  await audit(ctx, `user:${input.userId}`, { revoked, reason: input.reason })
  return { revoked }
}

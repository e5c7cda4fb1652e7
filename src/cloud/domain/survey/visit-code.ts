import { sign, verifySignature } from '../../core/hmac'
import { DAY_MS } from '../../../contract/month'

export const CODE_VALID_DAYS = 30

export type CodeCheck = { ok: true; visitId: string; expiresAt: Date } | { ok: false; reason: 'invalid' | 'expired' }

const payloadOf = (visitId: string, issued: string) => `survey-visit:${visitId}:${issued}`
const expiryOf = (issued: string) => new Date(parseInt(issued, 36) * 1000 + CODE_VALID_DAYS * DAY_MS)

/** `<visitId>.<issued, base-36 seconds>.<HMAC>`: short enough for a receipt QR, unforgeable without the key. */
export function issueVisitCode(secret: string, visitId: string, at: Date): { code: string; expiresAt: Date } {
  const issued = Math.floor(at.getTime() / 1000).toString(36)
  return {
    code: `${visitId}.${issued}.${sign(secret, payloadOf(visitId, issued))}`,
    expiresAt: expiryOf(issued),
  }
}

/** Also accepts a scanned link that carries the code as `?code=`. */
export function extractCode(scanned: string): string {
  const match = /[?&]code=([^&#]+)/.exec(scanned)
  return match ? decodeURIComponent(match[1]) : scanned.trim()
}

export function checkVisitCode(secret: string, code: string, now: Date): CodeCheck {
  const parts = extractCode(code).split('.')
  if (parts.length !== 3) return { ok: false, reason: 'invalid' }
  const [visitId, issued, signature] = parts
  if (!/^[a-z0-9]{1,12}$/.test(issued) || !verifySignature(secret, payloadOf(visitId, issued), signature)) {
    return { ok: false, reason: 'invalid' }
  }
  const expiresAt = expiryOf(issued)
  if (now.getTime() > expiresAt.getTime()) return { ok: false, reason: 'expired' }
  return { ok: true, visitId, expiresAt }
}

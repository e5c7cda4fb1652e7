import { CHECK_IN_CLOSES_AFTER_MINUTES, CHECK_IN_OPENS_BEFORE_MINUTES, QR_SLOT_SECONDS } from '../../../contract'
import { sign, verifySignature } from '../../core/hmac'
import type { TimeRange } from './repo'
import { MINUTE_MS } from '../../../contract/month'

const SLOT_MS = QR_SLOT_SECONDS * 1000
const PREFIX = 'RXSTUDY'
const SHORT_CODE_SPACE = 1_000_000

export const slotOf = (at: Date) => Math.floor(at.getTime() / SLOT_MS)
export const slotEnd = (slot: number) => new Date((slot + 1) * SLOT_MS)

const payloadMac = (secret: string, sessionId: string, slot: number) => sign(secret, `study-qr:${sessionId}:${slot}`)

/** `RXSTUDY.<sessionId>.<slot, base 36>.<HMAC>`: a screenshot is worthless one slot later. */
export function issuePayload(secret: string, sessionId: string, slot: number): string {
  return `${PREFIX}.${sessionId}.${slot.toString(36)}.${payloadMac(secret, sessionId, slot)}`
}

/** `null` for anything not signed with our key. */
export function readPayload(secret: string, payload: string): { sessionId: string; slot: number } | null {
  const parts = payload.trim().split('.')
  if (parts.length !== 4 || parts[0] !== PREFIX || !/^[0-9a-z]{1,12}$/.test(parts[2])) return null
  const [, sessionId, slotText, mac] = parts
  const slot = parseInt(slotText, 36)
  return verifySignature(secret, `study-qr:${sessionId}:${slot}`, mac) ? { sessionId, slot } : null
}

function candidateCode(secret: string, sessionId: string, slot: number, attempt: number): string {
  const digest = Buffer.from(sign(secret, `study-code:${sessionId}:${slot}:${attempt}`), 'base64url')
  return String(digest.readUInt32BE(0) % SHORT_CODE_SPACE).padStart(6, '0')
}

/** Sessions whose check-in window overlaps the slot: the ones that may hold a short code in it. */
export function shortCodeCandidates(slot: number): TimeRange {
  const start = slot * SLOT_MS
  return {
    from: new Date(start - CHECK_IN_CLOSES_AFTER_MINUTES * MINUTE_MS - SLOT_MS),
    to: new Date(start + SLOT_MS + CHECK_IN_OPENS_BEFORE_MINUTES * MINUTE_MS),
  }
}

/**
 * The 6-digit codes of a slot, code -> session. Sessions take codes in id order and a session whose
 * code is taken draws again, so the same candidates always give the same, collision-free codes.
 */
export function assignShortCodes(secret: string, sessionIds: string[], slot: number): Map<string, string> {
  const codes = new Map<string, string>()
  for (const sessionId of [...sessionIds].sort()) {
    let attempt = 0
    let code = candidateCode(secret, sessionId, slot, attempt)
    while (codes.has(code)) code = candidateCode(secret, sessionId, slot, ++attempt)
    codes.set(code, sessionId)
  }
  return codes
}

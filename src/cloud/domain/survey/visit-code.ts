import { randomInt, timingSafeEqual } from 'node:crypto'
import { sign, verifySignature } from '../../core/hmac'
import { DAY_MS } from '../../../contract/month'

export const CODE_VALID_DAYS = 30

/** No 0/1/I/L/O: a patient copying from a receipt cannot confuse two characters. */
export const SHORT_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const SHORT_CODE_LENGTH = 8
/** WeChat's `wxacode.getUnlimited` carries at most 32 visible characters of `scene`. */
const SCENE_SIGNATURE_LENGTH = 20

/**
 * What a patient handed in, once read: a long signed code, a scene from a mini-program code, a short
 * code typed from a slip, or nothing usable.
 */
export type ReadCode =
  | { form: 'long'; visitId: string; expiresAt: Date }
  | { form: 'short'; shortCode: string }
  | { form: 'invalid' }
  | { form: 'expired' }

/** 31^8 ≈ 8.5 × 10^11 codes: a guess lands on a live one about once in a million at 300,000 live visits. */
export function newShortCode(): string {
  return Array.from(
    { length: SHORT_CODE_LENGTH },
    () => SHORT_CODE_ALPHABET[randomInt(SHORT_CODE_ALPHABET.length)],
  ).join('')
}

const payloadOf = (visitId: string, issued: string) => `survey-visit:${visitId}:${issued}`
const expiryOf = (issued: string) => new Date(parseInt(issued, 36) * 1000 + CODE_VALID_DAYS * DAY_MS)

/** The day after which a slip's short code and scene stop working: thirty days after the visit. */
export const shortCodeExpiry = (visitDate: string) =>
  new Date(Date.parse(`${visitDate}T16:00:00Z`) + CODE_VALID_DAYS * DAY_MS)

/** `<visitId>.<issued, base-36 seconds>.<HMAC>`: for links, unforgeable without the key. */
export function issueVisitCode(secret: string, visitId: string, at: Date): { code: string; expiresAt: Date } {
  const issued = Math.floor(at.getTime() / 1000).toString(36)
  return {
    code: `${visitId}.${issued}.${sign(secret, payloadOf(visitId, issued))}`,
    expiresAt: expiryOf(issued),
  }
}

const sceneSignature = (secret: string, shortCode: string) =>
  sign(secret, `survey-scene:${shortCode}`)
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, SCENE_SIGNATURE_LENGTH)

/** The short code and a signature, letters and digits only: 28 characters, within `scene`'s 32. */
export const sceneOf = (secret: string, shortCode: string) => `${shortCode}${sceneSignature(secret, shortCode)}`

/** Case, spaces and hyphens do not matter to a person copying eight characters. */
export function normalizeShortCode(typed: string): string | null {
  const code = typed.replace(/[\s-]/g, '').toUpperCase()
  const pattern = new RegExp(`^[${SHORT_CODE_ALPHABET}]{${SHORT_CODE_LENGTH}}$`)
  return pattern.test(code) ? code : null
}

/** `decodeURIComponent` that answers `null` on a broken escape instead of throwing. */
function decoded(text: string): string | null {
  try {
    return decodeURIComponent(text)
  } catch {
    return null
  }
}

/**
 * The code inside whatever was scanned or pasted: a link or page path with `code=` or `scene=`
 * (WeChat hands `scene` over percent-encoded), or the bare text.
 */
export function extractCode(scanned: string): { kind: 'code' | 'scene'; value: string } | null {
  const match = /[?&](code|scene)=([^&#]*)/.exec(scanned)
  if (!match) return { kind: 'code', value: scanned.trim() }
  const value = decoded(match[2])
  return value === null ? null : { kind: match[1] as 'code' | 'scene', value: value.trim() }
}

function readScene(secret: string, scene: string): ReadCode {
  const shortCode = scene.slice(0, SHORT_CODE_LENGTH)
  const signature = scene.slice(SHORT_CODE_LENGTH)
  const expected = Buffer.from(sceneSignature(secret, shortCode))
  const given = Buffer.from(signature)
  const signed = expected.length === given.length && timingSafeEqual(expected, given)
  return signed && normalizeShortCode(shortCode) === shortCode ? { form: 'short', shortCode } : { form: 'invalid' }
}

function readLongCode(secret: string, code: string, now: Date): ReadCode {
  const parts = code.split('.')
  if (parts.length !== 3) return { form: 'invalid' }
  const [visitId, issued, signature] = parts
  if (!/^[a-z0-9]{1,12}$/.test(issued) || !verifySignature(secret, payloadOf(visitId, issued), signature)) {
    return { form: 'invalid' }
  }
  const expiresAt = expiryOf(issued)
  return now.getTime() > expiresAt.getTime() ? { form: 'expired' } : { form: 'long', visitId, expiresAt }
}

/** Reads any of the three forms; the short form still has to be found, and its visit's date checked. */
export function readVisitCode(secret: string, input: string, now: Date): ReadCode {
  const extracted = extractCode(input)
  if (!extracted || extracted.value === '') return { form: 'invalid' }
  if (extracted.kind === 'scene') return readScene(secret, extracted.value)
  if (extracted.value.includes('.')) return readLongCode(secret, extracted.value, now)
  const shortCode = normalizeShortCode(extracted.value)
  if (shortCode) return { form: 'short', shortCode }
  return /^[A-Za-z0-9]{28}$/.test(extracted.value) ? readScene(secret, extracted.value) : { form: 'invalid' }
}

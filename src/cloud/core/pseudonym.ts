import { createHmac } from 'node:crypto'

/**
 * Keyed hashes that stand in for a caller where a row must not name them. Without the key, which
 * never enters the database, nobody reading the rows can turn one back into a person or tell that
 * two of them belong to the same one.
 */
export function pseudonym(secret: string, subject: string): string {
  return createHmac('sha256', secret).update(`anonymous:${subject}`).digest('base64url').slice(0, 32)
}

/** The same, shaped as a UUID for columns that hold a user id. */
export function pseudonymousId(secret: string, subject: string): string {
  const hex = createHmac('sha256', secret).update(`anonymous-id:${subject}`).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}

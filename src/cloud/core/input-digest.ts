import { createHmac } from 'node:crypto'

/** Plain objects with their keys sorted, at every depth: the same input always reads the same. */
function sortKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return Object.fromEntries(entries)
}

/** JSON whose text does not depend on the order the keys were written in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, sortKeys) ?? 'null'
}

/**
 * What binds a request id to its input. Keyed, because an anonymous write's input (a survey's
 * answers) is hashed too: without the key, nobody can test a stored answer against the record.
 */
export function inputDigest(secret: string, input: unknown): string {
  return createHmac('sha256', secret)
    .update(`input:${canonicalJson(input)}`)
    .digest('base64url')
    .slice(0, 32)
}

import { PRESENCE_FIELDS, type FieldError, type PersonLocation } from '../../contract'
import type { PresenceReader } from '../../services/presence/reader'

export type CheckInCode = { payload: string } | { shortCode: string }
export interface PresenceSent {
  location?: PersonLocation
  bssid?: string
}

/** The proof fields a refusal names: a session asking for presence says which it needs. */
export const proofAsked = (fields: FieldError[]) => ({
  location: fields.some((f) => f.path === PRESENCE_FIELDS.location),
  wifi: fields.some((f) => f.path === PRESENCE_FIELDS.wifi),
})

/**
 * Reads what the refusal asked for, only then (no location is read for a session that asks none).
 * `null` when the device cannot give one of them: the refusal's own message then tells the person
 * to ask the organizer.
 */
export async function readProof(fields: FieldError[], reader: PresenceReader): Promise<PresenceSent | null> {
  const asked = proofAsked(fields)
  if (!asked.location && !asked.wifi) return null
  const proof: PresenceSent = {}
  if (asked.location) {
    const location = await reader.location()
    if (!location) return null
    proof.location = location
  }
  if (asked.wifi) {
    const bssid = await reader.wifiBssid()
    if (!bssid) return null
    proof.bssid = bssid
  }
  return proof
}

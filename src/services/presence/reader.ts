import type { PersonLocation } from '../../contract'

/**
 * What the device can tell about where it is, read only when a check-in asks for it. `null` where
 * the platform gives no answer (H5 without geolocation, permission denied, Wi-Fi off): the person
 * then asks the organizer to confirm them.
 */
export interface PresenceReader {
  location(): Promise<PersonLocation | null>
  wifiBssid(): Promise<string | null>
}

/** Where nothing can be read (tests, a platform without the APIs). */
export const noPresence: PresenceReader = { location: async () => null, wifiBssid: async () => null }

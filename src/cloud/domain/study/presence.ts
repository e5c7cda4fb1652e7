import {
  PRESENCE_FIELDS,
  type Fence,
  type PersonLocation,
  type PresenceProof,
  type SessionView,
} from '../../../contract'
import { AppError } from '../../core/app-error'

/**
 * Check-in that proves presence. A session may ask for a location inside its fence, a Wi-Fi from
 * its list, or both; every proof it asks for must hold. The coordinates and the BSSID are checked
 * here and dropped: the attendance keeps only the outcome (`verified`).
 */

const EARTH_RADIUS_METERS = 6_371_008.8
const radians = (degrees: number) => (degrees * Math.PI) / 180

/** Great-circle distance in metres (haversine): plenty for a fence of 50–500 m. */
export function distanceMeters(a: { latitude: number; longitude: number }, b: typeof a): number {
  const dLat = radians(b.latitude - a.latitude)
  const dLon = radians(b.longitude - a.longitude)
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)))
}

const ASK_ORGANIZER = '如您确在现场，请当面请组织者在签到页为您确认'

const refuse = (field: string, message: string) => new AppError('FORBIDDEN', message, [{ path: field, message }])

function checkFence(fence: Fence, location: PersonLocation | undefined): void {
  const field = PRESENCE_FIELDS.location
  if (!location) throw refuse(field, `本次签到需要确认您在现场，请允许获取位置后重试；${ASK_ORGANIZER}`)
  // A fix vaguer than the fence itself cannot tell inside from outside.
  if (location.accuracy !== undefined && location.accuracy > fence.radiusMeters) {
    throw refuse(field, `定位精度不足（约${Math.round(location.accuracy)}米），请到开阔处重试；${ASK_ORGANIZER}`)
  }
  const distance = distanceMeters(fence, location)
  if (distance > fence.radiusMeters) {
    throw refuse(
      field,
      `您不在签到地点附近（约${Math.round(distance)}米外，范围${fence.radiusMeters}米），不能签到；${ASK_ORGANIZER}`,
    )
  }
}

function checkWifi(listed: string[], bssid: string | undefined): void {
  const field = PRESENCE_FIELDS.wifi
  if (!bssid) throw refuse(field, `本次签到需要连接会场 Wi-Fi，请连接后重试；${ASK_ORGANIZER}`)
  if (!listed.includes(bssid))
    throw refuse(field, `当前 Wi-Fi 不是会场 Wi-Fi，请连接会场 Wi-Fi 后重试；${ASK_ORGANIZER}`)
}

/** What the check-in proves, or a FORBIDDEN naming the field (`location` / `bssid`) that failed. */
export function provePresence(
  session: Pick<SessionView, 'fence' | 'wifiBssids'>,
  sent: { location?: PersonLocation; bssid?: string },
): PresenceProof {
  const asksWifi = session.wifiBssids.length > 0
  if (!session.fence && !asksWifi) return 'none'
  if (session.fence) checkFence(session.fence, sent.location)
  if (asksWifi) checkWifi(session.wifiBssids, sent.bssid)
  return 'verified'
}

/** Whether the session asks for proof at all: the organizer's confirmation is for those. */
export const asksPresence = (session: Pick<SessionView, 'fence' | 'wifiBssids'>) =>
  session.fence !== null || session.wifiBssids.length > 0

import Taro from '@tarojs/taro'
import type { PersonLocation } from '../../contract'
import { wgs84ToGcj02 } from './gcj02'
import type { PresenceReader } from './reader'

export type { PresenceReader } from './reader'

const LOCATION_TIMEOUT_MS = 10_000

function browserLocation(): Promise<PersonLocation | null> {
  const geolocation = typeof navigator === 'undefined' ? undefined : navigator.geolocation
  if (!geolocation) return Promise.resolve(null)
  return new Promise((resolve) => {
    geolocation.getCurrentPosition(
      ({ coords }) => resolve({ ...wgs84ToGcj02(coords.latitude, coords.longitude), accuracy: coords.accuracy }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: LOCATION_TIMEOUT_MS, maximumAge: 0 },
    )
  })
}

async function weappLocation(): Promise<PersonLocation | null> {
  try {
    const { latitude, longitude, accuracy } = await Taro.getLocation({ type: 'gcj02', isHighAccuracy: true })
    return { latitude, longitude, ...(Number.isFinite(accuracy) ? { accuracy } : {}) }
  } catch {
    return null
  }
}

async function weappWifiBssid(): Promise<string | null> {
  try {
    await Taro.startWifi()
    // Taro types the reply as a union with its error; WeChat documents `wifi.BSSID` on success.
    const reply = (await Taro.getConnectedWifi({})) as { wifi?: { BSSID?: string } }
    return reply.wifi?.BSSID || null
  } catch {
    return null
  }
}

export const devicePresence: PresenceReader = {
  location: () => (process.env.TARO_ENV === 'weapp' ? weappLocation() : browserLocation()),
  wifiBssid: () => (process.env.TARO_ENV === 'weapp' ? weappWifiBssid() : Promise.resolve(null)),
}

/** The organizer's fence centre: a point picked on the map (WeChat), else where they stand. */
export async function pickFenceCentre(): Promise<{ latitude: number; longitude: number } | null> {
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const { latitude, longitude } = await Taro.chooseLocation({})
      return { latitude, longitude }
    } catch {
      return null
    }
  }
  return browserLocation()
}

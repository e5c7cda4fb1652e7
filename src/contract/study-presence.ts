import { z } from 'zod'

/**
 * Check-in that proves presence: an optional location fence and an optional Wi-Fi list per session.
 * The person's coordinates are checked and dropped; only how presence was shown is kept.
 */

export const FENCE_RADIUS_METERS = { min: 50, max: 500, default: 150 } as const

const latitude = z.number('纬度应为数字').min(-90, '纬度超出范围').max(90, '纬度超出范围')
const longitude = z.number('经度应为数字').min(-180, '经度超出范围').max(180, '经度超出范围')

export const fenceSchema = z.strictObject(
  {
    latitude,
    longitude,
    radiusMeters: z
      .number('请填写签到范围')
      .int('签到范围以米为单位')
      .min(FENCE_RADIUS_METERS.min, `签到范围不小于${FENCE_RADIUS_METERS.min}米`)
      .max(FENCE_RADIUS_METERS.max, `签到范围不超过${FENCE_RADIUS_METERS.max}米`)
      .default(FENCE_RADIUS_METERS.default),
  },
  '签到地点有误',
)
export type Fence = z.output<typeof fenceSchema>

/** A Wi-Fi access point's BSSID (MAC address), stored lower case. */
export const bssidSchema = z
  .string('Wi-Fi 标识有误')
  .trim()
  .regex(/^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$/, 'Wi-Fi 标识应为 6 组两位十六进制数')
  .transform((text) => text.toLowerCase().replaceAll('-', ':'))

export const wifiListSchema = z.array(bssidSchema).max(20, 'Wi-Fi 最多 20 个')

/**
 * The person's location as the platform gave it. Strict: a client cannot add `inside` or a
 * distance of its own, the server works it out.
 */
export const locationSchema = z.strictObject(
  {
    latitude,
    longitude,
    /** Metres, as the platform reports it. */
    accuracy: z.number('定位精度应为数字').min(0, '定位精度有误').max(100_000, '定位精度有误').optional(),
  },
  '定位信息有误',
)
export type PersonLocation = z.output<typeof locationSchema>

/**
 * How a check-in showed presence: `none` where the session asks for no proof, `verified` inside
 * the fence and on the listed Wi-Fi, `confirmed` by the organizer on the live attendance view.
 */
export type PresenceProof = 'none' | 'verified' | 'confirmed'

export const PRESENCE_PROOF_LABELS: Record<PresenceProof, string> = {
  none: '',
  verified: '现场核验',
  confirmed: '组织者确认',
}

/** The field a presence refusal names, so the app can offer what fits (retry location, ask the organizer). */
export const PRESENCE_FIELDS = { location: 'location', wifi: 'bssid' } as const

import { FENCE_RADIUS_METERS, type Audience, type Fence, type SessionView, type StudyType } from '../../contract'
import { chinaDay, chinaTime, HOUR_MS } from '../../contract/month'

export type AudienceKind = 'all' | 'party' | 'departments'

/** The session form as typed: China-time date and clock, so the pickers show what people expect. */
export interface SessionForm {
  editingId: string | null
  type: StudyType | ''
  title: string
  speaker: string
  location: string
  date: string
  startTime: string
  endTime: string
  audienceKind: AudienceKind
  departmentIds: string[]
  creditHours: string
  /** 继续医学教育 Ⅱ类学分, as typed. */
  cmeCredits: string
  /** 签退: `null` leaves it to the rule (on for sessions over two hours). */
  requireCheckOut: boolean | null
  /** The check-in fence's centre, `null`: check-in anywhere. */
  fenceCentre: { latitude: number; longitude: number } | null
  /** Metres, as typed. */
  fenceRadius: string
  /** Wi-Fi access points check-in must be on; empty: off. */
  wifiBssids: string[]
}

/** The next half hour: check-in is open at once, which is what an organizer starting now needs. */
export function blankForm(departmentId: string | null): SessionForm {
  const start = new Date(Math.ceil(Date.now() / (HOUR_MS / 2)) * (HOUR_MS / 2))
  const hourLater = new Date(start.getTime() + HOUR_MS)
  // The form has one date, so an hour from 23:00 would read as 00:00 of the same day, before the start.
  const endTime = chinaDay(hourLater) === chinaDay(start) ? chinaTime(hourLater) : '23:59'
  return {
    editingId: null,
    type: '',
    title: '',
    speaker: '',
    location: '',
    date: chinaDay(start),
    startTime: chinaTime(start),
    endTime,
    audienceKind: departmentId ? 'departments' : 'all',
    departmentIds: departmentId ? [departmentId] : [],
    creditHours: '1',
    cmeCredits: '0',
    requireCheckOut: null,
    fenceCentre: null,
    fenceRadius: String(FENCE_RADIUS_METERS.default),
    wifiBssids: [],
  }
}

export function formOf(session: SessionView): SessionForm {
  const { audience } = session
  return {
    editingId: session.id,
    type: session.type,
    title: session.title,
    speaker: session.speaker ?? '',
    location: session.location,
    date: chinaDay(new Date(session.startAt)),
    startTime: chinaTime(session.startAt),
    endTime: chinaTime(session.endAt),
    audienceKind: typeof audience === 'string' ? audience : 'departments',
    departmentIds: typeof audience === 'string' ? [] : audience,
    creditHours: String(session.creditHours),
    cmeCredits: String(session.cmeCredits),
    requireCheckOut: session.requireCheckOut,
    fenceCentre: session.fence ? { latitude: session.fence.latitude, longitude: session.fence.longitude } : null,
    fenceRadius: String(session.fence?.radiusMeters ?? FENCE_RADIUS_METERS.default),
    wifiBssids: session.wifiBssids,
  }
}

export function fenceOf(form: SessionForm): Fence | null {
  return form.fenceCentre ? { ...form.fenceCentre, radiusMeters: Number(form.fenceRadius) } : null
}

export function audienceOf(form: SessionForm): Audience {
  return form.audienceKind === 'departments' ? form.departmentIds : form.audienceKind
}

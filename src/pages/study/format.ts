import type { SessionView } from '../../contract'
import { formatClock, formatDateTime } from '../../contract/when'

/** 3月2日 09:30–10:30, in China time whatever the device's zone. */
export function sessionTime(session: Pick<SessionView, 'startAt' | 'endAt'>): string {
  return `${formatDateTime(session.startAt)}–${formatClock(session.endAt)}`
}

export const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`)

export const studyPage = (page: string, id?: string) => `/pages/study/${page}/index${id ? `?id=${id}` : ''}`

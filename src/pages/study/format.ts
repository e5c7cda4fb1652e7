import type { SessionView } from '../../contract'
import { chinaDate, chinaTime } from '../../stores/study-store'

/** 3月2日 09:30–10:30, in China time whatever the device's zone. */
export function sessionTime(session: Pick<SessionView, 'startAt' | 'endAt'>): string {
  const [, month, day] = chinaDate(session.startAt).split('-').map(Number)
  return `${month}月${day}日 ${chinaTime(session.startAt)}–${chinaTime(session.endAt)}`
}

export const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`)

export const studyPage = (page: string, id?: string) => `/pages/study/${page}/index${id ? `?id=${id}` : ''}`

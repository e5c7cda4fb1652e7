import type { SessionView } from '../../contract'
import { chinaTimeSpan } from '../../contract/month'

/** 3月2日 09:30–10:30, in China time whatever the device's zone. */
export const sessionTime = (session: Pick<SessionView, 'startAt' | 'endAt'>) =>
  chinaTimeSpan(session.startAt, session.endAt)

export const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`)

export const studyPage = (page: string, id?: string) => `/pages/study/${page}/index${id ? `?id=${id}` : ''}`

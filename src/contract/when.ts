import { CHINA_OFFSET_MS } from './month'

/**
 * The one way the app writes a day or a time: in China time whatever the device's zone, Chinese
 * style, 24-hour clock. 2026年11月27日 for a day, 11月27日 10:00 for a moment, 2026年11月 for a month.
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/

interface Parts {
  year: number
  month: number
  day: number
  clock: string
}

/** A plain `YYYY-MM-DD` is already a China day; anything else is an instant. */
function partsOf(at: string | Date): Parts {
  if (typeof at === 'string' && DAY.test(at)) {
    const [year, month, day] = at.split('-').map(Number)
    return { year, month, day, clock: '00:00' }
  }
  const china = new Date(new Date(at).getTime() + CHINA_OFFSET_MS)
  return {
    year: china.getUTCFullYear(),
    month: china.getUTCMonth() + 1,
    day: china.getUTCDate(),
    clock: china.toISOString().slice(11, 16),
  }
}

/** 2026年11月27日 */
export function formatDate(at: string | Date): string {
  const { year, month, day } = partsOf(at)
  return `${year}年${month}月${day}日`
}

/** 11月27日 10:00 */
export function formatDateTime(at: string | Date): string {
  const { month, day, clock } = partsOf(at)
  return `${month}月${day}日 ${clock}`
}

/** 10:00 */
export function formatClock(at: string | Date): string {
  return partsOf(at).clock
}

/** 2026-11 → 2026年11月 */
export function formatMonth(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`
}

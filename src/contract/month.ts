export const MINUTE_MS = 60_000
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS

/** The hospital keeps China time: a day, a month or a year starts at 00:00 in UTC+8. */
export const CHINA_OFFSET_MS = 8 * HOUR_MS

export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

export function chinaYear(at: Date): number {
  return new Date(at.getTime() + CHINA_OFFSET_MS).getUTCFullYear()
}

/** 12.5 小时: service time as volunteers and their ledger read it, to a tenth of an hour. */
export function formatHours(minutes: number): string {
  return `${(minutes / (HOUR_MS / MINUTE_MS)).toFixed(1)} 小时`
}

export function monthOf(at: Date): string {
  return chinaDay(at).slice(0, 7)
}

export function shiftMonth(month: string, delta: number): string {
  const [year, mon] = month.split('-').map(Number)
  const index = year * 12 + (mon - 1) + delta
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** `count` months ending with `last`, oldest first. */
export function monthsEnding(last: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => shiftMonth(last, i - count + 1))
}

export function lastDayOf(month: string): string {
  const [year, mon] = month.split('-').map(Number)
  return `${month}-${String(new Date(Date.UTC(year, mon, 0)).getUTCDate()).padStart(2, '0')}`
}

export function isRealDate(text: string): boolean {
  const at = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === text
}

/** The China-time clock of an instant, `09:30`, whatever the device's zone. */
export function chinaTime(at: Date | string): string {
  return new Date(new Date(at).getTime() + CHINA_OFFSET_MS).toISOString().slice(11, 16)
}

/** The instant a China-time date and clock name, as ISO text (`2026-03-02`, `09:30` → `…T01:30:00.000Z`). */
export function fromChinaTime(date: string, time: string): string {
  return new Date(`${date}T${time}:00+08:00`).toISOString()
}

/** `3月2日 09:30–10:30`: a span within one China-time day. */
export function chinaTimeSpan(startAt: string, endAt: string): string {
  const [, month, day] = chinaDay(new Date(startAt)).split('-').map(Number)
  return `${month}月${day}日 ${chinaTime(startAt)}–${chinaTime(endAt)}`
}

import dayjs from 'dayjs'

export const formatTime = (iso: string) => dayjs(iso).format('M月D日 HH:mm')
export const formatDate = (iso: string) => dayjs(iso).format('YYYY年M月D日')

/** 2026-10 → 2026年10月 */
export const formatMonth = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`

export const detailUrl = (id: string) => `/pages/feedback/detail/index?id=${id}`

/** Last month in China time as YYYY-MM: service stars are picked for a month that has ended. */
export function lastMonth(now: Date = new Date()): string {
  return dayjs(now).subtract(1, 'month').format('YYYY-MM')
}

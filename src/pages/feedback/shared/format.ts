import dayjs from 'dayjs'

export const detailUrl = (id: string) => `/pages/feedback/detail/index?id=${id}`

/** Last month in China time as YYYY-MM: service stars are picked for a month that has ended. */
export function lastMonth(now: Date = new Date()): string {
  return dayjs(now).subtract(1, 'month').format('YYYY-MM')
}

import type { StudyType, TypeMonthRate } from '../../contract'

/** One bar of the 学习统计 chart: a month's attendance, over all types or one. */
export interface MonthBar {
  month: string
  sessions: number
  attended: number
  /** Attended over expected less excused; `null` when nobody was expected. */
  rate: number | null
}

/** The types that occur, in the order they first appear, for the chart's picker. */
export function typesIn(rows: readonly TypeMonthRate[]): StudyType[] {
  return [...new Set(rows.map((row) => row.type))]
}

/** Months oldest first, each summed over the chosen type (all types when `type` is null). */
export function monthBars(rows: readonly TypeMonthRate[], type: StudyType | null): MonthBar[] {
  const months = new Map<string, { sessions: number; attended: number; due: number }>()
  for (const row of rows) {
    if (type !== null && row.type !== type) continue
    const sum = months.get(row.month) ?? { sessions: 0, attended: 0, due: 0 }
    sum.sessions += row.sessions
    sum.attended += row.attended
    sum.due += row.expected - row.excused
    months.set(row.month, sum)
  }
  return [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, sum]) => ({
      month,
      sessions: sum.sessions,
      attended: sum.attended,
      rate: sum.due > 0 ? Math.min(1, sum.attended / sum.due) : null,
    }))
}

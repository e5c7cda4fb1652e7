import {
  MIN_SAMPLE,
  VISIT_TYPES,
  SATISFACTION_TARGET,
  type ItemFigure,
  type RateFigure,
  type RecommendFigure,
  type VisitType,
} from '../../../contract'
import type { ItemCounts, ItemLabels, MonthCounts } from './repo'

/**
 * The small-sample rule, in one place: below MIN_SAMPLE answers a figure carries its count and
 * nothing derived from it, or anyone could work a handful of patients' answers back out.
 */
export const enoughAnswers = (answered: number) => answered >= MIN_SAMPLE

/** Scores 4–5 among answered. */
export function tally(counts: ItemCounts[]): { satisfied: number; answered: number } {
  return counts.reduce(
    (sum, c) => ({
      satisfied: sum.satisfied + c.scores[3] + c.scores[4],
      answered: sum.answered + c.scores.reduce((a, b) => a + b, 0),
    }),
    { satisfied: 0, answered: 0 },
  )
}

export function rateFigure(counts: ItemCounts[]): RateFigure {
  const { satisfied, answered } = tally(counts)
  if (!enoughAnswers(answered)) return { answered, satisfied: null, rate: null, metTarget: null }
  const rate = satisfied / answered
  return { answered, satisfied, rate, metTarget: rate >= SATISFACTION_TARGET }
}

const roundTo = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places

/** One figure per item of one visit type's counts, in its questionnaire's order (`labels` of that type). */
export function itemFigures(counts: ItemCounts[], labels: Record<string, string>): ItemFigure[] {
  const byItem = new Map<string, ItemCounts[]>()
  for (const c of counts) byItem.set(c.itemId, [...(byItem.get(c.itemId) ?? []), c])
  const order = Object.keys(labels)
  const position = (itemId: string) => (order.includes(itemId) ? order.indexOf(itemId) : order.length)
  return [...byItem.entries()]
    .sort(([a], [b]) => position(a) - position(b) || a.localeCompare(b))
    .map(([itemId, rows]) => {
      const { satisfied, answered } = tally(rows)
      const sum = rows.reduce((s, r) => s + r.scores.reduce((a, n, i) => a + n * (i + 1), 0), 0)
      const shown = enoughAnswers(answered)
      return {
        visitType: rows[0].visitType,
        itemId,
        label: labels[itemId] ?? itemId,
        answered,
        notApplicable: rows.reduce((s, r) => s + r.notApplicable, 0),
        average: shown ? roundTo(sum / answered, 2) : null,
        rate: shown ? satisfied / answered : null,
      }
    })
}

export const NO_MONTH_COUNTS: MonthCounts = { responses: 0, recommendSum: 0, promoters: 0, detractors: 0 }

export const addMonthCounts = (a: MonthCounts, b: MonthCounts): MonthCounts => ({
  responses: a.responses + b.responses,
  recommendSum: a.recommendSum + b.recommendSum,
  promoters: a.promoters + b.promoters,
  detractors: a.detractors + b.detractors,
})

/** 0–10 推荐意愿: the average and NPS (promoters 9–10 minus detractors 0–6, in points). */
export function recommendFigure(months: MonthCounts): RecommendFigure {
  const answered = months.responses
  if (!enoughAnswers(answered)) return { answered, average: null, nps: null }
  return {
    answered,
    average: roundTo(months.recommendSum / answered, 1),
    nps: Math.round(((months.promoters - months.detractors) / answered) * 100),
  }
}

/** Both adapters' month totals, one per visit type, zeros where a type has none. */
export function monthCountsByType(rows: (MonthCounts & { visitType: VisitType })[]): Record<VisitType, MonthCounts> {
  const byType = Object.fromEntries(VISIT_TYPES.map((t) => [t, NO_MONTH_COUNTS])) as Record<VisitType, MonthCounts>
  for (const { visitType, ...counts } of rows) byType[visitType] = addMonthCounts(byType[visitType], counts)
  return byType
}

/** Labels per visit type from questionnaire items listed active first, newest version first: the first label seen wins. */
export function labelsByType(items: { visitType: VisitType; id: string; label: string }[]): ItemLabels {
  const labels = Object.fromEntries(VISIT_TYPES.map((t) => [t, {}])) as ItemLabels
  for (const { visitType, id, label } of items) labels[visitType][id] ??= label
  return labels
}

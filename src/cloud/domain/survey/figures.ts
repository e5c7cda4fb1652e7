import { MIN_SAMPLE, SATISFACTION_TARGET, type ItemFigure, type RateFigure } from '../../../contract'
import type { ItemCounts, MonthCounts } from './repo'

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

/** One figure per item, in questionnaire order. */
export function itemFigures(counts: ItemCounts[], labels: Record<string, string>): ItemFigure[] {
  const byItem = new Map<string, ItemCounts[]>()
  for (const c of counts) byItem.set(c.itemId, [...(byItem.get(c.itemId) ?? []), c])
  const order = Object.keys(labels)
  return [...byItem.entries()]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([itemId, rows]) => {
      const { satisfied, answered } = tally(rows)
      const sum = rows.reduce((s, r) => s + r.scores.reduce((a, n, i) => a + n * (i + 1), 0), 0)
      const shown = enoughAnswers(answered)
      return {
        itemId,
        label: labels[itemId] ?? itemId,
        answered,
        notApplicable: rows.reduce((s, r) => s + r.notApplicable, 0),
        average: shown ? roundTo(sum / answered, 2) : null,
        rate: shown ? satisfied / answered : null,
      }
    })
}

/** 0–10 推荐意愿: the average and NPS (promoters 9–10 minus detractors 0–6, in points). */
export function recommendFigure(months: MonthCounts) {
  const answered = months.responses
  if (!enoughAnswers(answered)) return { answered, average: null, nps: null }
  return {
    answered,
    average: roundTo(months.recommendSum / answered, 1),
    nps: Math.round(((months.promoters - months.detractors) / answered) * 100),
  }
}

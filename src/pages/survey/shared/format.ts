import type { RateFigure } from '../../../contract'

export const percent = (rate: number | null, digits = 1) => (rate === null ? '—' : `${(rate * 100).toFixed(digits)}%`)

/** A board figure as people read it: the rate, or 样本不足 below the minimum sample. */
export const rateText = (figure: RateFigure) => (figure.rate === null ? '样本不足' : percent(figure.rate))

/** Met, missed, or too few answers to say. */
export function targetClass(figure: RateFigure): string {
  if (figure.metTarget === null) return 'sv-rate sv-rate--few'
  return figure.metTarget ? 'sv-rate sv-rate--met' : 'sv-rate sv-rate--missed'
}

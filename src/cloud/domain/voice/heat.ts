import {
  canonicalTheme,
  MIN_THEME_COMMENTS,
  THEME_LABELS,
  type CanonicalThemeId,
  type Department,
  type HeatCell,
  type HeatRow,
  type HeatView,
  type Tagging,
} from '../../../contract'
import type { StoredTags } from './repo'

/** Whether a tagging speaks of the theme, under either questionnaire's name for it. */
export const mentions = (tagging: Tagging, theme: CanonicalThemeId) =>
  tagging.themes.some((tag) => canonicalTheme(tag.id) === theme)

function cellsOf(tags: StoredTags[]): HeatCell[] {
  const cells = new Map<CanonicalThemeId, HeatCell>()
  for (const { tagging } of tags) {
    for (const tag of tagging.themes) {
      const theme = canonicalTheme(tag.id)
      const cell = cells.get(theme) ?? { theme, negative: 0, positive: 0, mentions: 0 }
      cell.mentions++
      if (tag.polarity === 'negative') cell.negative++
      if (tag.polarity === 'positive') cell.positive++
      cells.set(theme, cell)
    }
  }
  return [...cells.values()].sort((a, b) => b.negative - a.negative || b.mentions - a.mentions)
}

/**
 * Themes by department for one month. A department with fewer than MIN_THEME_COMMENTS tagged texts shows
 * its count only: a breakdown of three comments says more about three people than about the department.
 */
export function heatOf(month: string, tags: StoredTags[], departments: Department[]): HeatView {
  const byDepartment = new Map<string, StoredTags[]>()
  for (const tag of tags) byDepartment.set(tag.departmentId, [...(byDepartment.get(tag.departmentId) ?? []), tag])
  const rows: HeatRow[] = departments
    .filter((department) => byDepartment.has(department.id))
    .map((department) => {
      const own = byDepartment.get(department.id) ?? []
      const shown = own.length >= MIN_THEME_COMMENTS
      return {
        departmentId: department.id,
        departmentName: department.name,
        comments: own.length,
        cells: shown ? cellsOf(own) : null,
      }
    })
  const negativeOf = (row: HeatRow) => (row.cells ?? []).reduce((sum, cell) => sum + cell.negative, 0)
  rows.sort((a, b) => negativeOf(b) - negativeOf(a) || b.comments - a.comments)
  const shownTags = rows.filter((row) => row.cells !== null).flatMap((row) => byDepartment.get(row.departmentId) ?? [])
  const themes = cellsOf(shownTags).map((cell) => ({
    id: cell.theme,
    label: THEME_LABELS[cell.theme],
    negative: cell.negative,
  }))
  return { month, minComments: MIN_THEME_COMMENTS, themes, departments: rows }
}

const TOP_THEMES = 5
const EXAMPLES = 2

/**
 * The department-month's themes by negative mentions, with last month's count beside each and the two
 * most negative texts that mention it (as keys, for the caller to read). Counts only below the sample rule.
 */
export function topThemesOf(current: StoredTags[], previous: StoredTags[]) {
  if (current.length < MIN_THEME_COMMENTS) return null
  const before = new Map(cellsOf(previous).map((cell) => [cell.theme, cell.negative]))
  return cellsOf(current)
    .filter((cell) => cell.negative > 0)
    .slice(0, TOP_THEMES)
    .map((cell) => ({
      id: cell.theme,
      label: THEME_LABELS[cell.theme],
      negative: cell.negative,
      mentions: cell.mentions,
      previousNegative: before.get(cell.theme) ?? 0,
      examples: current
        .filter((tags) =>
          tags.tagging.themes.some((t) => canonicalTheme(t.id) === cell.theme && t.polarity === 'negative'),
        )
        .sort((a, b) => a.tagging.score - b.tagging.score)
        .slice(0, EXAMPLES),
    }))
}

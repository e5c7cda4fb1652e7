import { STAFF_MIN_GROUP, type CampaignStatus, type StaffCut, type StaffItemFigure } from '../../../contract'
import { STAFF_OVERALL_ITEM, STAFF_QUESTIONNAIRE } from './questionnaire'
import type { CampaignFields, ItemCounts, Tally } from './repo'

/**
 * The staff-survey rules, once: when a campaign is open, how answers add up, and the minimum group:
 * a cut of fewer than STAFF_MIN_GROUP answers shows its counts only.
 */

/** Open from its first day to its last, China days, both included. */
export function campaignStatus(campaign: Pick<CampaignFields, 'opensOn' | 'closesOn'>, today: string): CampaignStatus {
  if (today < campaign.opensOn) return 'upcoming'
  return today > campaign.closesOn ? 'closed' : 'open'
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places
const ratio = (part: number, whole: number, places = 3) => (whole > 0 ? round(part / whole, places) : null)

const EMPTY_COUNTS: ItemCounts = [0, 0, 0, 0, 0, 0]

function addCounts(a: ItemCounts, b: ItemCounts): ItemCounts {
  return a.map((value, i) => value + b[i]) as ItemCounts
}

/** Satisfied (4 or 5) share and the average, over answers other than 不适用. */
export function itemFigure(counts: ItemCounts): Pick<StaffItemFigure, 'answered' | 'rate' | 'average'> {
  const scores = counts.slice(0, 5)
  const answered = scores.reduce((sum, n) => sum + n, 0)
  const total = scores.reduce((sum, n, i) => sum + n * (i + 1), 0)
  return { answered, rate: ratio(counts[3] + counts[4], answered), average: ratio(total, answered, 2) }
}

/** Whether a cut of this many answers may show more than its counts. */
export const showsFigures = (responses: number) => responses >= STAFF_MIN_GROUP

/** One cut over some tallies: counts always; rates, averages and comments only from the minimum group on. */
export function cutOf(tallies: Tally[], invited: number): StaffCut {
  const responses = tallies.reduce((sum, t) => sum + t.responses, 0)
  const counts = { responses, invited, responseRate: ratio(responses, invited) }
  if (!showsFigures(responses)) return { ...counts, items: null, recommend: null, comments: null }
  const items = STAFF_QUESTIONNAIRE.items.map((item) => ({
    itemId: item.id,
    label: item.label,
    ...itemFigure(tallies.reduce((sum, t) => addCounts(sum, t.items[item.id] ?? EMPTY_COUNTS), EMPTY_COUNTS)),
  }))
  const recommendSum = tallies.reduce((sum, t) => sum + t.recommendSum, 0)
  // Sorted, so the order says nothing about who answered when.
  const comments = tallies.flatMap((t) => t.comments).sort()
  return { ...counts, items, recommend: { average: round(recommendSum / responses, 2) }, comments }
}

/**
 * The hospital as a whole. Departments too small to show count in its figures only when together
 * they reach the minimum group: otherwise the whole less the shown departments would isolate them.
 */
export function hospitalCut(byDepartment: Tally[][], invited: number): StaffCut {
  const all = byDepartment.flat()
  const small = byDepartment.filter((tallies) => !showsFigures(sum(tallies)))
  const smallResponses = small.reduce((total, tallies) => total + sum(tallies), 0)
  const counted =
    smallResponses === 0 || showsFigures(smallResponses) ? all : byDepartment.filter((t) => !small.includes(t)).flat()
  const cut = cutOf(counted, invited)
  return { ...cut, responses: sum(all), responseRate: ratio(sum(all), invited), comments: null }
}

const sum = (tallies: Tally[]) => tallies.reduce((total, t) => total + t.responses, 0)

/** The 总体满意度 figures of a cut, for the trend line. */
export function overallOf(cut: StaffCut): { overallRate: number | null; overallAverage: number | null } {
  const overall = cut.items?.find((item) => item.itemId === STAFF_OVERALL_ITEM)
  return { overallRate: overall?.rate ?? null, overallAverage: overall?.average ?? null }
}

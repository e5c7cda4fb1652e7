/** How many low-score items an alert shows before folding the rest. */
export const LOW_ITEMS_SHOWN = 3

interface LowItem {
  itemId: string
  label: string
  score: number
}

/** The worst items first (lowest score; ties keep the questionnaire's order), the rest folded. */
export function worstFirst<T extends LowItem>(items: readonly T[], shown = LOW_ITEMS_SHOWN) {
  const sorted = items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => a.item.score - b.item.score || a.index - b.index)
    .map(({ item }) => item)
  return { shown: sorted.slice(0, shown), folded: sorted.slice(shown) }
}

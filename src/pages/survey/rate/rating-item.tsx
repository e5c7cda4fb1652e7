import type { QuestionnaireItem } from '../../../contract'
import { SCALE_LABELS } from '../../../contract'
import type { Choice } from '../../../components/choice-grid'
import { ChoiceRow } from '../shared/choice-row'

const SCALE: Choice<number | null>[] = ([5, 4, 3, 2, 1] as const).map((score) => ({
  value: score,
  label: SCALE_LABELS[score],
}))
const NOT_APPLICABLE: Choice<number | null> = { value: null, label: '不适用' }

export interface RatingItemProps {
  item: QuestionnaireItem
  /** 1–5, `null` for 不适用, `undefined` while unanswered. */
  chosen: number | null | undefined
  onChoose: (score: number | null) => void
  error?: string
}

/** One item of the questionnaire on H5: the shared choice tiles. WeChat uses `rating-item.weapp.tsx`. */
export function RatingItem({ item, chosen, onChoose, error }: RatingItemProps) {
  return (
    <ChoiceRow
      label={item.label}
      choices={item.allowNA ? [...SCALE, NOT_APPLICABLE] : SCALE}
      chosen={chosen}
      onChoose={onChoose}
      error={error}
    />
  )
}

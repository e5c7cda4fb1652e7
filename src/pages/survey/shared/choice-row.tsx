import { View } from '@tarojs/components'
import { FieldError } from '../../../components/field-error'
import { ChoiceGrid, type Choice } from '../../../components/choice-grid'
import './survey.scss'

interface ChoiceRowProps<T> {
  label: string
  choices: Choice<T>[]
  chosen: T | undefined
  onChoose: (value: T) => void
  error?: string
  /** Narrow choices (0–10) fit more to a line. */
  compact?: boolean
}

/** One question with big tappable answers: the rating scale, 0–10, or a follow-up action. */
export function ChoiceRow<T extends string | number | boolean | null>({
  label,
  choices,
  chosen,
  onChoose,
  error,
  compact,
}: ChoiceRowProps<T>) {
  return (
    <View className={error ? 'sv-question sv-question--missing' : 'sv-question'}>
      <View className='sv-question__label'>{label}</View>
      <ChoiceGrid
        label={label}
        choices={choices}
        isOn={(value) => value === chosen}
        onPick={onChoose}
        columns={compact ? 7 : 5}
      />
      <FieldError message={error} />
    </View>
  )
}

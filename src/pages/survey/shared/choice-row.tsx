import { View } from '@tarojs/components'
import './survey.scss'

export interface Choice<T> {
  value: T
  label: string
  hint?: string
}

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
      <View className={compact ? 'sv-choices sv-choices--compact' : 'sv-choices'} role='radiogroup' aria-label={label}>
        {choices.map((choice) => (
          <View
            key={String(choice.value)}
            className={choice.value === chosen ? 'sv-choice sv-choice--on' : 'sv-choice'}
            role='radio'
            aria-checked={choice.value === chosen}
            onClick={() => onChoose(choice.value)}
          >
            {choice.hint && <View className='sv-choice__hint'>{choice.hint}</View>}
            <View className='sv-choice__label'>{choice.label}</View>
          </View>
        ))}
      </View>
      {error && <View className='rx-field__error'>{error}</View>}
    </View>
  )
}

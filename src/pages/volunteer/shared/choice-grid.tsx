import { View } from '@tarojs/components'

export interface Choice<T> {
  value: T
  label: string
}

interface ChoiceGridProps<T> {
  label: string
  choices: readonly Choice<T>[]
  isOn: (value: T) => boolean
  onPick: (value: T) => void
  columns?: 2 | 3
}

/** Big tiles instead of a dropdown: one tap to choose, easy to see which is chosen. */
export function ChoiceGrid<T extends string | number>({
  label,
  choices,
  isOn,
  onPick,
  columns = 2,
}: ChoiceGridProps<T>) {
  return (
    <View className={`vol-choices vol-choices--${columns}`} role='group' aria-label={label}>
      {choices.map((choice) => (
        <View
          key={choice.value}
          className={isOn(choice.value) ? 'vol-choice vol-choice--on' : 'vol-choice'}
          role='button'
          aria-pressed={isOn(choice.value)}
          onClick={() => onPick(choice.value)}
        >
          {choice.label}
        </View>
      ))}
    </View>
  )
}

/** Choices whose label is the value itself. */
export const plainChoices = <T extends string>(values: readonly T[]): Choice<T>[] =>
  values.map((value) => ({ value, label: value }))

import { View } from '@tarojs/components'
import './index.scss'

export interface Choice<T> {
  value: T
  label: string
  /** A larger line above the label, such as the score itself. */
  hint?: string
}

interface ChoiceGridProps<T> {
  /** The question; the group's accessible name. */
  label: string
  choices: readonly Choice<T>[]
  isOn: (value: T) => boolean
  onPick: (value: T) => void
  /** Several may be on at once (tiles toggle); otherwise one answer (a radio group). */
  multiple?: boolean
  /** Tiles a row: 2 and 3 for words, 5 for a rating scale, 7 for 0–10. */
  columns?: 2 | 3 | 5 | 7
}

/** Big tiles instead of a dropdown: one tap to choose, easy to see what is chosen. */
export function ChoiceGrid<T extends string | number | boolean | null>({
  label,
  choices,
  isOn,
  onPick,
  multiple = false,
  columns = 2,
}: ChoiceGridProps<T>) {
  return (
    <View className={`rx-choices rx-choices--${columns}`} role={multiple ? 'group' : 'radiogroup'} aria-label={label}>
      {choices.map((choice) => {
        const on = isOn(choice.value)
        const state = multiple ? { role: 'button', 'aria-pressed': on } : { role: 'radio', 'aria-checked': on }
        return (
          <View
            key={String(choice.value)}
            className={on ? 'rx-choice rx-choice--on' : 'rx-choice'}
            {...state}
            onClick={() => onPick(choice.value)}
          >
            {choice.hint && <View className='rx-choice__hint'>{choice.hint}</View>}
            <View className='rx-choice__label'>{choice.label}</View>
          </View>
        )
      })}
    </View>
  )
}

/** Choices whose label is the value itself. */
export const plainChoices = <T extends string>(values: readonly T[]): Choice<T>[] =>
  values.map((value) => ({ value, label: value }))

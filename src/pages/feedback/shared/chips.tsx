import { View } from '@tarojs/components'

interface ChipsProps {
  options: readonly { value: string; label: string }[]
  isOn: (value: string) => boolean
  onTap: (value: string) => void
  label: string
}

/** Big tap targets for picking one or more of a few options. */
export function Chips({ options, isOn, onTap, label }: ChipsProps) {
  return (
    <View className='fb-chips' aria-label={label}>
      {options.map((option) => (
        <View
          key={option.value}
          className={isOn(option.value) ? 'fb-chip fb-chip--on' : 'fb-chip'}
          aria-pressed={isOn(option.value)}
          onClick={() => onTap(option.value)}
        >
          {option.label}
        </View>
      ))}
    </View>
  )
}

export const asOptions = (values: readonly string[]) => values.map((value) => ({ value, label: value }))

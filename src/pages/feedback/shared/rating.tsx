import { View } from '@tarojs/components'

const STARS = [1, 2, 3, 4, 5]

/** Five big stars; tapping one rates the handling. */
export function Rating({ value, onRate }: { value: number; onRate?: (rating: number) => void }) {
  return (
    <View className='fb-rating' role={onRate ? 'radiogroup' : 'img'} aria-label={onRate ? '评价' : `${value}星`}>
      {STARS.map((star) => (
        <View
          key={star}
          className={star <= value ? 'fb-star fb-star--on' : 'fb-star'}
          // Only a rating that can be given is a control; a shown one is read as a whole by its group.
          role={onRate ? 'radio' : undefined}
          aria-checked={onRate ? star === value : undefined}
          aria-label={onRate ? `${star}星` : undefined}
          onClick={() => onRate?.(star)}
        >
          ★
        </View>
      ))}
    </View>
  )
}

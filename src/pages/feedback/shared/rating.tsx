import { View } from '@tarojs/components'

const STARS = [1, 2, 3, 4, 5]

/** Five big stars; tapping one rates the handling. */
export function Rating({ value, onRate }: { value: number; onRate?: (rating: number) => void }) {
  return (
    <View className='fb-rating' aria-label='评价'>
      {STARS.map((star) => (
        <View
          key={star}
          className={star <= value ? 'fb-star fb-star--on' : 'fb-star'}
          aria-label={`${star}星`}
          onClick={() => onRate?.(star)}
        >
          ★
        </View>
      ))}
    </View>
  )
}

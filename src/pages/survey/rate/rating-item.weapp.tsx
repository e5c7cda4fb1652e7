import { View } from '@tarojs/components'
import type { RatingItemProps } from './rating-item'

/** The native value: 1–5 chosen, 0 不适用, -1 not answered yet. */
const nativeValue = (chosen: number | null | undefined) => (chosen === undefined ? -1 : (chosen ?? 0))

/**
 * One item of the questionnaire in WeChat: the native `rx-rating` (see this page's config), so a
 * tap through a long questionnaire updates that row's view only, not the whole React page.
 */
export function RatingItem({ item, chosen, onChoose, error }: RatingItemProps) {
  return (
    <View className={error ? 'sv-question sv-question--missing' : 'sv-question'}>
      <View className='sv-question__label'>{item.label}</View>
      <rx-rating value={nativeValue(chosen)} na={item.allowNA} onChange={(event) => onChoose(event.detail.value)} />
      {error && <View className='rx-field__error'>{error}</View>}
    </View>
  )
}

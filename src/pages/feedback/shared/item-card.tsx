import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { FEEDBACK_KIND_LABELS, FEEDBACK_STATUS_LABELS, type FeedbackItem } from '../../../contract'
import { formatDateTime } from '../../../contract/when'
import { detailUrl } from './format'

/** Kind, status and the overdue mark: the first line wherever an item is shown. */
export function ItemHeader({ item }: { item: FeedbackItem }) {
  return (
    <View className='rx-row'>
      <View className={`fb-kind fb-kind--${item.kind}`}>{FEEDBACK_KIND_LABELS[item.kind]}</View>
      <View className='fb-status'>
        {item.overdue && <View className='fb-overdue'>已超时</View>}
        {FEEDBACK_STATUS_LABELS[item.status]}
      </View>
    </View>
  )
}

/** One praise or complaint in a list; a tap opens its timeline. */
export function ItemCard({ item }: { item: FeedbackItem }) {
  return (
    <View
      className='rx-card fb-item'
      hoverClass='fb-item--hover'
      role='button'
      onClick={() => void Taro.navigateTo({ url: detailUrl(item.id) })}
    >
      <ItemHeader item={item} />
      <View className='fb-item__meta'>
        {item.departmentName}
        {item.staffName ? ` · ${item.staffName}` : ''} · {formatDateTime(item.createdAt)}
      </View>
      <View className='fb-item__text'>{item.text}</View>
    </View>
  )
}

import { View } from '@tarojs/components'
import type { WallPraise } from '../../../contract'
import { formatDate } from '../../../contract/when'

export function PraiseCard({ praise }: { praise: WallPraise }) {
  return (
    <View className='rx-card'>
      <View className='fb-kind fb-kind--praise'>
        {praise.departmentName}
        {praise.staffLabel ? ` · ${praise.staffLabel}` : ''}
      </View>
      <View className='fb-item__text'>{praise.text}</View>
      <View className='fb-item__meta'>
        {praise.categories.join('、')} · {formatDate(praise.at)}
      </View>
    </View>
  )
}

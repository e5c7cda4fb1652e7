import { View } from '@tarojs/components'
import type { StarLevel } from '../../../contract'

/** ★★☆☆☆ 二星: the national star level, as a badge; nothing before 一星. */
export function StarBadge({ star }: { star: StarLevel }) {
  if (star.level === 0) return null
  return (
    <View className='vol-tag vol-tag--star' aria-label={`${star.name}志愿者`}>
      {'★'.repeat(star.level)} {star.name}
    </View>
  )
}

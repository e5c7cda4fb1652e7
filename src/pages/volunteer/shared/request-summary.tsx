import { View } from '@tarojs/components'
import type { HelpNeed } from '../../../contract'

const CARE_TAGS: Partial<Record<HelpNeed, string>> = { 轮椅协助: '轮椅', 老人陪同: '老人' }

interface RequestSummaryProps {
  need: HelpNeed
  from: string
  toDepartment: string
  people: number
  note: string | null
  escalated?: boolean
}

/** What was asked, where from and where to: the same lines for the patient, the volunteer and the desk. */
export function RequestSummary({ need, from, toDepartment, people, note, escalated }: RequestSummaryProps) {
  const careTag = CARE_TAGS[need]
  return (
    <View>
      <View>
        {careTag && <View className='vol-tag'>{careTag}</View>}
        {escalated && <View className='vol-tag vol-tag--warn'>等待超时</View>}
        <View className='rx-title'>{need}</View>
      </View>
      <View>
        从 {from} 到 {toDepartment}
      </View>
      <View className='rx-muted'>
        {people} 人{note ? ` · ${note}` : ''}
      </View>
    </View>
  )
}

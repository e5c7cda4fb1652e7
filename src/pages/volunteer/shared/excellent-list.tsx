import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { StateView } from '../../../components/state-view'
import { useStores } from '../../../stores/context'
import type { ExcellentVolunteer } from '../../../contract'
import { formatHours } from '../../../contract/month'

/** 王建华 · 党员服务队 · 212.5 小时 · 38 次 · 4.9 分 */
export function ExcellentLine({ volunteer, rank }: { volunteer: ExcellentVolunteer; rank: number }) {
  return (
    <View className='rx-row vol-excellent'>
      <View className='vol-status'>{rank}</View>
      <View>
        <View>
          {volunteer.name || '（账号已注销）'}
          {volunteer.team ? ` · ${volunteer.team}服务队` : ''}
        </View>
        <View className='rx-muted'>
          {formatHours(volunteer.minutes)} · {volunteer.services} 次 ·{' '}
          {volunteer.averageRating === null ? '暂无评分' : `${volunteer.averageRating.toFixed(1)} 分`}
        </View>
      </View>
    </View>
  )
}

/** The rule, in the words the list was drawn by, shown with every list as the service stars show theirs. */
export function ExcellentRule({ rule }: { rule: string }) {
  return <View className='rx-muted'>评选规则：{rule}</View>
}

/** The latest published 优秀志愿者 list, with the rule it was drawn by. */
export const PublishedExcellentCard = observer(function PublishedExcellentCard() {
  const { recognition } = useStores().volunteer
  const { list, listLoading } = recognition
  return (
    <View className='rx-card'>
      <View className='rx-title'>{list?.published ? `${list.year} 年优秀志愿者` : '年度优秀志愿者'}</View>
      <StateView
        status={listLoading.status}
        error={listLoading.error}
        empty={!list?.published}
        emptyText='本年度名单尚未发布'
        onRetry={() => void recognition.loadList()}
      >
        {list?.published?.volunteers.map((v, i) => (
          <ExcellentLine key={v.userId} volunteer={v} rank={i + 1} />
        ))}
      </StateView>
      {list && <ExcellentRule rule={list.rule} />}
    </View>
  )
})

import { Button, Picker, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { STAR_WEIGHTS, type StarScore } from '../../../contract'
import { useStores } from '../../../stores/context'
import { formatMonth } from '../../../contract/when'
import { lastMonth } from '../shared/format'
import '../shared/feedback.scss'
import './index.scss'

/** The rule in plain terms, one term a line, so a member of staff can check their own score. */
function Formula() {
  return (
    <View className='rx-card' role='note' aria-label='计分规则'>
      <View className='fb-kind'>计分规则（按当月提交计）</View>
      <View className='star-formula'>
        <View className='star-formula__term'>{`经审核的表扬 每条 +${STAR_WEIGHTS.praise}`}</View>
        <View className='star-formula__term'>{`满意度调查点名表扬 每次 +${STAR_WEIGHTS.surveyMention}`}</View>
        <View className='star-formula__term'>{`查实的投诉 每件 −${-STAR_WEIGHTS.upheldComplaint}`}</View>
      </View>
    </View>
  )
}

/** One ranked person: rank, name and score on one line, the score's parts below; tap to pick. */
const StarRow = observer(function StarRow({ staff, rank }: { staff: StarScore; rank: number }) {
  const { stars } = useStores().feedback
  const picked = stars.starPicks.includes(staff.employeeNo)
  return (
    <View
      className={picked ? 'star-row star-row--on' : 'star-row'}
      role='checkbox'
      aria-checked={picked}
      aria-label={`第${rank}名 ${staff.name} ${staff.score}分`}
      onClick={() => stars.togglePick(staff.employeeNo)}
    >
      <View className='star-row__rank'>{rank}</View>
      <View className='star-row__who'>
        <Text className='star-row__name'>{staff.name}</Text>
        <Text className='star-row__label'>{staff.staffLabel}</Text>
      </View>
      <View className='star-row__score'>{`${staff.score}分`}</View>
      <View className='star-row__parts'>
        <Text className='star-row__part'>{`表扬 ${staff.praise}`}</Text>
        <Text className='star-row__part'>{`点名 ${staff.surveyMentions}`}</Text>
        <Text className='star-row__part'>{`查实投诉 ${staff.upheldComplaints}`}</Text>
      </View>
    </View>
  )
})

export default observer(function StarsPage() {
  const { stars } = useStores().feedback
  const { starResult } = stars
  useDidShow(() => stars.setStarMonth(stars.starMonth || lastMonth()))
  return (
    <PageShell>
      <View className='rx-title'>服务明星评选</View>
      <Picker mode='date' fields='month' value={stars.starMonth} onChange={(e) => stars.setStarMonth(e.detail.value)}>
        <View className='rx-input rx-row'>
          <View>月份：{stars.starMonth && formatMonth(stars.starMonth)}</View>
          <View className='rx-muted'>点击更换</View>
        </View>
      </Picker>
      <StateView
        status={stars.starsLoading.status}
        error={stars.starsLoading.error}
        errorCode={stars.starsLoading.code}
        empty={!starResult}
        onRetry={() => void stars.computeStars()}
      >
        {starResult && (
          <View>
            <Formula />
            {starResult.published && (
              <View className='rx-muted'>本月已发布 {starResult.published.stars.length} 位，重新发布将替换</View>
            )}
            {starResult.departments.length === 0 && <View className='rx-muted'>本月暂无得分记录</View>}
            {starResult.departments.map((department) => (
              <View key={department.departmentId} className='rx-card'>
                <View className='rx-title'>{department.departmentName}</View>
                <View role='list' aria-label={`${department.departmentName}排名`}>
                  {department.staff.map((staff, index) => (
                    <StarRow key={staff.employeeNo} staff={staff} rank={index + 1} />
                  ))}
                </View>
              </View>
            ))}
            <Button
              className='rx-button'
              disabled={stars.starPicks.length === 0}
              loading={stars.publishing.isPending}
              onClick={() => void stars.publishStars()}
            >
              发布所选服务明星（{stars.starPicks.length}）
            </Button>
          </View>
        )}
      </StateView>
    </PageShell>
  )
})

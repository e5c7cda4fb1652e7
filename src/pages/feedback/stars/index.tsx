import { Button, Picker, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { useStores } from '../../../stores/context'
import { formatMonth } from '../../../contract/when'
import { lastMonth } from '../shared/format'
import '../shared/feedback.scss'

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
            <View className='rx-card rx-muted'>计分规则：{starResult.formula}</View>
            {starResult.published && (
              <View className='rx-muted'>本月已发布 {starResult.published.stars.length} 位，重新发布将替换</View>
            )}
            {starResult.departments.length === 0 && <View className='rx-muted'>本月暂无得分记录</View>}
            {starResult.departments.map((department) => (
              <View key={department.departmentId} className='rx-card'>
                <View className='rx-title'>{department.departmentName}</View>
                {department.staff.map((staff) => (
                  <View
                    key={staff.employeeNo}
                    className={
                      stars.starPicks.includes(staff.employeeNo) ? 'fb-chip fb-chip--on rx-row' : 'fb-chip rx-row'
                    }
                    aria-pressed={stars.starPicks.includes(staff.employeeNo)}
                    onClick={() => stars.togglePick(staff.employeeNo)}
                  >
                    <View>
                      {staff.name}（{staff.staffLabel}）
                    </View>
                    <View>
                      {staff.score}分 · 表扬{staff.praise} 点名{staff.surveyMentions} 查实投诉{staff.upheldComplaints}
                    </View>
                  </View>
                ))}
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

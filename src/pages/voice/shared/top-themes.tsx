import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { StateView } from '../../../components/state-view'
import { formatMonth } from '../../../contract/when'
import { useStores } from '../../../stores/context'
import './voice.scss'

const trend = (now: number, before: number) =>
  now > before ? `比上月多${now - before}` : now < before ? `比上月少${before - now}` : '与上月持平'

/** The dashboard's card: the department-month's most criticised themes, their trend and two examples each. */
export const TopThemesCard = observer(function TopThemesCard({
  departmentId,
  month,
}: {
  departmentId: string
  month: string
}) {
  const { voiceHeat } = useStores()
  useEffect(() => void voiceHeat.loadTop(departmentId, month), [voiceHeat, departmentId, month])
  const { top } = voiceHeat
  return (
    <View className='rx-card' aria-label='患者意见主题'>
      <View className='rx-title'>患者意见主题（{formatMonth(month)}）</View>
      <StateView
        status={voiceHeat.topLoading.status}
        error={voiceHeat.topLoading.error}
        errorCode={voiceHeat.topLoading.code}
        onRetry={() => void voiceHeat.loadTop(departmentId, month)}
      >
        {top && top.themes === null && (
          <View className='rx-muted'>
            本月已标注 {top.comments} 条评论、投诉和表扬，不足 {top.minComments} 条，不分主题。
          </View>
        )}
        {top?.themes?.length === 0 && <View className='rx-muted'>本月 {top.comments} 条中没有负面主题。</View>}
        {top?.themes?.map((theme) => (
          <View key={theme.id} className='voice-theme'>
            <View className='rx-row'>
              <View>{theme.label}</View>
              <View>
                负面 {theme.negative} / 共 {theme.mentions}
              </View>
            </View>
            <View className='rx-muted'>{trend(theme.negative, theme.previousNegative)}</View>
            {theme.examples.map((text, i) => (
              <View key={i} className='voice-example'>
                “{text}”
              </View>
            ))}
          </View>
        ))}
      </StateView>
    </View>
  )
})

import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useFreshList } from '../../../components/fresh-list'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { useStores } from '../../../stores/context'
import { formatMonth } from '../../../contract/when'
import { PraiseCard } from '../shared/praise-card'
import '../shared/feedback.scss'

export default observer(function WallPage() {
  const { feedback } = useStores()
  const { wall } = feedback
  useFreshList(() => feedback.loadWall())
  return (
    <PageShell>
      <StateView
        status={feedback.wallLoading.status}
        error={feedback.wallLoading.error}
        errorCode={feedback.wallLoading.code}
        empty={!wall}
        onRetry={() => void feedback.loadWall()}
      >
        {wall?.stars && (
          <View className='rx-card' aria-label='服务明星'>
            <View className='rx-title'>{formatMonth(wall.stars.month)} 服务明星</View>
            {wall.stars.stars.map((star) => (
              <View key={star.employeeNo} className='fb-star-badge'>
                ★ {star.departmentName} {star.staffLabel}
              </View>
            ))}
          </View>
        )}
        <View className='rx-title'>表扬墙</View>
        {wall?.praise.length === 0 && <View className='rx-muted'>还没有公开的表扬</View>}
        {wall?.praise.map((praise) => (
          <PraiseCard key={praise.id} praise={praise} />
        ))}
      </StateView>
    </PageShell>
  )
})

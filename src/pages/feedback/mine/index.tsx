import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useFreshList } from '../../../components/fresh-list'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { useStores } from '../../../stores/context'
import { ItemCard } from '../shared/item-card'
import '../shared/feedback.scss'

export default observer(function MinePage() {
  const { feedback } = useStores()
  useFreshList(() => feedback.loadMine())
  return (
    <PageShell>
      <View className='rx-title'>我的表扬与投诉</View>
      <StateView
        status={feedback.mineLoading.status}
        error={feedback.mineLoading.error}
        errorCode={feedback.mineLoading.code}
        empty={feedback.mine.length === 0}
        emptyText='您还没有提交过表扬或投诉'
        emptyAction={{
          label: '去表扬/投诉',
          onTap: () => void Taro.navigateTo({ url: '/pages/feedback/submit/index' }),
        }}
        onRetry={() => void feedback.loadMine()}
      >
        {feedback.mine.map((item) => (
          <ItemCard key={item.id} item={item} />
        ))}
      </StateView>
    </PageShell>
  )
})

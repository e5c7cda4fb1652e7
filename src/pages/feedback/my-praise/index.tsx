import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useFreshList } from '../../../components/fresh-list'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { useStores } from '../../../stores/context'
import { PraiseCard } from '../shared/praise-card'
import '../shared/feedback.scss'

export default observer(function MyPraisePage() {
  const { feedback } = useStores()
  useFreshList(() => feedback.loadMyPraise())
  return (
    <PageShell>
      <View className='rx-title'>我收到的表扬</View>
      <View className='rx-muted'>患者对您的肯定，经审核后显示在这里</View>
      <StateView
        status={feedback.myPraiseLoading.status}
        error={feedback.myPraiseLoading.error}
        errorCode={feedback.myPraiseLoading.code}
        empty={feedback.myPraise.length === 0}
        emptyText='还没有收到表扬，继续加油'
        onRetry={() => void feedback.loadMyPraise()}
      >
        {feedback.myPraise.map((praise) => (
          <PraiseCard key={praise.id} praise={praise} />
        ))}
      </StateView>
    </PageShell>
  )
})

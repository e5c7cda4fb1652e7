import { Button, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useFreshList } from '../../../components/fresh-list'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { useStores } from '../../../stores/context'
import { formatDateTime } from '../../../contract/when'
import '../shared/feedback.scss'

export default observer(function ReviewPage() {
  const { feedback } = useStores()
  useFreshList(() => feedback.loadReview())
  return (
    <PageShell>
      <View className='rx-title'>表扬审核</View>
      <View className='rx-muted'>审核通过后在表扬墙展示；含联系方式或不文明用语的需明确确认</View>
      <StateView
        status={feedback.reviewLoading.status}
        error={feedback.reviewLoading.error}
        errorCode={feedback.reviewLoading.code}
        empty={feedback.review.length === 0}
        emptyText='暂无待审核的表扬'
        onRetry={() => void feedback.loadReview()}
      >
        {feedback.review.map((item) => {
          const held = item.heldReasons.length > 0
          return (
            <View key={item.id} className='rx-card'>
              <View className='fb-item__meta'>
                {item.departmentName}
                {item.staffName ? ` · ${item.staffName}` : ''} · {formatDateTime(item.createdAt)}
              </View>
              {held && <View className='fb-overdue'>待核：{item.heldReasons.join('、')}</View>}
              <View className='fb-item__text'>{item.text}</View>
              <View className='rx-row'>
                <Button
                  className='rx-button'
                  onClick={() => void feedback.decidePraise(item.id, held ? 'confirmHeld' : 'approve')}
                >
                  {held ? '已核实，仍上墙' : '通过上墙'}
                </Button>
                <Button
                  className='rx-button rx-button--plain'
                  onClick={() => void feedback.decidePraise(item.id, 'reject')}
                >
                  不展示
                </Button>
              </View>
            </View>
          )
        })}
      </StateView>
    </PageShell>
  )
})

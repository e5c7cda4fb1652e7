import { View } from '@tarojs/components'
import { useEffect } from 'react'
import { observer } from 'mobx-react-lite'
import { useFreshList } from '../../../components/fresh-list'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { Toggle } from '../../../components/toggle'
import { COMPLAINT_STATUSES, FEEDBACK_STATUS_LABELS, REPLY_DUE_DAYS, ACCEPT_DUE_HOURS } from '../../../contract'
import { useStores } from '../../../stores/context'
import { Chips } from '../shared/chips'
import { ItemCard } from '../shared/item-card'
import { ThemeFilter, ThemeLine } from '../../voice/shared/theme-filter'
import '../shared/feedback.scss'

const ALL = 'all'
const STATUS_OPTIONS = [
  { value: ALL, label: '未办结' },
  ...COMPLAINT_STATUSES.map((status) => ({ value: status, label: FEEDBACK_STATUS_LABELS[status] })),
]

export default observer(function QueuePage() {
  const { feedback, voiceTags } = useStores()
  const { queueFilter } = feedback
  useFreshList(() => feedback.loadQueue())
  useEffect(
    () =>
      void voiceTags.load(
        'complaint',
        feedback.queue.map((item) => item.id),
      ),
    [voiceTags, feedback.queue],
  )
  return (
    <PageShell>
      <View className='rx-title'>投诉处理</View>
      <View className='rx-muted'>
        时限：{ACCEPT_DUE_HOURS}小时内受理，{REPLY_DUE_DAYS}天内回复
      </View>
      <Chips
        label='状态'
        options={STATUS_OPTIONS}
        isOn={(value) => (queueFilter.status ?? ALL) === value}
        onTap={(value) => feedback.setQueueFilter({ status: COMPLAINT_STATUSES.find((s) => s === value) ?? null })}
      />
      <View className='rx-card rx-row'>
        <View>只看已超时</View>
        <Toggle
          label='只看已超时'
          checked={queueFilter.overdueOnly}
          onChange={(overdueOnly) => feedback.setQueueFilter({ overdueOnly })}
        />
      </View>
      <ThemeFilter />
      <StateView
        status={feedback.queueLoading.status}
        error={feedback.queueLoading.error}
        errorCode={feedback.queueLoading.code}
        empty={feedback.queue.length === 0}
        emptyText='没有需要处理的投诉'
        onRetry={() => void feedback.loadQueue()}
      >
        {feedback.queue
          .filter((item) => voiceTags.shows(item.id))
          .map((item) => (
            <View key={item.id}>
              <ItemCard item={item} />
              <ThemeLine id={item.id} />
            </View>
          ))}
      </StateView>
    </PageShell>
  )
})

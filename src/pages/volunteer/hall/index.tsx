import { Button, View } from '@tarojs/components'
import { formatClock } from '../../../contract/when'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { useFreshList } from '../../../components/fresh-list'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { STATIONS, type OpenHelpRequest } from '../../../contract'
import { useStores } from '../../../stores/context'
import { ChoiceGrid, plainChoices } from '../../../components/choice-grid'
import { PublishedExcellentCard } from '../shared/excellent-list'
import { RequestSummary } from '../shared/request-summary'
import { StarBadge } from '../shared/star-badge'
import '../shared/volunteer.scss'

const ShiftCard = observer(function ShiftCard() {
  const { volunteer } = useStores()
  const shift = volunteer.hall?.shift
  const star = volunteer.hall?.star
  if (shift) {
    return (
      <View className='rx-card'>
        <View className='vol-status'>
          值班中 · {shift.station} {star && <StarBadge star={star} />}
        </View>
        <View className='rx-muted'>{formatClock(shift.startedAt)} 上岗，下拉或每10秒刷新</View>
        <Button
          className='rx-button rx-button--plain'
          loading={volunteer.endingShift.isPending}
          onClick={() => void volunteer.endShift()}
        >
          下岗
        </Button>
      </View>
    )
  }
  return (
    <View className='rx-card'>
      <View className='rx-title'>选择服务岗位</View>
      <ChoiceGrid
        label='服务岗位'
        columns={3}
        choices={plainChoices(STATIONS)}
        isOn={(station) => volunteer.station === station}
        onPick={(station) => volunteer.setStation(station)}
      />
      <Button
        className='rx-button'
        loading={volunteer.startingShift.isPending}
        onClick={() => void volunteer.startShift()}
      >
        上岗
      </Button>
    </View>
  )
})

const RequestCard = observer(function RequestCard({ request, mine }: { request: OpenHelpRequest; mine: boolean }) {
  const { volunteer } = useStores()
  const button = (action: 'claim' | 'release' | 'complete', label: string, plain = false) => (
    <Button
      className={plain ? 'rx-button rx-button--plain' : 'rx-button'}
      loading={volunteer.isBusy(action, request.id)}
      onClick={() => void volunteer.act(action, request.id)}
    >
      {label}
    </Button>
  )
  return (
    <View className='rx-card' aria-label={`${request.need}呼叫`}>
      {request.assigned && <View className='vol-tag vol-tag--info'>服务台指派</View>}
      <RequestSummary {...request} />
      <View className='rx-muted'>
        患者 {request.patientName}
        {mine ? '' : ` · 已等待 ${request.waitingMinutes} 分钟`}
      </View>
      {mine ? (
        <View className='rx-row'>
          {button('complete', '完成服务')}
          {button('release', '放回队列', true)}
        </View>
      ) : (
        button('claim', '接单')
      )}
    </View>
  )
})

export default observer(function HallPage() {
  const { volunteer } = useStores()
  useFreshList(
    () => Promise.all([volunteer.loadHall(), volunteer.recognition.loadList()]),
    () => Promise.all([volunteer.loadHall(true), volunteer.recognition.loadList()]),
  )
  useEffect(() => volunteer.watchHall(), [volunteer])
  const { hall, hallLoading } = volunteer
  return (
    <PageShell>
      <StateView
        status={hallLoading.status}
        error={hallLoading.error}
        errorCode={hallLoading.code}
        onRetry={() => void volunteer.loadHall()}
      >
        <ShiftCard />
        {hall && hall.mine.length > 0 && (
          <View>
            <View className='rx-title'>我正在服务</View>
            {hall.mine.map((request) => (
              <RequestCard key={request.id} request={request} mine />
            ))}
          </View>
        )}
        {hall?.shift && (
          <View>
            <View className='rx-title'>等待帮助的患者（{hall.waiting.length}）</View>
            <StateView status='ready' empty={hall.waiting.length === 0} emptyText='暂时没有等待的患者'>
              {hall.waiting.map((request) => (
                <RequestCard key={request.id} request={request} mine={false} />
              ))}
            </StateView>
          </View>
        )}
      </StateView>
      <PublishedExcellentCard />
    </PageShell>
  )
})

import { Button, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { SessionView } from '../../../contract'
import { useFreshList } from '../../../components/fresh-list'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { useStores } from '../../../stores/context'
import { sessionTime, studyPage } from '../format'
import '../study.scss'

const go = (page: string, id?: string) => void Taro.navigateTo({ url: studyPage(page, id) })

async function confirmCancel(session: SessionView, cancel: (id: string) => Promise<void>) {
  const { confirm } = await Taro.showModal({ title: '取消学习活动', content: `确定取消“${session.title}”吗？` })
  if (confirm) await cancel(session.id)
}

const OrganizedCard = observer(function OrganizedCard({ session }: { session: SessionView }) {
  const { study } = useStores()
  const cancelled = session.status === 'cancelled'
  const ended = Date.parse(session.endAt) <= Date.now()
  return (
    <View className='rx-card'>
      <View className='rx-row'>
        <View className='rx-title'>{session.title}</View>
        {cancelled && <View className='study-tag study-tag--muted'>已取消</View>}
      </View>
      <View>{`${session.type} · ${sessionTime(session)}`}</View>
      <View className='study-session__meta'>{`${session.location} · ${session.audienceLabel} · ${session.creditHours} 学时`}</View>
      {!cancelled && (
        <View className='study-actions'>
          <Button className='rx-button' onClick={() => go('qr', session.id)}>
            签到二维码
          </Button>
          <Button className='rx-button' onClick={() => go('live', session.id)}>
            到会情况
          </Button>
          {!ended && (
            <Button className='rx-button rx-button--plain' onClick={() => go('session-form', session.id)}>
              修改
            </Button>
          )}
          {!ended && (
            <Button
              className='rx-button rx-button--plain'
              onClick={() => void confirmCancel(session, (id) => study.cancelSession(id))}
            >
              取消活动
            </Button>
          )}
        </View>
      )}
    </View>
  )
})

export default observer(function OrganizePage() {
  const { study } = useStores()
  useFreshList(() => study.loadOrganized())
  return (
    <PageShell>
      <Button className='rx-button' onClick={() => go('session-form')}>
        发起学习活动
      </Button>
      <View className='rx-title'>近期活动</View>
      <StateView
        status={study.organizedLoading.status}
        error={study.organizedLoading.error}
        errorCode={study.organizedLoading.code}
        empty={study.organized.length === 0}
        emptyText='还没有组织过学习活动'
        onRetry={() => void study.loadOrganized()}
      >
        {study.organized.map((session) => (
          <OrganizedCard key={session.id} session={session} />
        ))}
      </StateView>
    </PageShell>
  )
})

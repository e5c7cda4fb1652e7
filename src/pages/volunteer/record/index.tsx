import { Button, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { useStores } from '../../../stores/context'
import { formatHours } from '../../../stores/volunteer-store'
import '../shared/volunteer.scss'

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <View className='vol-stat'>
      <View className='rx-muted'>{label}</View>
      <View className='vol-stat__value'>{value}</View>
    </View>
  )
}

export default observer(function RecordPage() {
  const { volunteer } = useStores()
  useEffect(() => {
    void volunteer.loadRecord()
  }, [volunteer])
  const { record, recordLoading } = volunteer
  return (
    <PageShell>
      <StateView status={recordLoading.status} error={recordLoading.error} onRetry={() => void volunteer.loadRecord()}>
        {record && (
          <View>
            <View className='rx-title'>{record.year} 年</View>
            <View className='vol-stats'>
              <Stat label='今年服务时长' value={formatHours(record.minutesThisYear)} />
              <Stat label='今年服务次数' value={`${record.servedThisYear} 次`} />
              <Stat label='累计服务时长' value={formatHours(record.minutesAllTime)} />
              <Stat label='累计服务次数' value={`${record.servedAllTime} 次`} />
              <Stat
                label={`平均评分（${record.ratingCount} 条评价）`}
                value={record.averageRating === null ? '暂无' : `${record.averageRating.toFixed(1)} 分`}
              />
            </View>
          </View>
        )}
      </StateView>
      <Button
        className='rx-button rx-button--plain'
        onClick={() => void Taro.navigateTo({ url: '/pages/volunteer/ranking/index' })}
      >
        查看年度服务排行
      </Button>
    </PageShell>
  )
})

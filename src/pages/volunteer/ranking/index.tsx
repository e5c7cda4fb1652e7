import { Button, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { useStores } from '../../../stores/context'
import { currentYear, formatHours } from '../../../stores/volunteer-store'
import { saveCsv } from '../../../services/save-csv'
import '../shared/volunteer.scss'

export default observer(function RankingPage() {
  const { volunteer, identity } = useStores()
  useEffect(() => {
    void volunteer.loadRanking()
  }, [volunteer])
  const { ranking, rankingLoading, rankingYear } = volunteer
  const exportCsv = async () => {
    const exported = await volunteer.exportRanking()
    if (exported) await saveCsv(exported)
  }
  return (
    <PageShell>
      <View className='vol-year'>
        <Button className='rx-button rx-button--plain' onClick={() => void volunteer.loadRanking(rankingYear - 1)}>
          上一年
        </Button>
        <View className='rx-title vol-year__title'>{rankingYear} 年</View>
        <Button
          className={`rx-button rx-button--plain${rankingYear >= currentYear() ? ' vol-hidden' : ''}`}
          onClick={() => void volunteer.loadRanking(rankingYear + 1)}
        >
          下一年
        </Button>
      </View>
      <StateView
        status={rankingLoading.status}
        error={rankingLoading.error}
        empty={ranking.length === 0}
        emptyText='这一年还没有服务记录'
        onRetry={() => void volunteer.loadRanking()}
      >
        {ranking.map((row) => (
          <View key={row.userId} className='rx-card rx-row'>
            <View className='vol-status'>{row.rank}</View>
            <View>
              <View>
                {row.name}
                {row.team ? ` · ${row.team}服务队` : ''}
              </View>
              <View className='rx-muted'>
                {formatHours(row.minutes)} · {row.served} 次 ·{' '}
                {row.averageRating === null ? '暂无评分' : `${row.averageRating.toFixed(1)} 分`}
              </View>
            </View>
          </View>
        ))}
      </StateView>
      {identity.hasRole('admin') && (
        <Button className='rx-button' loading={volunteer.exporting.isPending} onClick={() => void exportCsv()}>
          导出 {rankingYear} 年排行（CSV，优秀志愿者评选）
        </Button>
      )}
    </PageShell>
  )
})

import { Button, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useFreshList } from '../../../components/fresh-list'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { useStores } from '../../../stores/context'
import { chinaYear } from '../../../contract/month'
import { formatHours } from '../../../contract/month'
import { saveCsv } from '../../../services/save-csv'
import { StarBadge } from '../shared/star-badge'
import '../shared/volunteer.scss'

export default observer(function RankingPage() {
  const { volunteer, identity } = useStores()
  const records = volunteer.records
  useFreshList(() => records.loadRanking())
  const { ranking, rankingLoading, rankingYear } = records
  const exportCsv = async () => {
    const exported = await records.exportRanking()
    if (exported) await saveCsv(exported)
  }
  return (
    <PageShell>
      <View className='vol-year'>
        <Button className='rx-button rx-button--plain' onClick={() => void records.loadRanking(rankingYear - 1)}>
          上一年
        </Button>
        <View className='rx-title vol-year__title'>{rankingYear} 年</View>
        <Button
          className={`rx-button rx-button--plain${rankingYear >= chinaYear(new Date()) ? ' vol-hidden' : ''}`}
          onClick={() => void records.loadRanking(rankingYear + 1)}
        >
          下一年
        </Button>
      </View>
      <StateView
        status={rankingLoading.status}
        error={rankingLoading.error}
        errorCode={rankingLoading.code}
        empty={ranking.length === 0}
        emptyText='这一年还没有服务记录'
        onRetry={() => void records.loadRanking()}
      >
        {ranking.map((row) => (
          <View key={row.userId} className='rx-card rx-row'>
            <View className='vol-status'>{row.rank}</View>
            <View>
              <View>
                {row.name}
                {row.team ? ` · ${row.team}服务队` : ''} <StarBadge star={row.star} />
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
        <Button className='rx-button' loading={records.exporting.isPending} onClick={() => void exportCsv()}>
          导出 {rankingYear} 年排行（CSV，优秀志愿者评选）
        </Button>
      )}
    </PageShell>
  )
})

import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useFreshList } from '../../../components/fresh-list'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import type { RateFigure } from '../../../contract'
import { monthOf } from '../../../contract/month'
import { useStores } from '../../../stores/context'
import { formatDate, formatMonth } from '../../../contract/when'
import { percent, rateText, targetClass } from '../shared/format'
import { MonthStepper } from '../shared/month-stepper'
import { TrendChart } from './trend-chart'
import './index.scss'

function Figure({ label, figure }: { label: string; figure: RateFigure }) {
  return (
    <View className='sv-figure'>
      <View className='rx-muted'>{label}</View>
      <View className={`sv-figure__value ${targetClass(figure)}`}>{rateText(figure)}</View>
      <View className='rx-muted'>{figure.answered} 份</View>
    </View>
  )
}

/** 满意度公示: hospital and department satisfaction against the 95% target, open to everyone signed in. */
export default observer(function BoardPage() {
  const { survey } = useStores()
  const { board: store } = survey
  const { board, loading } = store

  useFreshList(() => store.load())

  return (
    <PageShell>
      <View className='rx-title'>满意度公示</View>
      {board && <MonthStepper month={board.month} latest={monthOf(new Date())} onStep={(d) => void store.step(d)} />}
      <StateView
        status={loading.status}
        error={loading.error}
        errorCode={loading.code}
        empty={!board}
        onRetry={() => void store.load()}
      >
        {board && (
          <View>
            <View className='rx-card'>
              <View className='board-heading'>全院满意度（目标 ≥ {percent(board.target, 0)}）</View>
              <View className='sv-figures'>
                <Figure label={formatMonth(board.month)} figure={board.hospital.current} />
                <Figure label={formatMonth(board.previousMonth)} figure={board.hospital.previous} />
              </View>
            </View>

            <View className='rx-card'>
              <View className='board-heading'>近12个月趋势</View>
              <TrendChart board={board} />
            </View>

            <View className='rx-card' aria-label='你说·我们做'>
              <View className='board-heading'>你说·我们做</View>
              {board.improvements.length === 0 ? (
                <View className='rx-muted'>各科室根据患者意见作出的改进会在这里公布。</View>
              ) : (
                board.improvements.map((item) => (
                  <View key={item.id} className='improvement'>
                    <View className='improvement__meta rx-muted'>
                      {item.departmentName} · {formatDate(item.publishedOn)}
                    </View>
                    <View className='improvement__said'>
                      <Text className='improvement__tag'>你说</Text>
                      {item.said}
                    </View>
                    <View className='improvement__did'>
                      <Text className='improvement__tag improvement__tag--did'>我们做</Text>
                      {item.did}
                    </View>
                  </View>
                ))
              )}
            </View>

            <View className='rx-card' aria-label='各科室满意度'>
              <View className='board-heading'>各科室</View>
              <View className='board-row board-row--head rx-muted'>
                <View className='board-row__name'>科室</View>
                <View className='board-row__rate'>本月</View>
                <View className='board-row__rate'>上月</View>
              </View>
              {board.departments.map((row) => (
                <View key={row.departmentId} className='board-row' aria-label={row.departmentName}>
                  <View className='board-row__name'>{row.departmentName}</View>
                  <View className={`board-row__rate ${targetClass(row.current)}`}>{rateText(row.current)}</View>
                  <View className={`board-row__rate ${targetClass(row.previous)}`}>{rateText(row.previous)}</View>
                </View>
              ))}
              <View className='rx-muted'>
                满意率 = 总体满意度选“满意”或“非常满意”的比例，按就诊月份统计；当月不足 {board.minSample}{' '}
                份只公布份数，显示“样本不足”。
              </View>
            </View>
          </View>
        )}
      </StateView>
    </PageShell>
  )
})

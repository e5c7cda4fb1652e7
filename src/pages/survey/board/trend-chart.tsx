import { View } from '@tarojs/components'
import type { Board } from '../../../contract'
import { percent } from '../shared/format'

/** Rates below this sit at the bottom of the chart: the interesting band is near the target. */
const FLOOR = 0.8

const heightOf = (rate: number) => `${(Math.max(0, rate - FLOOR) / (1 - FLOOR)) * 100}%`

/** Twelve months of the hospital-wide rate as bars, with the target as a line across them. */
export function TrendChart({ board }: { board: Board }) {
  return (
    <View className='board-chart' aria-label='近12个月全院满意度'>
      <View className='board-chart__plot'>
        <View className='board-chart__target' style={{ bottom: heightOf(board.target) }} />
        {board.trend.map((point) => (
          <View key={point.month} className='board-chart__slot'>
            <View className='board-chart__value'>{point.rate === null ? '—' : (point.rate * 100).toFixed(1)}</View>
            <View
              className={
                point.rate === null
                  ? 'board-chart__bar board-chart__bar--few'
                  : point.metTarget
                    ? 'board-chart__bar'
                    : 'board-chart__bar board-chart__bar--missed'
              }
              style={{ height: point.rate === null ? '2%' : heightOf(point.rate) }}
            />
          </View>
        ))}
      </View>
      <View className='board-chart__axis'>
        {board.trend.map((point) => (
          <View key={point.month} className='board-chart__tick'>
            {Number(point.month.slice(5))}月
          </View>
        ))}
      </View>
      <View className='rx-muted'>
        柱上数字为满意率（%），虚线为目标 {percent(board.target, 0)}，纵轴自 {percent(FLOOR, 0)}{' '}
        起；红色未达标，灰色样本不足
      </View>
    </View>
  )
}

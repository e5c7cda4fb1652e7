import { Button, Picker, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { ChoiceGrid, type Choice } from '../../../components/choice-grid'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { useStores } from '../../../stores/context'
import type { StudyType } from '../../../contract'
import { formatMonth } from '../../../contract/when'
import { typesIn } from '../../../stores/study/stats-chart'
import { percent } from '../format'
import '../study.scss'

const RangePicker = observer(function RangePicker({ field, label }: { field: 'from' | 'to'; label: string }) {
  const { study } = useStores()
  return (
    <View className='rx-field'>
      <View>{label}</View>
      <Picker
        mode='date'
        value={study.statsRange[field]}
        onChange={(e) => study.setStatsRange({ [field]: String(e.detail.value) })}
      >
        <View className='rx-input study-picker'>{study.statsRange[field]}</View>
      </Picker>
    </View>
  )
})

/** Attendance by month as bars, one type at a time or all together, instead of a row per month and type. */
const MonthChart = observer(function MonthChart() {
  const { study } = useStores()
  const types = typesIn(study.stats?.byTypeMonth ?? [])
  const choices: Choice<StudyType | null>[] = [
    { value: null, label: '全部' },
    ...types.map((type) => ({ value: type, label: type })),
  ]
  return (
    <View className='rx-card'>
      <View className='rx-title'>各月出勤率</View>
      <ChoiceGrid
        label='学习类型'
        choices={choices}
        isOn={(value) => study.statsChartType === value}
        onPick={(value) => study.setStatsChartType(value)}
        columns={3}
      />
      <View className='study-chart' role='list' aria-label='各月出勤率'>
        {study.statsBars.map((bar) => (
          <View key={bar.month} className='study-chart__row' role='listitem'>
            <View className='study-chart__month'>{formatMonth(bar.month)}</View>
            <View className='study-chart__track'>
              <View className='study-chart__bar' style={{ width: `${Math.round((bar.rate ?? 0) * 100)}%` }} />
            </View>
            <View className='study-chart__value'>{`${percent(bar.rate)} · ${bar.sessions}次`}</View>
          </View>
        ))}
      </View>
    </View>
  )
})

export default observer(function StatsPage() {
  const { study } = useStores()
  useEffect(() => void study.loadStats(), [study])
  const { stats } = study
  return (
    <PageShell>
      <View className='rx-card'>
        <View className='rx-row study-times'>
          <RangePicker field='from' label='从' />
          <RangePicker field='to' label='到' />
        </View>
        <Button className='rx-button' loading={study.statsLoading.isLoading} onClick={() => void study.loadStats()}>
          查询
        </Button>
      </View>
      <StateView
        status={stats ? 'ready' : study.statsLoading.status}
        error={study.statsLoading.error}
        errorCode={study.statsLoading.code}
        empty={stats?.sessions === 0}
        emptyText='这段时间没有学习活动'
        onRetry={() => void study.loadStats()}
      >
        {stats && (
          <View>
            <View className='rx-card'>
              <View className='rx-title'>学习积极分子（按学时）</View>
              {stats.topLearners.map((row) => (
                <View key={row.userId} className='study-table__row'>
                  <View>{`${row.rank}. ${row.name}（${row.departmentName}）`}</View>
                  <View>{`${row.creditHours} 学时 · ${row.sessions} 次`}</View>
                </View>
              ))}
            </View>
            <View className='rx-card'>
              <View className='rx-title'>{`各科室出勤率（共 ${stats.sessions} 次活动）`}</View>
              {stats.byDepartment.map((row) => (
                <View key={row.departmentId} className='study-table__row'>
                  <View>{row.departmentName}</View>
                  <View>{`${percent(row.rate)} · 到 ${row.attended}/${row.expected - row.excused}`}</View>
                </View>
              ))}
            </View>
            <MonthChart />
          </View>
        )}
      </StateView>
    </PageShell>
  )
})

import { View } from '@tarojs/components'
import { ChoiceGrid } from '../../../components/choice-grid'
import { formatMonth } from '../../../contract/when'
import { MonthStepper } from './month-stepper'

export const RANGE_LENGTHS = [1, 3, 6, 12] as const

interface RangePickerProps {
  from: string
  to: string
  months: number
  latest: string
  onMonths: (months: number) => void
  onStep: (delta: number) => void
}

/** One control for a range of months: how long, and which month it ends with. */
export function RangePicker({ from, to, months, latest, onMonths, onStep }: RangePickerProps) {
  return (
    <View className='rx-card' role='group' aria-label='统计区间'>
      <ChoiceGrid
        label='统计月数'
        choices={RANGE_LENGTHS.map((n) => ({ value: n, label: n === 12 ? '近一年' : `近${n}个月` }))}
        isOn={(value) => value === months}
        onPick={onMonths}
        columns={2}
      />
      <MonthStepper label='截至' month={to} latest={latest} onStep={onStep} />
      <View className='rx-muted' aria-label='统计区间说明'>
        {months === 1 ? formatMonth(to) : `${formatMonth(from)}至${formatMonth(to)}，共${months}个月`}
      </View>
    </View>
  )
}

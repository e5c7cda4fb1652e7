import { Button, View } from '@tarojs/components'
import { formatMonth } from '../../../contract/when'
import './survey.scss'

interface MonthStepperProps {
  label?: string
  month: string
  /** The last month that may be chosen (this month). */
  latest: string
  onStep: (delta: number) => void
}

/** A month picker elderly people can use: two big arrows around the month. */
export function MonthStepper({ label, month, latest, onStep }: MonthStepperProps) {
  return (
    <View className='sv-stepper' aria-label={label ?? '月份'}>
      <Button className='rx-button rx-button--plain sv-stepper__arrow' onClick={() => onStep(-1)}>
        上月
      </Button>
      <View className='sv-stepper__month'>
        {label && <View className='rx-muted'>{label}</View>}
        {formatMonth(month)}
      </View>
      <Button
        className='rx-button rx-button--plain sv-stepper__arrow'
        disabled={month >= latest}
        onClick={() => onStep(1)}
      >
        下月
      </Button>
    </View>
  )
}

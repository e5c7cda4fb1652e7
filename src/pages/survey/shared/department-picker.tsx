import { Picker, View } from '@tarojs/components'
import type { Department } from '../../../contract'
import './survey.scss'

interface DepartmentPickerProps {
  departments: Department[]
  value: string | null
  onChange: (departmentId: string | null) => void
  /** When given, the first choice: every department (`null`). */
  allLabel?: string
}

/** An administrator's choice of department, as one large field that opens the system picker. */
export function DepartmentPicker({ departments, value, onChange, allLabel }: DepartmentPickerProps) {
  const choices = [...(allLabel ? [{ id: null, name: allLabel }] : []), ...departments]
  const current = choices.find((choice) => choice.id === value)
  return (
    <Picker
      mode='selector'
      range={choices.map((choice) => choice.name)}
      value={Math.max(0, choices.indexOf(current ?? choices[0]))}
      onChange={(e) => onChange(choices[Number(e.detail.value)].id)}
    >
      <View className='rx-input sv-picker' aria-label='选择科室'>
        {current?.name ?? '请选择科室'}
      </View>
    </Picker>
  )
}

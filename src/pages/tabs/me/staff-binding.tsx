import { Button, View } from '@tarojs/components'
import { FieldError } from '../../../components/field-error'
import { observer } from 'mobx-react-lite'
import { TextField } from '../../../components/text-field'
import { useStores } from '../../../stores/context'

/** 职工认证: match the person to the staff roster; an admin approves. */
export const StaffBindingCard = observer(function StaffBindingCard() {
  const { identity } = useStores()
  const { me, staffForm, staffBinding } = identity
  if (!me || me.roles.includes('staff')) return null
  if (me.staff?.status === 'pending') {
    return (
      <View className='rx-card'>
        <View className='rx-title'>职工认证</View>
        <View>
          工号 {me.staff.employeeNo}（{me.staff.name}）已提交，等待管理员审核。
        </View>
      </View>
    )
  }
  return (
    <View className='rx-card'>
      <View className='rx-title'>职工认证</View>
      {me.staff?.status === 'rejected' && <View className='rx-field__error'>上次认证未通过，请核对后重新提交</View>}
      <TextField
        label='工号'
        value={staffForm.employeeNo}
        placeholder='如 H0123'
        onInput={(employeeNo) => identity.setStaffForm({ employeeNo })}
        error={staffBinding.fieldError('employeeNo')}
      />
      <TextField
        label='姓名'
        value={staffForm.name}
        placeholder='与院内登记一致'
        onInput={(name) => identity.setStaffForm({ name })}
        error={staffBinding.fieldError('name')}
      />
      {staffBinding.error && <FieldError message={staffBinding.error} />}
      <Button className='rx-button' loading={staffBinding.isPending} onClick={() => void identity.bindStaff()}>
        提交认证
      </Button>
    </View>
  )
})

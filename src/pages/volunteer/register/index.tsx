import { Button, View } from '@tarojs/components'
import { FieldError, scrollToFirstError } from '../../../components/field-error'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { TextField } from '../../../components/text-field'
import { VOLUNTEER_SKILLS, VOLUNTEER_TEAMS, type VolunteerProfile } from '../../../contract'
import { useStores } from '../../../stores/context'
import { ChoiceGrid, plainChoices } from '../../../components/choice-grid'
import '../shared/volunteer.scss'

const TEAMS = VOLUNTEER_TEAMS.map((team) => ({ value: team, label: `${team}服务队` }))

const RegisterForm = observer(function RegisterForm() {
  const { volunteer } = useStores()
  const { registerForm, registering } = volunteer
  const text = (label: string, key: 'name' | 'phone' | 'availability', placeholder: string) => (
    <TextField
      label={label}
      type={key === 'phone' ? 'number' : 'text'}
      value={registerForm[key]}
      placeholder={placeholder}
      onInput={(value) => volunteer.setRegisterForm({ [key]: value })}
      error={registering.fieldError(key)}
    />
  )
  return (
    <View className='rx-card'>
      <View className='rx-title'>志愿者报名</View>
      {text('姓名', 'name', '请填写真实姓名')}
      {text('手机号', 'phone', '仅管理员可见')}
      <View className='rx-field'>
        <View>服务队</View>
        <ChoiceGrid
          label='服务队'
          choices={TEAMS}
          isOn={(team) => registerForm.team === team}
          onPick={(team) => volunteer.setRegisterForm({ team })}
        />
        <FieldError message={registering.fieldError('team')} />
      </View>
      <View className='rx-field'>
        <View>特长（可多选）</View>
        <ChoiceGrid
          label='特长'
          columns={3}
          choices={plainChoices(VOLUNTEER_SKILLS)}
          multiple
          isOn={(skill) => registerForm.skills.includes(skill)}
          onPick={(skill) => volunteer.toggleSkill(skill)}
        />
      </View>
      {text('可服务时间', 'availability', '如“周二、周四上午”')}
      {registering.error && <FieldError message={registering.error} />}
      <Button
        className='rx-button'
        loading={registering.isPending}
        onClick={() => void volunteer.register().then(scrollToFirstError)}
      >
        提交报名
      </Button>
    </View>
  )
})

function ProfileCard({ profile, onReapply }: { profile: VolunteerProfile; onReapply: () => void }) {
  return (
    <View className='rx-card'>
      {profile.status === 'pending' && <View className='vol-status'>报名已提交，等待审核</View>}
      {profile.status === 'approved' && <View className='vol-status'>您已是注册志愿者</View>}
      {profile.status === 'rejected' && (
        <View>
          <View className='vol-status'>报名未通过</View>
          <View className='rx-field__error'>原因：{profile.reason}</View>
        </View>
      )}
      <View>
        {profile.name} · {profile.team}服务队 · {profile.phone}
      </View>
      {profile.skills.length > 0 && <View className='rx-muted'>特长：{profile.skills.join('、')}</View>}
      <View className='rx-muted'>可服务时间：{profile.availability}</View>
      {profile.status === 'approved' && (
        <Button className='rx-button' onClick={() => void Taro.navigateTo({ url: '/pages/volunteer/hall/index' })}>
          去上岗接单
        </Button>
      )}
      {profile.status === 'rejected' && (
        <Button className='rx-button' onClick={onReapply}>
          修改后重新报名
        </Button>
      )}
    </View>
  )
}

export default observer(function RegisterPage() {
  const { volunteer, identity } = useStores()
  useEffect(() => volunteer.keepDrafts(), [volunteer])
  useEffect(() => {
    void volunteer.loadProfile()
  }, [volunteer])
  const { profile, profileLoading } = volunteer
  const newlyApproved = profile?.status === 'approved' && identity.me !== null && !identity.hasRole('volunteer')
  // The volunteer tab shows the hall only to the volunteer role, which approval has just granted.
  useEffect(() => {
    if (newlyApproved) void identity.load()
  }, [newlyApproved, identity])
  return (
    <PageShell>
      <StateView
        status={profileLoading.status}
        error={profileLoading.error}
        errorCode={profileLoading.code}
        onRetry={() => void volunteer.loadProfile()}
      >
        {profile ? <ProfileCard profile={profile} onReapply={() => volunteer.reapply()} /> : <RegisterForm />}
      </StateView>
    </PageShell>
  )
})

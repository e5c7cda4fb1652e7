import { Button, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { EntryGrid } from '../../../components/entry-grid'
import { visibleEntries } from '../../../components/entry-grid/visible'
import { PageShell } from '../../../components/page-shell'
import { useStores } from '../../../stores/context'
import { studyEntries } from './entries'

const STAFF_ROLES = ['staff', 'manager', 'admin'] as const

/** The invitation to an open 职工满意度调查 the person has not answered: shown until they do. */
const PulseCard = observer(function PulseCard() {
  const { staffSurvey } = useStores()
  const [campaign] = staffSurvey.answer.waiting
  if (!campaign) return null
  return (
    <View className='rx-card' role='region' aria-label='职工满意度调查'>
      <View className='rx-title'>{campaign.title}</View>
      <View className='rx-muted'>{`匿名填写，约3分钟，截止 ${campaign.closesOn}`}</View>
      <Button
        className='rx-button'
        onClick={() => void Taro.navigateTo({ url: `/pages/staff-survey/answer/index?id=${campaign.id}` })}
      >
        参与调查
      </Button>
    </View>
  )
})

export default observer(function StudyPage() {
  const { identity, staffSurvey } = useStores()
  const entries = visibleEntries(studyEntries, identity.roles)
  const isStaff = STAFF_ROLES.some((role) => identity.roles.includes(role))
  const loadPulse = () => {
    if (isStaff) void staffSurvey.answer.loadCampaigns()
  }
  useDidShow(loadPulse)
  // Roles arrive after the first show on a cold start.
  useEffect(loadPulse, [isStaff, staffSurvey])
  return (
    <PageShell>
      <View className='rx-title'>学习签到</View>
      {isStaff && <PulseCard />}
      {entries.length > 0 ? (
        <EntryGrid entries={entries} />
      ) : (
        <View className='rx-card' role='region' aria-label='学习签到说明'>
          <View className='rx-title'>这里是本院职工的学习签到</View>
          <View>职工参加三会一课、主题党日、业务学习等活动时，在这里扫码签到，学时自动记入个人学习记录。</View>
          <View className='rx-muted'>
            您是本院职工？在“我的”页面填写工号和姓名完成职工认证，管理员审核通过后即可使用。患者无需使用本页。
          </View>
          <Button className='rx-button' onClick={() => void Taro.switchTab({ url: '/pages/tabs/me/index' })}>
            去职工认证
          </Button>
        </View>
      )}
    </PageShell>
  )
})

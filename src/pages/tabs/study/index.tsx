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
        <View className='rx-card'>学习签到面向本院职工。请在“我的”页面完成职工认证，审核通过后即可扫码签到。</View>
      )}
    </PageShell>
  )
})

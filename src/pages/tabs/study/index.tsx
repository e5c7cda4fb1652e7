import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { EntryGrid } from '../../../components/entry-grid'
import { visibleEntries } from '../../../components/entry-grid/visible'
import { PageShell } from '../../../components/page-shell'
import { useStores } from '../../../stores/context'
import { studyEntries } from './entries'

export default observer(function StudyPage() {
  const { identity } = useStores()
  const entries = visibleEntries(studyEntries, identity.roles)
  return (
    <PageShell>
      <View className='rx-title'>学习签到</View>
      {entries.length > 0 ? (
        <EntryGrid entries={entries} />
      ) : (
        <View className='rx-card'>学习签到面向本院职工。请在“我的”页面完成职工认证，审核通过后即可扫码签到。</View>
      )}
    </PageShell>
  )
})

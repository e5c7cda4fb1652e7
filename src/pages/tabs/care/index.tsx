import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { EntryGrid } from '../../../components/entry-grid'
import { visibleEntries } from '../../../components/entry-grid/visible'
import { LargeTextEntry } from '../../../components/large-text-entry'
import { PageShell } from '../../../components/page-shell'
import { useStores } from '../../../stores/context'
import { careEntries, careToolEntries } from './entries'

export default observer(function CarePage() {
  const { identity } = useStores()
  const tools = visibleEntries(careToolEntries, identity.roles)
  return (
    <PageShell>
      <View className='rx-title'>您好，欢迎来到仁心服务</View>
      <View className='rx-muted'>评价就医体验、表扬医护人员、呼叫志愿者</View>
      <LargeTextEntry />
      <EntryGrid entries={visibleEntries(careEntries, identity.roles)} />
      {tools.length > 0 && (
        <View role='region' aria-label='管理工具'>
          <View className='rx-title'>管理工具</View>
          <EntryGrid entries={tools} />
        </View>
      )}
    </PageShell>
  )
})

import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { EntryGrid } from '../../../components/entry-grid'
import { visibleEntries } from '../../../components/entry-grid/visible'
import { PageShell } from '../../../components/page-shell'
import { useStores } from '../../../stores/context'
import { volunteerEntries } from './entries'

export default observer(function VolunteerPage() {
  const { identity } = useStores()
  return (
    <PageShell>
      <View className='rx-title'>文明就医引导</View>
      <View className='rx-muted'>志愿者在门诊大厅、住院部、急诊为患者带路和帮助</View>
      <EntryGrid entries={visibleEntries(volunteerEntries, identity.roles)} />
    </PageShell>
  )
})

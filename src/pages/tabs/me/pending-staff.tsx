import { Button, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useFreshList } from '../../../components/fresh-list'
import { StateView } from '../../../components/state-view'
import { useStores } from '../../../stores/context'

/** Admin: approve or reject staff who matched the roster. */
export const PendingStaffCard = observer(function PendingStaffCard() {
  const { identity } = useStores()
  // Shown again after approving elsewhere or switching tabs: the list must not need a full reload.
  useFreshList(() => identity.loadPendingStaff())
  const { pendingLoading, pendingStaff } = identity
  return (
    <View className='rx-card'>
      <View className='rx-title'>待审核职工</View>
      <StateView
        status={pendingLoading.status}
        error={pendingLoading.error}
        errorCode={pendingLoading.code}
        empty={pendingStaff.length === 0}
        emptyText='暂无待审核的职工认证'
        onRetry={() => void identity.loadPendingStaff()}
      >
        {pendingStaff.map((p) => (
          <View key={p.userId} className='rx-field'>
            <View>
              {p.name}（{p.employeeNo}） · {p.departmentName}
            </View>
            <View className='rx-row'>
              <Button className='rx-button' onClick={() => void identity.decideStaff(p.userId, true)}>
                通过
              </Button>
              <Button className='rx-button rx-button--plain' onClick={() => void identity.decideStaff(p.userId, false)}>
                驳回
              </Button>
            </View>
          </View>
        ))}
      </StateView>
    </View>
  )
})

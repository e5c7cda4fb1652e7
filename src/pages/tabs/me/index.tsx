import { Button, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { PageShell } from '../../../components/page-shell'
import { PRIVACY_POLICY_URL } from '../../../components/privacy-sheet'
import { StateView } from '../../../components/state-view'
import { Toggle } from '../../../components/toggle'
import { ROLE_LABELS, ROLES } from '../../../contract'
import { useStores } from '../../../stores/context'
import { PendingStaffCard } from './pending-staff'
import { StaffBindingCard } from './staff-binding'
import './index.scss'

export default observer(function MePage() {
  const { identity, ui } = useStores()
  const { me, loading } = identity
  return (
    <PageShell>
      <View className='rx-card'>
        <StateView
          status={loading.status}
          error={loading.error}
          errorCode={loading.code}
          onRetry={() => void identity.load()}
        >
          {me && (
            <View>
              <View className='rx-title'>{me.name || '微信用户'}</View>
              {me.departmentName && <View className='rx-muted'>{me.departmentName}</View>}
              <View className='me-roles' aria-label='我的身份'>
                {me.roles.map((role) => (
                  <View key={role} className='me-role'>
                    {ROLE_LABELS[role]}
                  </View>
                ))}
              </View>
            </View>
          )}
        </StateView>
      </View>

      <View className='rx-card rx-row'>
        <View>
          <View className='me-switch-label'>大字模式</View>
          <View className='rx-muted'>放大全部文字，方便阅读</View>
        </View>
        <Toggle label='大字模式' checked={ui.largeText} onChange={(on) => void identity.setLargeText(on)} />
      </View>

      <View className='rx-card'>
        <View className='me-switch-label'>我的个人信息</View>
        <View className='rx-muted'>收集了什么、谁能看到、保存多久；查看、导出或删除</View>
        <Button
          className='rx-button rx-button--plain'
          onClick={() => void Taro.navigateTo({ url: PRIVACY_POLICY_URL })}
        >
          个人信息保护政策
        </Button>
      </View>

      <StaffBindingCard />
      {identity.hasRole('admin') && <PendingStaffCard />}
      {identity.hasRole('admin') && (
        <View className='rx-card'>
          <View className='rx-title'>管理工具</View>
          <Button
            className='rx-button rx-button--plain'
            onClick={() => void Taro.navigateTo({ url: '/pages/identity/roster/index' })}
          >
            导入职工花名册
          </Button>
          <Button
            className='rx-button rx-button--plain'
            onClick={() => void Taro.navigateTo({ url: '/pages/survey/visits/index' })}
          >
            就诊导入与评价码
          </Button>
          <Button
            className='rx-button rx-button--plain'
            onClick={() => void Taro.navigateTo({ url: '/pages/voice/lexicon/index' })}
          >
            评论标注词典
          </Button>
        </View>
      )}

      {identity.canSwitchRole && (
        <View className='rx-card'>
          <View className='rx-title'>切换演示身份（仅开发版）</View>
          <View className='me-role-buttons'>
            {ROLES.map((role) => (
              <Button key={role} className='rx-button rx-button--plain' onClick={() => void identity.switchRole(role)}>
                {ROLE_LABELS[role]}
              </Button>
            ))}
          </View>
        </View>
      )}
    </PageShell>
  )
})

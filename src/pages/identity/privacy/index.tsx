import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { useStores } from '../../../stores/context'
import type { MyDataStore } from '../../../stores/my-data-store'
import { DATA_KINDS, SENSITIVE_TEXT_NOTE } from './sections'
import './index.scss'

const CONSENT_STATE = { granted: '已同意', declined: '未同意', none: '尚未询问' } as const

async function deleteAfterConfirm(myData: MyDataStore) {
  const { confirm } = await Taro.showModal({
    title: '删除我的个人信息',
    content: '将删除您的姓名、联系电话和您写下的文字，未完成的求助会取消。此操作不能撤销。',
    confirmText: '删除',
    confirmColor: '#b71c1c',
  })
  if (confirm) await myData.deleteAll()
}

const MyDataCard = observer(function MyDataCard() {
  const { myData } = useStores()
  return (
    <View className='rx-card'>
      <View className='rx-title'>查看、导出或删除</View>
      <Button className='rx-button rx-button--plain' onClick={() => void myData.load()}>
        查看我的全部个人信息
      </Button>
      {myData.loading.status !== 'idle' && (
        <StateView
          status={myData.loading.status}
          error={myData.loading.error}
          errorCode={myData.loading.code}
          onRetry={() => void myData.load()}
        >
          <Text className='privacy-export' selectable aria-label='我的个人信息'>
            {JSON.stringify(myData.data, null, 2)}
          </Text>
          <View className='rx-muted'>长按可复制全部内容</View>
        </StateView>
      )}
      <Button
        className='rx-button privacy-delete'
        loading={myData.deletion.isPending}
        onClick={() => void deleteAfterConfirm(myData)}
      >
        删除我的个人信息
      </Button>
    </View>
  )
})

const ConsentCard = observer(function ConsentCard() {
  const { identity } = useStores()
  const answer = identity.sensitiveText
  return (
    <View className='rx-card'>
      <View className='rx-title'>敏感个人信息：单独同意</View>
      <View>{SENSITIVE_TEXT_NOTE}</View>
      <View className='privacy-consent-state'>当前：{CONSENT_STATE[answer ?? 'none']}</View>
      {answer === 'granted' ? (
        <Button className='rx-button rx-button--plain' onClick={() => void identity.answerSensitiveText('declined')}>
          撤回同意
        </Button>
      ) : (
        <Button className='rx-button rx-button--plain' onClick={() => void identity.answerSensitiveText('granted')}>
          同意
        </Button>
      )}
    </View>
  )
})

export default observer(function PrivacyPolicyPage() {
  return (
    <PageShell privacySheet={false}>
      <View className='rx-title'>个人信息保护政策</View>
      <View className='rx-muted'>
        依照《个人信息保护法》，以下是仁心保存的每一类个人信息、谁能看到、保存多久，以及您如何查看、导出和删除。
      </View>
      {DATA_KINDS.map((kind) => (
        <View key={kind.title} className='rx-card privacy-kind' role='region' aria-label={kind.title}>
          <View className='privacy-kind__title'>{kind.title}</View>
          <View className='privacy-kind__row'>
            <Text className='privacy-kind__label'>收集什么：</Text>
            {kind.what}
          </View>
          <View className='privacy-kind__row'>
            <Text className='privacy-kind__label'>谁能看到：</Text>
            {kind.who}
          </View>
          <View className='privacy-kind__row'>
            <Text className='privacy-kind__label'>保存多久：</Text>
            {kind.kept}
          </View>
        </View>
      ))}
      <ConsentCard />
      <MyDataCard />
    </PageShell>
  )
})

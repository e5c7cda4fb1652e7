import { Button, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { PropsWithChildren } from 'react'
import { useStores } from '../../stores/context'
import { PRIVACY_POLICY_URL } from '../privacy-sheet'
import './index.scss'

/**
 * 单独同意 (个人信息保护法 art. 29): what a person writes about their treatment is sensitive personal
 * information, so the text field appears only once they have agreed. Asked once, remembered on the server.
 */
export const SensitiveTextGate = observer(function SensitiveTextGate({ children }: PropsWithChildren) {
  const { identity } = useStores()
  const answer = identity.sensitiveText
  if (answer === 'granted') return <>{children}</>
  return (
    <View className='sensitive-consent' role='group' aria-labelledby='sensitive-consent-title'>
      <View id='sensitive-consent-title' className='sensitive-consent__title'>
        {answer === 'declined' ? '您未同意填写就医相关文字' : '填写文字前，请您单独同意'}
      </View>
      <View>
        您写下的文字可能涉及病情、治疗和就医经历，属于敏感个人信息。我们只用它处理您这一次的事项，仅经办科室和管理员可见，您可以随时导出或删除。
      </View>
      {answer === 'declined' && <View className='rx-muted'>这里的文字不会填写和保存。需要时可改为同意。</View>}
      <Button className='rx-button' onClick={() => void identity.answerSensitiveText('granted')}>
        {answer === 'declined' ? '改为同意' : '同意并填写'}
      </Button>
      {answer === null && (
        <Button className='rx-button rx-button--plain' onClick={() => void identity.answerSensitiveText('declined')}>
          不同意
        </Button>
      )}
      <Button className='rx-button rx-button--plain' onClick={() => void Taro.navigateTo({ url: PRIVACY_POLICY_URL })}>
        查看《个人信息保护政策》
      </Button>
    </View>
  )
})

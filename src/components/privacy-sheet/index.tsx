import { Button, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../stores/context'
import { AgreeButton } from './agree-button'
import './index.scss'

export const PRIVACY_POLICY_URL = '/pages/identity/privacy/index'

/** What the app collects and why, in the words of the 用户隐私保护指引 declared to WeChat. */
const COLLECTED = [
  '摄像头：扫描就诊凭条和学习签到二维码',
  '聊天中的文件：管理员导入职工花名册、就诊名单',
  '手机号：志愿者报名、投诉回访时由您主动填写，用于联系您',
  '您填写的评价、表扬投诉和求助内容：用于处理您的事项',
]

/** The consent sheet shown before the first privacy-relevant API (or, on H5, on first use). */
export const PrivacySheet = observer(function PrivacySheet() {
  const { privacy } = useStores()
  if (privacy.asking === null) return null
  return (
    <View className='privacy-sheet' role='dialog' aria-modal='true' aria-labelledby='privacy-sheet-title'>
      <View className='privacy-sheet__panel'>
        <View id='privacy-sheet-title' className='rx-title'>
          用户隐私保护指引
        </View>
        <View>使用仁心前，请您了解我们会收集哪些信息、为什么收集：</View>
        <View className='privacy-sheet__list' role='list'>
          {COLLECTED.map((line) => (
            <View key={line} role='listitem' className='privacy-sheet__item'>
              {line}
            </View>
          ))}
        </View>
        <View className='rx-muted'>我们不会把您的信息用于其他目的，您可以随时在「我的」导出或删除您的信息。</View>
        <Button
          className='rx-button rx-button--plain'
          onClick={() => void Taro.navigateTo({ url: PRIVACY_POLICY_URL })}
        >
          查看《个人信息保护政策》
        </Button>
        <AgreeButton onAgree={() => privacy.respond('agree')} />
        <Button className='rx-button rx-button--plain' onClick={() => privacy.respond('disagree')}>
          不同意
        </Button>
      </View>
    </View>
  )
})

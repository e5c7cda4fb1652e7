import { Button, Input, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/context'

/** A mini-program code hands over its page path (`path`); an ordinary QR its text (`result`). */
async function scanVisitCode(): Promise<string | null> {
  try {
    const { result, path } = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })
    return path || result || null
  } catch {
    // Closing the camera is not an error worth telling anyone about.
    return null
  }
}

/**
 * How a patient brings a visit in: the 8-character code printed under the slip's QR, typed into
 * one large box (case, spaces and hyphens do not matter), or the camera in WeChat.
 */
export const CodeEntry = observer(function CodeEntry() {
  const { survey } = useStores()
  const { rating } = survey
  const scan = async () => {
    const scanned = await scanVisitCode()
    if (scanned) await rating.open(scanned)
  }
  return (
    <View className='rx-card code-entry'>
      <View className='rx-title'>满意度评价</View>
      {process.env.TARO_ENV === 'weapp' && (
        <>
          <Button className='rx-button' loading={rating.opening} onClick={() => void scan()}>
            扫一扫凭条上的二维码
          </Button>
          <View className='code-entry__or'>或输入评价码</View>
        </>
      )}
      <View className='rx-field'>
        <View>评价码（8位，印在就诊凭条二维码下方）</View>
        <Input
          className='rx-input code-entry__input'
          value={rating.codeInput}
          maxlength={40}
          placeholder='例如 7K3M-Q9PX'
          aria-label='评价码'
          onInput={(e) => rating.setCodeInput(e.detail.value.toUpperCase())}
          onConfirm={() => void rating.open(rating.codeInput)}
        />
        <View className='rx-muted'>就诊后30天内有效，每次就诊可评价一次。评价匿名，科室看不到您是谁。</View>
      </View>
      <Button
        className={process.env.TARO_ENV === 'weapp' ? 'rx-button rx-button--plain' : 'rx-button'}
        loading={rating.opening}
        onClick={() => void rating.open(rating.codeInput)}
      >
        开始评价
      </Button>
    </View>
  )
})

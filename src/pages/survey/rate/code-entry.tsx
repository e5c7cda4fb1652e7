import { Button, Input, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/context'

/** How a patient brings a visit in: the camera in WeChat, typing the code on the web. */
export const CodeEntry = observer(function CodeEntry() {
  const { survey } = useStores()
  const { rating } = survey
  if (process.env.TARO_ENV === 'weapp') {
    const scan = async () => {
      try {
        const { result } = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })
        await rating.open(result)
      } catch {
        // Closing the camera is not an error worth telling anyone about.
      }
    }
    return (
      <View className='rx-card'>
        <View className='rx-title'>扫码评价</View>
        <View className='rx-muted'>请扫描就诊凭条或出院小结上的二维码（30天内有效）</View>
        <Button className='rx-button' loading={rating.opening} onClick={() => void scan()}>
          扫一扫
        </Button>
      </View>
    )
  }
  return (
    <View className='rx-card'>
      <View className='rx-title'>输入评价码</View>
      <View className='rx-field'>
        <View className='rx-muted'>评价码印在就诊凭条或出院小结的二维码下方（30天内有效）</View>
        <Input
          className='rx-input'
          value={rating.codeInput}
          placeholder='请输入评价码'
          onInput={(e) => rating.setCodeInput(e.detail.value)}
        />
      </View>
      <Button className='rx-button' loading={rating.opening} onClick={() => void rating.open(rating.codeInput)}>
        开始评价
      </Button>
    </View>
  )
})

import { Button, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { PageShell } from '../../../components/page-shell'
import { useStores } from '../../../stores/context'
import { formatClock } from '../../../contract/when'
import { SHORT_CODE_LENGTH } from '../../../stores/study-store'
import '../study.scss'
import './index.scss'

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '', '0', '⌫']

async function scan(onScanned: (payload: string) => Promise<void>) {
  try {
    const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
    await onScanned(result)
  } catch {
    // closed the camera: the code keys stay there
  }
}

const Result = observer(function Result() {
  const { study } = useStores()
  const result = study.lastCheckIn
  if (!result) return null
  const notes = [result.late ? '迟到' : '', result.expected ? '' : '自愿参加'].filter(Boolean).join('，')
  return (
    <View className='rx-card check-in__result' role='status'>
      <View className='rx-title'>{result.repeated ? '您已签到过' : '签到成功'}</View>
      <View>{result.title}</View>
      <View className='rx-muted'>{`签到时间 ${formatClock(result.checkedInAt)}${notes ? `（${notes}）` : ''}`}</View>
      {!result.expected && <View className='rx-muted'>您不在本场的应到名单中，这次签到已记入您的学习记录。</View>}
      <Button className='rx-button rx-button--plain' onClick={() => study.checkInAnother()}>
        签到其他活动
      </Button>
    </View>
  )
})

export default observer(function CheckInPage() {
  const { study } = useStores()
  return (
    <PageShell>
      <Result />
      {/* Once signed in, the keypad goes away: the result is what the person came for. */}
      {!study.lastCheckIn && <CodeEntry />}
    </PageShell>
  )
})

const CodeEntry = observer(function CodeEntry() {
  const { study } = useStores()
  const digits = Array.from({ length: SHORT_CODE_LENGTH }, (_, i) => study.code[i] ?? '')
  const press = (key: string) => {
    if (key === '⌫') study.backspace()
    else if (key) study.pressDigit(key)
  }
  return (
    <>
      {process.env.TARO_ENV === 'weapp' && (
        <Button className='rx-button' onClick={() => void scan((payload) => study.checkInScanned(payload))}>
          扫描会场二维码
        </Button>
      )}
      <View className='rx-card'>
        <View className='rx-title'>输入签到码</View>
        <View className='rx-muted'>扫码不便时，请输入会场屏幕上的6位数字</View>
        <View className='check-in__code' aria-label='签到码'>
          {digits.map((digit, i) => (
            <View key={i} className='check-in__digit'>
              {digit}
            </View>
          ))}
        </View>
        {study.checkIn.error && (
          <View className='rx-field__error' role='alert'>
            {study.checkIn.error}
          </View>
        )}
        {study.checkIn.isPending && <View className='rx-muted'>正在签到…</View>}
        <View className='check-in__keys'>
          {KEYS.map((key, i) =>
            // The blank under 7 only keeps 0 in the middle column: nothing to press or announce.
            key === '' ? (
              <View key={i} className='check-in__key' aria-hidden />
            ) : (
              <View
                key={i}
                className='check-in__key'
                hoverClass='check-in__key--hover'
                role='button'
                aria-label={key === '⌫' ? '删除' : key}
                onClick={() => press(key)}
              >
                {key}
              </View>
            ),
          )}
        </View>
      </View>
    </>
  )
})

import { Button, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { FENCE_RADIUS_METERS } from '../../../contract'
import { TextField } from '../../../components/text-field'
import { devicePresence, pickFenceCentre } from '../../../services/presence'
import { useStores } from '../../../stores/context'

const isWeapp = process.env.TARO_ENV === 'weapp'

/** 现场核验: an optional location fence and Wi-Fi list; off unless the organizer sets one. */
export const PresenceFields = observer(function PresenceFields() {
  const { study, ui } = useStores()
  const { fenceCentre, fenceRadius, wifiBssids } = study.form
  const pick = async () => {
    const centre = await pickFenceCentre()
    if (centre) study.setForm({ fenceCentre: centre })
    else ui.toast('未能获取位置，请允许使用位置信息后重试')
  }
  const addWifi = async () => {
    const bssid = await devicePresence.wifiBssid()
    if (!bssid) ui.toast('请先连接会场 Wi-Fi')
    else if (!wifiBssids.includes(bssid)) study.setForm({ wifiBssids: [...wifiBssids, bssid] })
  }
  return (
    <View className='rx-card'>
      <View className='rx-title'>现场核验（可选）</View>
      <View className='rx-muted'>
        设定后，签到时须在会场范围内{isWeapp ? '或连接会场 Wi-Fi' : ''}
        ；位置只用于判断，不保存。无法定位的人员可由您在签到现场页确认。
      </View>
      {fenceCentre ? (
        <View>
          <View>{`签到地点：${fenceCentre.latitude.toFixed(5)}, ${fenceCentre.longitude.toFixed(5)}`}</View>
          <TextField
            label={`签到范围（米，${FENCE_RADIUS_METERS.min}–${FENCE_RADIUS_METERS.max}）`}
            type='number'
            value={fenceRadius}
            placeholder={String(FENCE_RADIUS_METERS.default)}
            onInput={(value) => study.setForm({ fenceRadius: value })}
            error={study.saving.fieldError('fence.radiusMeters')}
          />
          <View className='study-actions'>
            <Button className='rx-button rx-button--plain' onClick={() => void pick()}>
              重新选择地点
            </Button>
            <Button className='rx-button rx-button--plain' onClick={() => study.setForm({ fenceCentre: null })}>
              不限地点
            </Button>
          </View>
        </View>
      ) : (
        <Button className='rx-button rx-button--plain' onClick={() => void pick()}>
          {isWeapp ? '在地图上选择签到地点' : '使用我当前的位置作为签到地点'}
        </Button>
      )}
      {wifiBssids.map((bssid) => (
        <View key={bssid} className='study-table__row'>
          <View>{`会场 Wi-Fi ${bssid}`}</View>
          <Button
            className='rx-button rx-button--plain'
            onClick={() => study.setForm({ wifiBssids: wifiBssids.filter((b) => b !== bssid) })}
          >
            移除
          </Button>
        </View>
      ))}
      {isWeapp && (
        <Button className='rx-button rx-button--plain' onClick={() => void addWifi()}>
          添加当前连接的 Wi-Fi
        </Button>
      )}
    </View>
  )
})

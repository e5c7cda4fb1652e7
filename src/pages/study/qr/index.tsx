import { Image, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useMemo } from 'react'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { useStores } from '../../../stores/context'
import '../study.scss'
import { qrImageUrl } from '../../../utils/qr-image'
import './index.scss'

/** The projector screen: a QR code and a 6-digit code, both replaced every 15 seconds. */
export default observer(function QrPage() {
  const { study } = useStores()
  const id = useRouter().params.id ?? ''
  useEffect(() => {
    study.startQr(id)
    // The screen also shows who has arrived, from the organizer's live attendance.
    study.attendance.start(id)
    return () => {
      study.stopQr()
      study.attendance.stop()
    }
  }, [study, id])
  const { qr } = study
  const live = study.attendance.view
  const image = useMemo(() => (qr ? qrImageUrl(qr.payload) : ''), [qr])
  return (
    <PageShell>
      <StateView
        status={qr ? 'ready' : study.qrLoading.status}
        error={study.qrLoading.error ? `${study.qrLoading.error}（到时将自动显示）` : null}
      >
        {qr && (
          <View className='qr-screen'>
            {live && live.session.id === id && (
              <View className='qr-screen__session'>
                <View className='rx-title'>{live.session.title}</View>
                <View className='qr-screen__count' aria-live='polite' aria-label='已签到人数'>
                  {`已签到 ${live.totals.checkedIn} 人 / 应到 ${live.totals.expected} 人`}
                </View>
              </View>
            )}
            <View className='rx-title'>请用微信扫码签到</View>
            <Image className='qr-screen__image' src={image} aria-label='签到二维码' />
            <View className='rx-muted'>扫码不便可在“扫码签到”中输入</View>
            <View className='qr-screen__code' aria-label='签到码'>
              {qr.shortCode}
            </View>
            <View className='qr-screen__countdown'>{`${study.qrSecondsLeft} 秒后刷新`}</View>
          </View>
        )}
      </StateView>
    </PageShell>
  )
})

import { Button, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { TextField } from '../../../components/text-field'
import { useStores } from '../../../stores/context'
import { formatHours } from '../../../contract/month'
import '../shared/volunteer.scss'

const VERDICT = { valid: '证明有效', revoked: '证明已撤销', invalid: '查无此证明，编号可能有误或被改动' }

export default observer(function VerifyPage() {
  const { volunteer } = useStores()
  const certificates = volunteer.certificates
  const { params } = useRouter()
  useEffect(() => {
    if (params.number) void certificates.verify(decodeURIComponent(params.number))
  }, [certificates, params.number])
  const { check, checking } = certificates
  return (
    <PageShell>
      <View className='rx-card'>
        <TextField
          label='证明编号'
          value={certificates.number}
          placeholder='如 ZYFW-2026-…'
          onInput={(number) => certificates.setNumber(number)}
        />
        <Button
          className='rx-button'
          loading={checking.status === 'loading'}
          onClick={() => void certificates.verify()}
        >
          查验
        </Button>
      </View>
      {checking.status !== 'idle' && (
        <StateView
          status={checking.status}
          error={checking.error}
          errorCode={checking.code}
          onRetry={() => void certificates.verify()}
        >
          {check && (
            <View className='rx-card' aria-live='polite'>
              <View className='vol-status'>{VERDICT[check.status]}</View>
              {check.status !== 'invalid' && (
                <View>
                  <View>
                    服务期间：{check.periodFrom ?? '开始服务'} 至 {check.periodTo}
                  </View>
                  <View>服务时长：{formatHours(check.minutes)}</View>
                  <View>出具单位：{check.issuer}</View>
                </View>
              )}
            </View>
          )}
        </StateView>
      )}
    </PageShell>
  )
})

import { Button, Image, View } from '@tarojs/components'
import { formatDate } from '../../../contract/when'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { chinaYear } from '../../../contract/month'
import { apiBaseUrl } from '../../../services/api'
import { useStores } from '../../../stores/context'
import { formatHours } from '../../../contract/month'
import { qrImageUrl } from '../../../utils/qr-image'
import '../shared/volunteer.scss'

/** The page a QR on the paper opens: anyone can check the number there. */
const verifyUrl = (number: string) =>
  `${apiBaseUrl}/#/pages/volunteer/verify/index?number=${encodeURIComponent(number)}`

export default observer(function CertificatePage() {
  const { volunteer } = useStores()
  const certificates = volunteer.certificates
  useEffect(() => {
    void certificates.load()
  }, [certificates])
  const { certificate, loading, year } = certificates
  const thisYear = chinaYear(new Date())
  return (
    <PageShell>
      <View className='rx-row vol-no-print'>
        <Button
          className={year === null ? 'rx-button' : 'rx-button rx-button--plain'}
          onClick={() => void certificates.load(null)}
        >
          全部服务
        </Button>
        <Button
          className={year === thisYear ? 'rx-button' : 'rx-button rx-button--plain'}
          onClick={() => void certificates.load(thisYear)}
        >
          {thisYear} 年
        </Button>
        <Button
          className={year === thisYear - 1 ? 'rx-button' : 'rx-button rx-button--plain'}
          onClick={() => void certificates.load(thisYear - 1)}
        >
          {thisYear - 1} 年
        </Button>
      </View>
      <StateView
        status={loading.status}
        error={loading.error}
        errorCode={loading.code}
        onRetry={() => void certificates.load()}
      >
        {certificate && (
          <View className='rx-card vol-certificate' aria-label='志愿服务证明'>
            <View className='vol-certificate__title'>志愿服务证明</View>
            <View>
              兹证明 {certificate.name}
              {certificate.idLast4 ? `（身份证号后四位 ${certificate.idLast4}）` : ''}
              {certificate.periodFrom
                ? ` 于 ${certificate.periodFrom} 至 ${certificate.periodTo}`
                : ` 截至 ${certificate.periodTo}`}
              ，在本院参加志愿服务，累计服务时长 {formatHours(certificate.minutes)}，共 {certificate.services} 次。
            </View>
            <View>服务内容：{certificate.content}</View>
            <View>出具单位：{certificate.issuer}</View>
            <View>出具日期：{formatDate(certificate.issuedAt)}</View>
            <View>证明编号：{certificate.number}</View>
            {certificate.status === 'revoked' && <View className='vol-tag vol-tag--warn'>此证明已撤销</View>}
            <Image className='vol-certificate__qr' src={qrImageUrl(verifyUrl(certificate.number))} mode='aspectFit' />
            <View className='rx-muted'>扫码或凭证明编号查验真伪</View>
          </View>
        )}
      </StateView>
    </PageShell>
  )
})

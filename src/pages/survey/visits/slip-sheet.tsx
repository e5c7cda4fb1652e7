import { Image, View } from '@tarojs/components'
import { formatDate } from '../../../contract/when'
import { observer } from 'mobx-react-lite'
import { VISIT_TYPE_LABELS, type VisitCode } from '../../../contract'
import { useStores } from '../../../stores/context'

/** 7K3MQ9PX → 7K3M-Q9PX: two groups of four are easier to copy from paper. */
export const grouped = (shortCode: string) => `${shortCode.slice(0, 4)}-${shortCode.slice(4)}`

function Slip({ slip, image }: { slip: VisitCode; image: string | undefined }) {
  return (
    <View className='slip'>
      <View className='slip__call'>扫码评价本次就医</View>
      {image ? (
        <Image className='slip__qr' src={image} mode='aspectFit' aria-label='评价二维码' />
      ) : (
        <View className='slip__qr slip__qr--pending'>二维码生成中…</View>
      )}
      <View className='slip__code' aria-label='评价码'>
        {grouped(slip.shortCode)}
      </View>
      <View className='slip__meta'>
        {slip.departmentName} · {VISIT_TYPE_LABELS[slip.visitType]} · {formatDate(slip.visitDate)}
      </View>
      <View className='slip__note'>无法扫码时，在“仁心”小程序“满意度评价”中输入上方评价码。匿名评价，30天内有效。</View>
    </View>
  )
}

/** A print-ready A4 sheet of slips; the browser's print dialog prints only this. */
export const SlipSheet = observer(function SlipSheet() {
  const { survey } = useStores()
  const { visits } = survey
  return (
    <View className='slip-sheet' aria-label='评价码凭条'>
      {visits.slips.map((slip) => (
        <Slip key={slip.visitId} slip={slip} image={visits.qrImages[slip.visitId]} />
      ))}
    </View>
  )
})

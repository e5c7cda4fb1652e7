import { Button, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { saveCsv } from '../../../services/save-csv'
import { useStores } from '../../../stores/context'

const YearStepper = observer(function YearStepper() {
  const { recognition } = useStores().volunteer
  return (
    <View className='vol-year'>
      <Button className='rx-button rx-button--plain' onClick={() => recognition.stepYear(-1)}>
        上一年
      </Button>
      <View className='rx-title vol-year__title'>{recognition.year} 年</View>
      <Button
        className={`rx-button rx-button--plain${recognition.canGoForward ? '' : ' vol-hidden'}`}
        onClick={() => recognition.stepYear(1)}
      >
        下一年
      </Button>
    </View>
  )
})

/** The year's service of every volunteer, one line per service, for the national system's upload. */
export const NationalExportCard = observer(function NationalExportCard() {
  const { recognition } = useStores().volunteer
  const exportCsv = async () => {
    const exported = await recognition.exportNational()
    if (exported) await saveCsv(exported)
  }
  return (
    <View className='rx-card'>
      <View className='rx-title'>全国志愿服务记录导出</View>
      <View className='rx-muted'>每次服务一行：姓名、联系电话、服务队、日期、地点、内容、时长、评价、确认人</View>
      <YearStepper />
      <Button className='rx-button' loading={recognition.exportingNational.isPending} onClick={() => void exportCsv()}>
        导出 {recognition.year} 年全部志愿者服务记录（CSV）
      </Button>
    </View>
  )
})

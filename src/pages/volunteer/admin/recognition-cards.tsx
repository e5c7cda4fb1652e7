import { Button, View } from '@tarojs/components'
import { StateView } from '../../../components/state-view'
import { observer } from 'mobx-react-lite'
import { saveCsv } from '../../../services/save-csv'
import { useStores } from '../../../stores/context'
import { ExcellentLine, ExcellentRule } from '../shared/excellent-list'

const YearStepper = observer(function YearStepper() {
  const { recognition } = useStores().volunteer
  return (
    <View className='vol-year'>
      <Button className='rx-button rx-button--plain' onClick={() => void recognition.stepYear(-1)}>
        上一年
      </Button>
      <View className='rx-title vol-year__title'>{recognition.year} 年</View>
      <Button
        className={`rx-button rx-button--plain${recognition.canGoForward ? '' : ' vol-hidden'}`}
        onClick={() => void recognition.stepYear(1)}
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

/** The shortlist by the rule; the administrator keeps whom they confirm and publishes, once a year. */
export const ExcellentCard = observer(function ExcellentCard() {
  const { recognition } = useStores().volunteer
  const { shortlist, shortlistLoading, publishing } = recognition
  const published = shortlist?.published
  return (
    <View className='rx-card'>
      <View className='rx-title'>{recognition.year} 年优秀志愿者评选</View>
      <YearStepper />
      <StateView
        status={shortlistLoading.status}
        error={shortlistLoading.error}
        empty={!published && shortlist?.candidates.length === 0}
        emptyText='这一年还没有达到评选条件的志愿者'
        onRetry={() => void recognition.loadShortlist()}
      >
        {published && (
          <View>
            <View className='vol-tag vol-tag--info'>
              已发布 · {new Date(published.publishedAt).toLocaleDateString('zh-CN')}
            </View>
            {published.volunteers.map((v, i) => (
              <ExcellentLine key={v.userId} volunteer={v} rank={i + 1} />
            ))}
          </View>
        )}
        {!published && shortlist && (
          <View>
            <View className='rx-muted'>入围 {shortlist.candidates.length} 人，点选取消不予表彰的人选</View>
            {shortlist.candidates.map((v, i) => (
              <View
                key={v.userId}
                className={`vol-choice${recognition.isChosen(v.userId) ? ' vol-choice--on' : ''}`}
                role='checkbox'
                aria-checked={recognition.isChosen(v.userId)}
                onClick={() => recognition.toggle(v.userId)}
              >
                <ExcellentLine volunteer={v} rank={i + 1} />
              </View>
            ))}
            <Button
              className='rx-button'
              disabled={recognition.chosen.length === 0}
              loading={publishing.isPending}
              onClick={() => void recognition.publish()}
            >
              发布 {recognition.year} 年优秀志愿者名单（{recognition.chosen.length} 人）
            </Button>
          </View>
        )}
      </StateView>
      {shortlist && <ExcellentRule rule={shortlist.rule} />}
    </View>
  )
})

import { Button, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { ATTENDEE_STATUS_LABELS } from '../../../contract'
import { useFreshList } from '../../../components/fresh-list'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { useStores } from '../../../stores/context'
import { formatDate } from '../../../contract/when'
import { percent, studyPage } from '../format'
import '../study.scss'

export default observer(function RecordPage() {
  const { study } = useStores()
  useFreshList(() => study.loadRecord())
  const { record } = study
  return (
    <PageShell>
      <StateView
        status={record ? 'ready' : study.recordLoading.status}
        error={study.recordLoading.error}
        errorCode={study.recordLoading.code}
        onRetry={() => void study.loadRecord()}
      >
        {record && (
          <View>
            <View className='rx-card'>
              <View className='rx-title'>{`${record.year}年学习记录`}</View>
              <View className='study-figures'>
                <View>
                  <View className='study-number'>{record.attended}</View>
                  <View>参学次数</View>
                </View>
                <View>
                  <View className='study-number'>{record.creditHours}</View>
                  <View>学时</View>
                </View>
                <View>
                  <View className='study-number'>{percent(record.attendanceRate)}</View>
                  <View>出勤率</View>
                </View>
                <View>
                  <View className='study-number'>{record.lateCount}</View>
                  <View>迟到</View>
                </View>
              </View>
              <View className='rx-muted'>{`应参加 ${record.expected} 次，请假 ${record.excused} 次；出勤率不计已批准的请假`}</View>
            </View>
            <View className='rx-card'>
              <View className='rx-title'>继续医学教育</View>
              <View className='study-figures'>
                <View>
                  <View className='study-number'>{record.cmeCredits}</View>
                  <View>Ⅱ类学分</View>
                </View>
                <View>
                  <View className='study-number'>{record.cmeStillNeeded}</View>
                  <View>尚需</View>
                </View>
              </View>
              <View className='rx-muted'>
                {`年度要求 ${record.cmeRequirement.total} 学分，其中Ⅱ类 ${record.cmeRequirement.class2Min}–${record.cmeRequirement.class2Max} 学分；本院组织的学习计Ⅱ类`}
              </View>
              <Button
                className='rx-button rx-button--plain'
                onClick={() => void Taro.navigateTo({ url: studyPage('cme-record') })}
              >
                学分证明（可打印）
              </Button>
            </View>
            <View className='rx-card'>
              <View className='rx-title'>按类型</View>
              {record.byType.length === 0 && <View className='rx-muted'>今年还没有参学记录</View>}
              {record.byType.map((row) => (
                <View key={row.type} className='study-table__row'>
                  <View>{row.type}</View>
                  <View>{`${row.attended} 次 · ${row.creditHours} 学时`}</View>
                </View>
              ))}
            </View>
            <View className='rx-card'>
              <View className='rx-title'>最近</View>
              {record.recent.length === 0 && <View className='rx-muted'>最近还没有学习活动</View>}
              {record.recent.map((entry) => (
                <View key={entry.sessionId} className='study-table__row'>
                  <View>
                    <View>{entry.title}</View>
                    <View className='rx-muted'>{`${formatDate(entry.startAt)} · ${entry.type}`}</View>
                  </View>
                  {entry.missedCheckOut ? (
                    <View className='study-tag' aria-label='未签退，不计学时；如有误请联系组织者更正'>
                      未签退
                    </View>
                  ) : (
                    <View
                      className={entry.status === 'missing' ? 'study-tag study-tag--muted' : 'study-tag study-tag--ok'}
                    >
                      {ATTENDEE_STATUS_LABELS[entry.status]}
                    </View>
                  )}
                </View>
              ))}
            </View>
          </View>
        )}
      </StateView>
    </PageShell>
  )
})

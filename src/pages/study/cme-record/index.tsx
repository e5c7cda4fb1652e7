import { Button, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { chinaYear } from '../../../contract/month'
import { useStores } from '../../../stores/context'
import '../study.scss'

/** A staff member's yearly record of Ⅱ类 CME credits, laid out to print or save as a picture. */
export default observer(function CmeRecordPage() {
  const { study } = useStores()
  const store = study.cmeRecord
  useEffect(() => {
    void store.load()
  }, [store])
  const { record, year } = store
  const thisYear = chinaYear(new Date())
  return (
    <PageShell>
      <View className='rx-row study-no-print'>
        {[thisYear, thisYear - 1].map((y) => (
          <Button
            key={y}
            className={year === y ? 'rx-button' : 'rx-button rx-button--plain'}
            onClick={() => void store.load(y)}
          >
            {`${y} 年`}
          </Button>
        ))}
      </View>
      <StateView status={store.loading.status} error={store.loading.error} onRetry={() => void store.load()}>
        {record && (
          <View className='rx-card study-certificate' aria-label='继续医学教育学分证明'>
            <View className='study-certificate__title'>继续医学教育学分证明</View>
            <View>
              {`兹证明 ${record.departmentName} ${record.name}${record.employeeNo ? `（工号 ${record.employeeNo}）` : ''}` +
                ` 于 ${record.year} 年参加本院组织的继续医学教育活动，获得Ⅱ类学分共 ${record.total} 分。`}
            </View>
            {record.sessions.length === 0 && <View className='rx-muted'>本年度尚无获得学分的学习</View>}
            {record.sessions.map((session) => (
              <View key={session.sessionId} className='study-table__row'>
                <View>{`${session.date} ${session.title}`}</View>
                <View>{`${session.cmeCredits} 分`}</View>
              </View>
            ))}
            <View>
              {`年度要求Ⅱ类 ${record.requirement.class2Min}–${record.requirement.class2Max} 学分，` +
                (record.stillNeeded > 0 ? `尚需 ${record.stillNeeded} 分` : '已达到最低要求')}
            </View>
            <View>{`出具单位：${record.issuer}`}</View>
            <View>{`出具日期：${record.issuedOn}`}</View>
          </View>
        )}
      </StateView>
      <View className='rx-muted study-no-print'>可截图保存，或在电脑浏览器中打印本页</View>
    </PageShell>
  )
})

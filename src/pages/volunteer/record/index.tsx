import { Button, View } from '@tarojs/components'
import { formatDate } from '../../../contract/when'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useFreshList } from '../../../components/fresh-list'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { SERVICE_KIND_LABELS, STAR_LEVEL_HOURS, type RecordSection, type ServiceEntry } from '../../../contract'
import { saveCsv } from '../../../services/save-csv'
import { useStores } from '../../../stores/context'
import { formatHours } from '../../../contract/month'
import { starText } from '../../../stores/volunteer/record'
import { StarBadge } from '../shared/star-badge'
import '../shared/volunteer.scss'

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <View className='vol-stat'>
      <View className='rx-muted'>{label}</View>
      <View className='vol-stat__value'>{value}</View>
    </View>
  )
}

function Service({ service }: { service: ServiceEntry }) {
  return (
    <View className='vol-service'>
      <View className='vol-service__head'>
        <View>
          {formatDate(service.at)} · {SERVICE_KIND_LABELS[service.kind]}
        </View>
        <View>{formatHours(service.minutes)}</View>
      </View>
      <View>
        {service.place} · {service.content}
      </View>
      <View className='rx-muted'>
        {service.countsHours ? '' : '时长已计入当班值班 · '}
        {service.rating === null ? '' : `患者评分 ${'★'.repeat(service.rating)} · `}
        {service.confirmedBy}
      </View>
    </View>
  )
}

function Sections({ title, items, empty }: { title: string; items: RecordSection[]; empty: string }) {
  return (
    <View className='rx-card'>
      <View className='rx-title'>{title}</View>
      {items.length === 0 && <View className='rx-muted'>{empty}</View>}
      {items.map((item) => (
        <View key={`${item.date}-${item.title}`} className='vol-service'>
          <View className='vol-service__head'>
            <View>{item.title}</View>
            <View>{item.date}</View>
          </View>
          {item.detail && <View className='rx-muted'>{item.detail}</View>}
        </View>
      ))}
    </View>
  )
}

export default observer(function RecordPage() {
  const { volunteer } = useStores()
  const records = volunteer.records
  useFreshList(() => records.loadRecord())
  const { record, recordLoading } = records
  const exportCsv = async () => {
    const exported = await records.exportMyRecord()
    if (exported) await saveCsv(exported)
  }
  return (
    <PageShell>
      <StateView
        status={recordLoading.status}
        error={recordLoading.error}
        errorCode={recordLoading.code}
        onRetry={() => void records.loadRecord()}
      >
        {record && (
          <View>
            <View className='rx-card'>
              <View className='rx-title'>
                星级 <StarBadge star={record.star} />
              </View>
              <View>{starText(record.star)}</View>
              <View className='rx-muted'>
                按累计服务时长评定：{STAR_LEVEL_HOURS.map((h, i) => `${'一二三四五'[i]}星 ${h} 小时`).join('、')}
              </View>
            </View>
            <View className='rx-title'>{record.year} 年</View>
            <View className='vol-stats'>
              <Stat label='今年服务时长' value={formatHours(record.minutesThisYear)} />
              <Stat label='今年服务次数' value={`${record.servedThisYear} 次`} />
              <Stat label='累计服务时长' value={formatHours(record.minutesAllTime)} />
              <Stat label='累计服务次数' value={`${record.servedAllTime} 次`} />
              <Stat
                label={`平均评分（${record.ratingCount} 条评价）`}
                value={record.averageRating === null ? '暂无' : `${record.averageRating.toFixed(1)} 分`}
              />
            </View>
            <View className='rx-card'>
              <View className='rx-title'>服务记录（共 {record.serviceCount} 条）</View>
              {record.services.length === 0 && <View className='rx-muted'>还没有服务记录，上岗服务后会出现在这里</View>}
              {record.services.map((service) => (
                <Service key={`${service.kind}-${service.at}`} service={service} />
              ))}
              {records.pageCount > 1 && (
                <View className='vol-year'>
                  <Button
                    className='rx-button rx-button--plain'
                    disabled={record.page <= 1}
                    onClick={() => void records.stepPage(-1)}
                  >
                    较新
                  </Button>
                  <View>
                    第 {record.page} / {records.pageCount} 页
                  </View>
                  <Button
                    className='rx-button rx-button--plain'
                    disabled={record.page >= records.pageCount}
                    onClick={() => void records.stepPage(1)}
                  >
                    较早
                  </Button>
                </View>
              )}
            </View>
            <Sections title='培训' items={record.training} empty='暂无培训记录' />
            <Sections title='表彰' items={record.awards} empty='暂无表彰记录' />
          </View>
        )}
      </StateView>
      <Button className='rx-button' onClick={() => void Taro.navigateTo({ url: '/pages/volunteer/report/index' })}>
        上报院外服务 · 审核上报
      </Button>
      <Button
        className='rx-button rx-button--plain'
        onClick={() => void Taro.navigateTo({ url: '/pages/volunteer/certificate/index' })}
      >
        开具志愿服务证明
      </Button>
      {record && (
        <Button
          className='rx-button rx-button--plain'
          loading={records.exportingRecord.isPending}
          onClick={() => void exportCsv()}
        >
          导出我的志愿服务记录（CSV，全国志愿服务信息系统字段）
        </Button>
      )}
      <Button
        className='rx-button rx-button--plain'
        onClick={() => void Taro.navigateTo({ url: '/pages/volunteer/ranking/index' })}
      >
        查看年度服务排行
      </Button>
    </PageShell>
  )
})

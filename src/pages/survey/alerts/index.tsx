import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import { useFreshList } from '../../../components/fresh-list'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { ALERT_OVERDUE_HOURS, FOLLOW_UP_LABELS, VISIT_TYPE_LABELS, type AlertView } from '../../../contract'
import { useStores } from '../../../stores/context'
import type { AlertListFilter } from '../../../stores/survey/alerts'
import { worstFirst } from '../../../stores/survey/low-items'
import { DepartmentPicker } from '../shared/department-picker'
import { formatDate, formatDateTime, formatMonth } from '../../../contract/when'
import { FollowUpForm } from './follow-up-form'
import { ThemeTags } from '../../voice/shared/theme-filter'
import './index.scss'

const FILTERS: { value: AlertListFilter; label: string }[] = [
  { value: 'open', label: '未处理' },
  { value: 'overdue', label: '已超时' },
  { value: 'closed', label: '已关闭' },
]

/** The worst scores first; the rest behind 展开, so the card stays short. */
function LowItems({ items }: { items: AlertView['lowItems'] }) {
  const [open, setOpen] = useState(false)
  if (items.length === 0) return null
  const { shown, folded } = worstFirst(items)
  const label = (item: AlertView['lowItems'][number]) => `${item.label}（${item.score}分）`
  return (
    <View className='alert-card__low' role='group' aria-label='低分项'>
      <View>低分项：{[...shown, ...(open ? folded : [])].map(label).join('、')}</View>
      {folded.length > 0 && (
        <Button className='rx-button rx-button--plain' onClick={() => setOpen(!open)}>
          {open ? '收起' : `展开其余 ${folded.length} 项`}
        </Button>
      )}
    </View>
  )
}

const AlertCard = observer(function AlertCard({ alert }: { alert: AlertView }) {
  const { survey } = useStores()
  const { alerts } = survey
  const active = alerts.activeId === alert.id
  return (
    <View className={alert.overdue ? 'rx-card alert-card alert-card--overdue' : 'rx-card alert-card'}>
      <View className='rx-row'>
        <View className='alert-card__title'>
          {alert.departmentName} · {VISIT_TYPE_LABELS[alert.visitType]}
        </View>
        {alert.overdue && <View className='alert-badge'>超过{ALERT_OVERDUE_HOURS}小时未处理</View>}
        {alert.status === 'closed' && <View className='alert-badge alert-badge--closed'>已关闭</View>}
      </View>
      <View className='rx-muted'>
        {formatDate(alert.createdOn)} · {formatMonth(alert.month)}就诊
      </View>
      {alert.contactPhone ? (
        <View className='alert-card__contact'>
          患者同意回访：
          <Text
            className='alert-card__phone'
            onClick={() => void Taro.makePhoneCall({ phoneNumber: alert.contactPhone ?? '' })}
          >
            {alert.contactPhone}
          </Text>
        </View>
      ) : (
        <View className='rx-muted alert-card__contact'>匿名评价，未留联系方式，无法电话回访</View>
      )}
      <View>
        总体 {alert.overall ?? '—'} 分 · 推荐 {alert.recommend} 分
      </View>
      <LowItems items={alert.lowItems} />
      {alert.comment && <View className='alert-card__comment'>“{alert.comment}”</View>}
      <ThemeTags themes={alert.themes ?? []} />
      {alert.history.length > 0 && (
        <View className='alert-history'>
          {alert.history.map((event, i) => (
            <View key={i} className='rx-muted'>
              {formatDateTime(event.at)} {event.actorName}：
              {event.kind === 'close' ? '关闭' : event.action ? FOLLOW_UP_LABELS[event.action] : ''}
              {event.note ? ` — ${event.note}` : ''}
            </View>
          ))}
        </View>
      )}
      {alert.status === 'open' &&
        (active ? (
          <FollowUpForm />
        ) : (
          <Button className='rx-button rx-button--plain' onClick={() => alerts.activate(alert.id)}>
            跟进
          </Button>
        ))}
    </View>
  )
})

/** 差评跟进: low scores reach the department's managers at once; overdue ones stand out. */
export default observer(function AlertsPage() {
  const { survey, identity } = useStores()
  const { alerts } = survey
  const isAdmin = identity.hasRole('admin')

  useFreshList(() => alerts.load())
  useEffect(() => {
    if (isAdmin) void identity.loadDepartments()
  }, [identity, isAdmin])

  return (
    <PageShell>
      <View className='rx-title'>差评跟进</View>
      {isAdmin && (
        <DepartmentPicker
          departments={identity.departments.filter((d) => d.kind !== 'admin')}
          value={alerts.departmentId}
          onChange={(id) => alerts.setDepartment(id)}
          allLabel='全部科室'
        />
      )}
      <View className='alert-filters' role='tablist'>
        {FILTERS.map((f) => (
          <View
            key={f.value}
            role='tab'
            aria-selected={alerts.filter === f.value}
            className={alerts.filter === f.value ? 'alert-filter alert-filter--on' : 'alert-filter'}
            onClick={() => alerts.setFilter(f.value)}
          >
            {f.label}
          </View>
        ))}
      </View>
      <StateView
        status={alerts.loading.status}
        error={alerts.loading.error}
        errorCode={alerts.loading.code}
        empty={alerts.alerts.length === 0}
        emptyText='没有需要跟进的差评'
        onRetry={() => void alerts.load()}
      >
        {alerts.alerts.map((alert) => (
          <AlertCard key={alert.id} alert={alert} />
        ))}
      </StateView>
    </PageShell>
  )
})

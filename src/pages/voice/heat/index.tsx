import { Button, Picker, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useFreshList } from '../../../components/fresh-list'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { TAGGED_SOURCE_LABELS, THEME_LABELS, type HeatRow } from '../../../contract'
import { useStores } from '../../../stores/context'
import { TaggingView } from '../shared/tagging-view'
import './index.scss'

const Row = observer(function Row({ row }: { row: HeatRow }) {
  const { voiceHeat } = useStores()
  return (
    <View className='heat-row' role='row'>
      <View className='heat-row__name' role='rowheader'>
        {row.departmentName}
        <View className='rx-muted'>{row.comments} 条</View>
      </View>
      {row.cells === null ? (
        <View className='heat-row__thin rx-muted' role='cell'>
          样本不足（少于{voiceHeat.heat?.minComments}条，不分主题）
        </View>
      ) : (
        voiceHeat.columns.map((column) => {
          const cell = row.cells?.find((c) => c.theme === column.id)
          const negative = cell?.negative ?? 0
          return (
            <View key={column.id} className='heat-slot' role='cell'>
              <Button
                className='heat-cell'
                style={{
                  backgroundColor: `rgba(183, 28, 28, ${(0.08 + 0.72 * voiceHeat.heatOf(negative)).toFixed(2)})`,
                }}
                aria-label={`${row.departmentName} ${column.label}：负面${negative}条，共${cell?.mentions ?? 0}条`}
                onClick={() =>
                  void voiceHeat.openCell({
                    departmentId: row.departmentId,
                    departmentName: row.departmentName,
                    theme: column.id,
                  })
                }
              >
                {negative}
              </Button>
            </View>
          )
        })
      )}
    </View>
  )
})

const CellComments = observer(function CellComments() {
  const { voiceHeat } = useStores()
  const { cell } = voiceHeat
  if (!cell) return null
  return (
    <View className='rx-card' aria-label='这一格的评论'>
      <View className='rx-title'>
        {cell.departmentName} · {THEME_LABELS[cell.theme]}
      </View>
      <StateView
        status={voiceHeat.commentsLoading.status}
        error={voiceHeat.commentsLoading.error}
        errorCode={voiceHeat.commentsLoading.code}
        empty={voiceHeat.comments.length === 0}
        emptyText='没有可查看的评论（仅管理员和本科室负责人可查看原文）'
        onRetry={() => void voiceHeat.openCell(cell)}
      >
        {voiceHeat.comments.map((comment, i) => (
          <View key={i} className='heat-comment'>
            <View className='rx-muted'>{TAGGED_SOURCE_LABELS[comment.source]}</View>
            <View className='heat-comment__text'>{comment.text}</View>
            <TaggingView tagging={comment.tagging} />
          </View>
        ))}
      </StateView>
      <Button
        className='rx-button rx-button--plain'
        onClick={() => void Taro.navigateTo({ url: '/pages/survey/dashboard/index' })}
      >
        发布“你说·我们做”
      </Button>
    </View>
  )
})

export default observer(function HeatPage() {
  const { identity, voiceHeat } = useStores()
  useFreshList(() => voiceHeat.load())
  if (!identity.hasRole('manager') && !identity.hasRole('admin')) {
    return (
      <PageShell>
        <View className='rx-card rx-muted'>仅科室负责人和管理员可查看患者声音</View>
      </PageShell>
    )
  }
  return (
    <PageShell>
      <View className='rx-card'>
        <View className='rx-row'>
          <View className='rx-title'>患者声音</View>
          <Picker
            mode='date'
            fields='month'
            value={voiceHeat.month}
            onChange={(e) => void voiceHeat.setMonth(e.detail.value.slice(0, 7))}
          >
            <View className='rx-input rx-row' aria-label='月份'>
              {voiceHeat.month}
            </View>
          </Picker>
        </View>
        <View className='rx-muted'>
          满意度评论、投诉和表扬按主题归类，格中数字为负面提及数，颜色越深越集中。点格子查看原文。
        </View>
        <StateView
          status={voiceHeat.loading.status}
          error={voiceHeat.loading.error}
          errorCode={voiceHeat.loading.code}
          empty={voiceHeat.heat?.departments.length === 0}
          emptyText='本月还没有已标注的评论'
          onRetry={() => void voiceHeat.load()}
        >
          <View className='heat-table' role='table'>
            <View className='heat-row heat-row--head' role='row'>
              <View className='heat-row__name' role='columnheader'>
                科室
              </View>
              {voiceHeat.columns.map((column) => (
                <View key={column.id} className='heat-head' role='columnheader'>
                  {column.label}
                </View>
              ))}
            </View>
            {voiceHeat.heat?.departments.map((row) => (
              <Row key={row.departmentId} row={row} />
            ))}
          </View>
        </StateView>
      </View>
      <CellComments />
    </PageShell>
  )
})

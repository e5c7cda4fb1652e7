import { Button, Textarea, View } from '@tarojs/components'
import { FieldError } from '../../../components/field-error'
import { useDidShow, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { FEEDBACK_ACTION_LABELS, HISTORY_ACTOR_LABELS, type FeedbackDetail } from '../../../contract'
import { useStores } from '../../../stores/context'
import { Chips } from '../shared/chips'
import { formatDateTime } from '../../../contract/when'
import { ItemHeader } from '../shared/item-card'
import { Rating } from '../shared/rating'
import '../shared/feedback.scss'

const UPHELD_OPTIONS = [
  { value: 'yes', label: '经核实属实' },
  { value: 'no', label: '经核实不属实' },
]

const PatientActions = observer(function PatientActions({ item }: { item: FeedbackDetail }) {
  const { feedback } = useStores()
  if (!item.own || item.status !== 'replied') return null
  return (
    <View className='rx-card'>
      <View className='rx-title'>对处理结果满意吗？</View>
      <View className='rx-muted'>点星确认办结并评价</View>
      <Rating value={0} onRate={(rating) => void feedback.confirm(rating)} />
      {item.canReopen && (
        <View className='rx-field'>
          <View>不满意，请科室重新处理（仅可一次）</View>
          <Textarea
            className='rx-textarea'
            value={feedback.reopenReason}
            placeholder='请说明不满意的原因'
            onInput={(e) => feedback.setReopenReason(e.detail.value)}
          />
          <FieldError message={feedback.reopening.fieldError('reason') ?? feedback.reopening.error} />
          <Button className='rx-button rx-button--plain' onClick={() => void feedback.reopen()}>
            重新处理
          </Button>
        </View>
      )}
    </View>
  )
})

const HandlerActions = observer(function HandlerActions({ item }: { item: FeedbackDetail }) {
  const { feedback } = useStores()
  if (!item.canHandle || item.kind !== 'complaint') return null
  if (item.status === 'submitted') {
    return (
      <View className='fb-actions'>
        <Button className='rx-button' onClick={() => void feedback.accept()}>
          受理
        </Button>
      </View>
    )
  }
  if (item.status === 'replied') {
    return (
      <View className='rx-card'>
        <View className='rx-title'>等待患者确认</View>
        <View className='rx-muted'>患者可在回复后7天内确认或要求重新处理，逾期自动办结。</View>
        <View className='rx-field'>
          <View>提前办结（如无法联系患者），原因将展示给患者</View>
          <Textarea
            className='rx-textarea'
            value={feedback.closeReason}
            placeholder='请说明提前办结的原因'
            onInput={(e) => feedback.setCloseReason(e.detail.value)}
          />
          <FieldError message={feedback.closing.fieldError('reason') ?? feedback.closing.error} />
          <Button
            className='rx-button rx-button--plain'
            loading={feedback.closing.isPending}
            onClick={() => void feedback.close()}
          >
            提前办结
          </Button>
        </View>
      </View>
    )
  }
  if (item.status !== 'accepted') return null
  const { replyForm, replying } = feedback
  return (
    <View className='rx-card'>
      <View className='rx-title'>回复患者</View>
      <Chips
        label='核实结果'
        options={UPHELD_OPTIONS}
        isOn={(value) => replyForm.upheld === (value === 'yes')}
        onTap={(value) => feedback.setReplyForm({ upheld: value === 'yes' })}
      />
      <Textarea
        className='rx-textarea'
        value={replyForm.text}
        placeholder='核实情况、整改措施与致歉，至少10个字'
        onInput={(e) => feedback.setReplyForm({ text: e.detail.value })}
      />
      <FieldError message={replying.fieldError('text') ?? replying.error} />
      <Button
        className='rx-button'
        disabled={replyForm.upheld === null}
        loading={replying.isPending}
        onClick={() => void feedback.reply()}
      >
        提交回复
      </Button>
    </View>
  )
})

export default observer(function DetailPage() {
  const { feedback } = useStores()
  const id = useRouter().params.id ?? ''
  useDidShow(() => void feedback.loadDetail(id))
  const item = feedback.detail
  return (
    <PageShell>
      <StateView
        status={feedback.detailLoading.status}
        error={feedback.detailLoading.error}
        errorCode={feedback.detailLoading.code}
        empty={!item}
        onRetry={() => void feedback.loadDetail(id)}
      >
        {item && (
          <View>
            <View className='rx-card'>
              <ItemHeader item={item} />
              <View className='fb-item__meta'>
                {item.departmentName}
                {item.staffName ? ` · ${item.staffName}` : ''} · {item.categories.join('、')}
              </View>
              <View className='fb-item__text'>{item.text}</View>
              {item.contactPhone && <View className='rx-muted'>联系电话：{item.contactPhone}</View>}
              {item.canHandle && (
                <View className='rx-muted'>提交人：{item.anonymous ? '匿名' : (item.patientName ?? '患者')}</View>
              )}
              {item.heldReasons.length > 0 && (
                <View className='rx-field__error'>待核：{item.heldReasons.join('、')}</View>
              )}
            </View>
            {item.reply && (
              <View className='rx-card'>
                <View className='rx-title'>科室回复</View>
                <View>{item.reply.text}</View>
                {item.autoCloseAt && (
                  <View className='rx-muted'>如无异议，将于{formatDateTime(item.autoCloseAt)}自动办结</View>
                )}
              </View>
            )}
            {item.rating !== null && (
              <View className='rx-card'>
                <View>您的评价</View>
                <Rating value={item.rating} />
              </View>
            )}
            <PatientActions item={item} />
            <HandlerActions item={item} />
            <View className='rx-card' aria-label='办理进度'>
              <View className='rx-title'>办理进度</View>
              {item.history.map((step) => (
                <View key={`${step.at}-${step.action}`} className='fb-timeline__step'>
                  <View className='fb-kind'>
                    {FEEDBACK_ACTION_LABELS[step.action]} · {HISTORY_ACTOR_LABELS[step.actor]}
                  </View>
                  <View className='rx-muted'>{formatDateTime(step.at)}</View>
                  {step.note && <View>{step.note}</View>}
                </View>
              ))}
            </View>
          </View>
        )}
      </StateView>
    </PageShell>
  )
})

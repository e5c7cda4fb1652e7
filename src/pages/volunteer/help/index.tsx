import { Button, Input, Textarea, View } from '@tarojs/components'
import { FieldError, scrollToFirstError } from '../../../components/field-error'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { PageShell } from '../../../components/page-shell'
import { SensitiveTextGate } from '../../../components/sensitive-consent'
import { StateView } from '../../../components/state-view'
import { HELP_NEEDS, HELP_STATUS_LABELS, STATIONS } from '../../../contract'
import { failureMessage } from '../../../services/api/errors'
import { useStores } from '../../../stores/context'
import { ChoiceGrid, plainChoices } from '../../../components/choice-grid'
import { RequestSummary } from '../shared/request-summary'
import '../shared/volunteer.scss'

const PEOPLE = [1, 2, 3, 4, 5, 6].map((n) => ({ value: n, label: `${n} 人` }))
const STARS = [1, 2, 3, 4, 5].map((n) => ({ value: n, label: `${'★'.repeat(n)}` }))

const HelpForm = observer(function HelpForm() {
  const { volunteer, identity } = useStores()
  const { helpForm, asking } = volunteer
  const departments = identity.departments.map((d) => ({ value: d.id, label: d.name }))
  return (
    <View>
      <View className='rx-card'>
        <View className='rx-title'>您需要什么帮助</View>
        <ChoiceGrid
          label='需要的帮助'
          choices={plainChoices(HELP_NEEDS)}
          isOn={(need) => helpForm.need === need}
          onPick={(need) => volunteer.setHelpForm({ need })}
        />
        <FieldError message={asking.fieldError('need')} />
      </View>

      <View className='rx-card'>
        <View className='rx-title'>您现在在哪里</View>
        <ChoiceGrid
          label='所在位置'
          columns={3}
          choices={plainChoices(STATIONS)}
          isOn={(station) => helpForm.from === station}
          onPick={(from) => volunteer.setHelpForm({ from })}
        />
        <Input
          className='rx-input'
          value={helpForm.from}
          placeholder='或写下位置，如“2号楼3层电梯口”'
          onInput={(e) => volunteer.setHelpForm({ from: e.detail.value })}
        />
        <FieldError message={asking.fieldError('from')} />
      </View>

      <View className='rx-card'>
        <View className='rx-title'>要去哪个科室</View>
        <ChoiceGrid
          label='要去的科室'
          columns={3}
          choices={departments}
          isOn={(id) => helpForm.to === id}
          onPick={(to) => volunteer.setHelpForm({ to })}
        />
        <FieldError message={asking.fieldError('to')} />
      </View>

      <View className='rx-card'>
        <View className='rx-title'>几位需要陪同</View>
        <ChoiceGrid
          label='人数'
          columns={3}
          choices={PEOPLE}
          isOn={(n) => helpForm.people === n}
          onPick={(people) => volunteer.setHelpForm({ people })}
        />
        <View className='rx-field'>
          <View>备注（可不填）</View>
          <SensitiveTextGate>
            <Textarea
              className='rx-textarea vol-textarea'
              value={helpForm.note}
              placeholder='如：行动不便，需要轮椅'
              onInput={(e) => volunteer.setHelpForm({ note: e.detail.value })}
            />
          </SensitiveTextGate>
          <FieldError message={asking.fieldError('note')} />
        </View>
      </View>

      <Button
        className='rx-button'
        loading={asking.isPending}
        onClick={() => void volunteer.askForHelp().then(scrollToFirstError)}
      >
        呼叫志愿者
      </Button>
    </View>
  )
})

const RatingForm = observer(function RatingForm() {
  const { volunteer } = useStores()
  const { rateForm, rating } = volunteer
  return (
    <View className='rx-card'>
      <View className='rx-title'>请为本次服务打分</View>
      <ChoiceGrid
        label='评分'
        columns={3}
        choices={STARS}
        isOn={(n) => rateForm.stars === n}
        onPick={(stars) => volunteer.setRateForm({ stars })}
      />
      <FieldError message={rating.fieldError('stars')} />
      <Textarea
        className='rx-textarea vol-textarea'
        value={rateForm.comment}
        placeholder='想对志愿者说的话（可不填）'
        onInput={(e) => volunteer.setRateForm({ comment: e.detail.value })}
      />
      <Button className='rx-button' loading={rating.isPending} onClick={() => void volunteer.rate()}>
        提交评价
      </Button>
    </View>
  )
})

const RequestStatus = observer(function RequestStatus() {
  const { volunteer } = useStores()
  const request = volunteer.myRequest
  if (!request) return null
  return (
    <View>
      <View className='rx-card' aria-live='polite'>
        <View className='vol-status'>{HELP_STATUS_LABELS[request.status]}</View>
        <View className='vol-next-step'>{request.nextStep}</View>
        {request.status === 'waiting' && (
          <View>
            <View>排队第 {request.queuePosition} 位</View>
            <View className='rx-muted'>已等待 {request.waitingMinutes} 分钟，轮椅、老人和等待超时的呼叫优先</View>
          </View>
        )}
        {request.volunteer && (
          <View>
            志愿者 {request.volunteer.name}
            {request.volunteer.team ? `（${request.volunteer.team}服务队）` : ''}
            {request.status === 'claimed' ? '正在赶来，请在原地稍候' : '为您提供了服务'}
          </View>
        )}
        {request.status === 'completed' && request.rating && (
          <View>
            您的评价：{'★'.repeat(request.rating.stars)}
            {request.rating.comment ? ` ${request.rating.comment}` : ''}
          </View>
        )}
      </View>

      <View className='rx-card'>
        <RequestSummary {...request} />
      </View>

      {volunteer.canRate && <RatingForm />}

      {volunteer.requestOpen ? (
        <Button
          className='rx-button rx-button--plain'
          loading={volunteer.cancelling.isPending}
          onClick={() => void volunteer.cancelRequest()}
        >
          取消呼叫
        </Button>
      ) : (
        <Button className='rx-button rx-button--plain' onClick={() => volunteer.startNewRequest()}>
          再次呼叫志愿者
        </Button>
      )}
    </View>
  )
})

export default observer(function HelpPage() {
  const { volunteer, identity, ui } = useStores()
  useEffect(() => volunteer.keepDrafts(), [volunteer])
  useEffect(() => volunteer.watchMyRequest(), [volunteer])
  useEffect(() => {
    void volunteer.loadMyRequest()
    identity.loadDepartments().catch((error: unknown) => ui.toast(failureMessage(error)))
  }, [volunteer, identity, ui])
  const { myRequestLoading } = volunteer
  return (
    <PageShell>
      <StateView
        status={myRequestLoading.status}
        error={myRequestLoading.error}
        errorCode={myRequestLoading.code}
        onRetry={() => void volunteer.loadMyRequest()}
      >
        {volunteer.showsRequest ? <RequestStatus /> : <HelpForm />}
      </StateView>
    </PageShell>
  )
})

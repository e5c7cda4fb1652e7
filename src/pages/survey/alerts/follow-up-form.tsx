import { Button, Textarea, View } from '@tarojs/components'
import { FieldError } from '../../../components/field-error'
import { observer } from 'mobx-react-lite'
import { FOLLOW_UP_LABELS } from '../../../contract'
import { useStores } from '../../../stores/context'
import { ChoiceRow } from '../shared/choice-row'

/** Record what was done about a low score, or close it: only the actions that fit this alert are offered. */
export const FollowUpForm = observer(function FollowUpForm() {
  const { survey } = useStores()
  const { alerts } = survey
  const { form, followUp, closing, active } = alerts
  if (!followUp || !closing || !active) return null
  return (
    <View className='alert-form'>
      <ChoiceRow
        label='跟进方式'
        choices={active.actions.map((action) => ({ value: action, label: FOLLOW_UP_LABELS[action] }))}
        chosen={form.action ?? undefined}
        onChoose={(action) => alerts.setForm({ action })}
        error={alerts.actionMissing ? '请选择跟进方式' : followUp.fieldError('action')}
      />
      <View className='rx-field'>
        <View>跟进情况</View>
        <Textarea
          className='rx-input alert-note'
          value={form.note}
          maxlength={500}
          placeholder={
            active.contactPhone ? '如：已电话联系患者，说明候诊安排并致歉' : '如：已调整上午号源，并在公示栏说明'
          }
          onInput={(e) => alerts.setForm({ note: e.detail.value })}
        />
        <FieldError message={followUp.fieldError('note') ?? closing.fieldError('note')} />
      </View>
      {(followUp.error || closing.error) && (
        <View className='rx-field__error' role='alert'>
          {followUp.error ?? closing.error}
        </View>
      )}
      <Button className='rx-button' loading={followUp.isPending} onClick={() => void alerts.submitFollowUp()}>
        记录跟进
      </Button>
      <Button className='rx-button rx-button--plain' loading={closing.isPending} onClick={() => void alerts.close()}>
        处理完毕，关闭
      </Button>
    </View>
  )
})

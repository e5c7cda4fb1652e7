import { Button, Input, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { FieldError, scrollToFirstError } from '../../../components/field-error'
import { PageShell } from '../../../components/page-shell'
import { SensitiveTextGate } from '../../../components/sensitive-consent'
import { Toggle } from '../../../components/toggle'
import { FEEDBACK_KIND_LABELS, FEEDBACK_KINDS, FEEDBACK_TEXT_MAX, FEEDBACK_TEXT_MIN } from '../../../contract'
import { useStores } from '../../../stores/context'
import { asOptions, Chips } from '../shared/chips'
import { askForStatusMessages } from '../shared/subscribe'
import '../shared/feedback.scss'

const FieldErrorAt = observer(function FieldErrorAt({ path }: { path: string }) {
  const { feedback } = useStores()
  return <FieldError message={feedback.submission.fieldError(path)} />
})

export default observer(function SubmitPage() {
  const { feedback, identity } = useStores()
  const { form, submission } = feedback
  useDidShow(() => void identity.loadDepartments())

  async function send() {
    await askForStatusMessages()
    if (await feedback.submit()) void Taro.redirectTo({ url: '/pages/feedback/mine/index' })
    else scrollToFirstError()
  }

  return (
    <PageShell>
      <View className='rx-card'>
        <Chips
          label='类型'
          options={FEEDBACK_KINDS.map((kind) => ({ value: kind, label: `我要${FEEDBACK_KIND_LABELS[kind]}` }))}
          isOn={(value) => form.kind === value}
          onTap={(value) => feedback.setForm({ kind: value === 'complaint' ? 'complaint' : 'praise' })}
        />
      </View>

      <View className='rx-card'>
        <View className='rx-field'>
          <View>科室</View>
          <Chips
            label='科室'
            options={identity.departments.map((d) => ({ value: d.id, label: d.name }))}
            isOn={(value) => form.departmentId === value}
            onTap={(value) => feedback.setForm({ departmentId: value })}
          />
          <FieldErrorAt path='departmentId' />
        </View>
        <View className='rx-field'>
          <View>工作人员（选填）</View>
          <Input
            className='rx-input'
            value={form.staff}
            placeholder='姓名或工号，如 王芳 或 H0123'
            onInput={(e) => feedback.setForm({ staff: e.detail.value })}
          />
          <FieldErrorAt path='staff.employeeNo' />
          <FieldErrorAt path='staff.name' />
        </View>
        <View className='rx-field'>
          <View>{form.kind === 'praise' ? '表扬什么' : '遇到的问题'}</View>
          <Chips
            label='类别'
            options={asOptions(feedback.categoryOptions)}
            isOn={(value) => form.categories.includes(value)}
            onTap={(value) => feedback.toggleCategory(value)}
          />
          <FieldErrorAt path='categories' />
        </View>
        <View className='rx-field'>
          <View>具体经过</View>
          <SensitiveTextGate>
            <Textarea
              className='rx-textarea'
              value={form.text}
              maxlength={FEEDBACK_TEXT_MAX}
              placeholder={`请写下经过，${FEEDBACK_TEXT_MIN}–${FEEDBACK_TEXT_MAX}字`}
              onInput={(e) => feedback.setForm({ text: e.detail.value })}
            />
          </SensitiveTextGate>
          <View className='fb-counter'>
            {feedback.textLength}/{FEEDBACK_TEXT_MAX}
          </View>
          <FieldErrorAt path='text' />
        </View>
        <View className='rx-field'>
          <View>联系电话（选填，仅处理人可见）</View>
          <Input
            className='rx-input'
            type='number'
            maxlength={11}
            value={form.contactPhone}
            placeholder='便于科室回访'
            onInput={(e) => feedback.setForm({ contactPhone: e.detail.value })}
          />
          <FieldErrorAt path='contactPhone' />
        </View>
        <View className='rx-row'>
          <View>
            <View>匿名提交</View>
            <View className='rx-muted'>处理人看不到您的姓名</View>
          </View>
          <Toggle label='匿名提交' checked={form.anonymous} onChange={(anonymous) => feedback.setForm({ anonymous })} />
        </View>
      </View>

      {submission.error && <View className='rx-field__error'>{submission.error}（已为您保留填写内容）</View>}
      <Button className='rx-button' loading={submission.isPending} onClick={() => void send()}>
        提交{FEEDBACK_KIND_LABELS[form.kind]}
      </Button>
      <Button
        className='rx-button rx-button--plain'
        onClick={() => void Taro.navigateTo({ url: '/pages/feedback/mine/index' })}
      >
        我的表扬与投诉
      </Button>
    </PageShell>
  )
})

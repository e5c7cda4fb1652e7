import { Button, Textarea, View } from '@tarojs/components'
import { FieldError } from '../../../components/field-error'
import { observer } from 'mobx-react-lite'
import { TextField } from '../../../components/text-field'
import { PHRASE_SCENES } from '../../../contract'
import { useStores } from '../../../stores/context'
import { asOptions, Chips } from '../shared/chips'

/** Admin only: add an entry to the 暖语手册 or correct one. */
export const PhraseEditor = observer(function PhraseEditor() {
  const { phraseBook } = useStores().feedback
  const { phraseForm: form, savingPhrase } = phraseBook
  if (!form) {
    return (
      <Button className='rx-button rx-button--plain' onClick={() => phraseBook.editPhrase(null)}>
        新增用语
      </Button>
    )
  }
  return (
    <View className='rx-card'>
      <View className='rx-title'>{form.id ? '编辑用语' : '新增用语'}</View>
      <Chips
        label='场景'
        options={asOptions(PHRASE_SCENES)}
        isOn={(value) => form.scene === value}
        onTap={(value) => phraseBook.setPhraseForm({ scene: PHRASE_SCENES.find((s) => s === value) ?? form.scene })}
      />
      <TextField
        label='使用情境'
        value={form.situation}
        placeholder='如：患者询问就诊科室'
        onInput={(situation) => phraseBook.setPhraseForm({ situation })}
        error={savingPhrase.fieldError('situation')}
      />
      <View className='rx-field'>
        <View>推荐用语（每行一条）</View>
        <Textarea
          className='rx-textarea'
          value={form.recommended}
          onInput={(e) => phraseBook.setPhraseForm({ recommended: e.detail.value })}
        />
        <FieldError message={savingPhrase.fieldError('recommended')} />
      </View>
      <View className='rx-field'>
        <View>禁语（每行一条）</View>
        <Textarea
          className='rx-textarea'
          value={form.forbidden}
          onInput={(e) => phraseBook.setPhraseForm({ forbidden: e.detail.value })}
        />
        <FieldError message={savingPhrase.fieldError('forbidden')} />
      </View>
      {savingPhrase.error && <FieldError message={savingPhrase.error} />}
      <Button className='rx-button' loading={savingPhrase.isPending} onClick={() => void phraseBook.savePhrase()}>
        保存
      </Button>
      <Button className='rx-button rx-button--plain' onClick={() => phraseBook.cancelPhrase()}>
        取消
      </Button>
    </View>
  )
})

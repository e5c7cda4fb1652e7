import { Button, Picker, Textarea, View } from '@tarojs/components'
import { FieldError } from '../../../components/field-error'
import { observer } from 'mobx-react-lite'
import { useFreshList } from '../../../components/fresh-list'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { TextField } from '../../../components/text-field'
import {
  ANALYZE_TEXT_MAX,
  LEXICON_KIND_LABELS,
  LEXICON_KINDS,
  THEME_IDS,
  THEME_LABELS,
  VISIT_TYPE_LABELS,
  VISIT_TYPES,
  type CustomLexiconEntry,
} from '../../../contract'
import { useStores } from '../../../stores/context'
import { TaggingView } from '../shared/tagging-view'

const VISIT_CHOICES = [null, ...VISIT_TYPES] as const
const visitLabel = (choice: (typeof VISIT_CHOICES)[number]) => (choice ? VISIT_TYPE_LABELS[choice] : '投诉/表扬')
const THEME_CHOICES = [null, ...THEME_IDS] as const
const themeLabel = (choice: (typeof THEME_CHOICES)[number]) => (choice ? THEME_LABELS[choice] : '无主题（只表达情感）')

const TryIt = observer(function TryIt() {
  const { voice } = useStores()
  return (
    <View className='rx-card'>
      <View className='rx-title'>试一试</View>
      <View className='rx-muted'>粘贴一条评论，看系统读出的情感和主题，以及每个判断依据的词语。</View>
      <Textarea
        className='rx-textarea'
        aria-label='要分析的评论'
        value={voice.trialText}
        maxlength={ANALYZE_TEXT_MAX + 1}
        placeholder='例如：医生很耐心，就是排队等了太久'
        onInput={(e) => voice.setTrialText(e.detail.value)}
      />
      {voice.trialTooLong && <View className='rx-field__error'>文本不超过{ANALYZE_TEXT_MAX}字</View>}
      <Picker
        mode='selector'
        aria-label='评论来自'
        range={VISIT_CHOICES.map(visitLabel)}
        value={VISIT_CHOICES.indexOf(voice.trialVisitType)}
        onChange={(e) => voice.setTrialVisitType(VISIT_CHOICES[Number(e.detail.value)])}
      >
        <View className='rx-input rx-row'>评论来自：{visitLabel(voice.trialVisitType)}</View>
      </Picker>
      <Button className='rx-button' loading={voice.trying.isLoading} onClick={() => void voice.tryText()}>
        分析
      </Button>
      {voice.trying.error && <FieldError message={voice.trying.error} />}
      {voice.trialResult && (
        <View className='voice-themes'>
          <TaggingView tagging={voice.trialResult} />
        </View>
      )}
    </View>
  )
})

const AddPhrase = observer(function AddPhrase() {
  const { voice } = useStores()
  const { form, saving } = voice
  return (
    <View className='rx-card'>
      <View className='rx-title'>添加或修改词语</View>
      <View className='rx-muted'>
        同一词语再次保存即为修改；与内置词语同名时以医院的为准。情感权重 −1（很负面）到 1（很正面），程度词填倍数（如
        1.5）。
      </View>
      <TextField
        label='词语'
        value={form.phrase}
        maxlength={20}
        placeholder='如：态度敷衍'
        error={saving.fieldError('phrase')}
        onInput={(phrase) => voice.setForm({ phrase })}
      />
      <Picker
        mode='selector'
        aria-label='类型'
        range={LEXICON_KINDS.map((kind) => LEXICON_KIND_LABELS[kind])}
        value={LEXICON_KINDS.indexOf(form.kind)}
        onChange={(e) => voice.setForm({ kind: LEXICON_KINDS[Number(e.detail.value)] })}
      >
        <View className='rx-input rx-row'>类型：{LEXICON_KIND_LABELS[form.kind]}</View>
      </Picker>
      <Picker
        mode='selector'
        aria-label='主题'
        range={THEME_CHOICES.map(themeLabel)}
        value={THEME_CHOICES.indexOf(form.theme)}
        onChange={(e) => voice.setForm({ theme: THEME_CHOICES[Number(e.detail.value)] })}
      >
        <View className='rx-input rx-row'>主题：{themeLabel(form.theme)}</View>
      </Picker>
      <FieldError message={saving.fieldError('theme')} />
      <TextField
        label='权重'
        value={form.weight}
        type='text'
        error={saving.fieldError('weight')}
        onInput={(weight) => voice.setForm({ weight })}
      />
      {saving.error && <FieldError message={saving.error} />}
      <Button className='rx-button' loading={saving.isPending} onClick={() => void voice.save()}>
        保存词语
      </Button>
    </View>
  )
})

const Entry = observer(function Entry({ entry }: { entry: CustomLexiconEntry }) {
  const { voice } = useStores()
  const weight =
    entry.kind === 'degree' ? `×${entry.weight}` : entry.weight > 0 ? `+${entry.weight}` : `${entry.weight}`
  return (
    <View className={`voice-entry ${entry.enabled ? '' : 'voice-entry--off'}`} aria-label={`词语 ${entry.phrase}`}>
      <View className='rx-row'>
        <View>「{entry.phrase}」</View>
        <View>{entry.enabled ? LEXICON_KIND_LABELS[entry.kind] : '已停用'}</View>
      </View>
      <View className='rx-muted'>
        {entry.theme ? THEME_LABELS[entry.theme] : '无主题'} · 权重 {weight}
      </View>
      <View className='voice-entry__actions'>
        <Button className='rx-button rx-button--plain' onClick={() => void voice.setEnabled(entry, !entry.enabled)}>
          {entry.enabled ? '停用' : '启用'}
        </Button>
        <Button className='rx-button rx-button--plain' onClick={() => void voice.remove(entry)}>
          删除
        </Button>
      </View>
    </View>
  )
})

export default observer(function LexiconPage() {
  const { identity, voice } = useStores()
  useFreshList(() => voice.load())
  if (!identity.hasRole('admin')) {
    return (
      <PageShell>
        <View className='rx-card rx-muted'>仅管理员可维护评论标注词典</View>
      </PageShell>
    )
  }
  return (
    <PageShell>
      <TryIt />
      <AddPhrase />
      <View className='rx-card'>
        <View className='rx-title'>医院自己的词语</View>
        {voice.lexicon && (
          <View className='rx-muted'>
            内置词典 {voice.lexicon.builtIn} 个词语；要停用一个内置词语，以同名添加后停用。
          </View>
        )}
        <StateView
          status={voice.loading.status}
          error={voice.loading.error}
          errorCode={voice.loading.code}
          empty={voice.lexicon?.custom.length === 0}
          emptyText='还没有添加词语，内置词典已在使用'
          onRetry={() => void voice.load()}
        >
          {voice.lexicon?.custom.map((entry) => (
            <Entry key={entry.phrase} entry={entry} />
          ))}
        </StateView>
      </View>
    </PageShell>
  )
})

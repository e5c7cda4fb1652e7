import { Button, Picker, View } from '@tarojs/components'
import { FieldError } from '../../../components/field-error'
import Taro, { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { CHECK_OUT_MIN_HOURS, STUDY_TYPES } from '../../../contract'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { TextField } from '../../../components/text-field'
import { useStores } from '../../../stores/context'
import type { AudienceKind, SessionForm } from '../../../stores/study-store'
import { studyPage } from '../format'
import { PresenceFields } from './presence-fields'
import '../study.scss'

const AUDIENCES: { kind: AudienceKind; label: string }[] = [
  { kind: 'all', label: '全院职工' },
  { kind: 'party', label: '全体党员' },
  { kind: 'departments', label: '按科室' },
]

const CHECK_OUT_CHOICES: { value: boolean | null; label: string }[] = [
  { value: null, label: `默认（超过${CHECK_OUT_MIN_HOURS}小时需签退）` },
  { value: true, label: '需要签退' },
  { value: false, label: '无需签退' },
]

function Chip({ on, label, onTap }: { on: boolean; label: string; onTap: () => void }) {
  return (
    <View className={on ? 'study-chip study-chip--on' : 'study-chip'} aria-pressed={on} onClick={onTap}>
      {label}
    </View>
  )
}

type TextField = 'title' | 'speaker' | 'location' | 'creditHours' | 'cmeCredits'

const Field = observer(function Field(props: {
  field: TextField
  label: string
  placeholder: string
  digit?: boolean
}) {
  const { study } = useStores()
  return (
    <TextField
      label={props.label}
      type={props.digit ? 'digit' : 'text'}
      value={study.form[props.field]}
      placeholder={props.placeholder}
      onInput={(value) => study.setForm({ [props.field]: value } as Partial<SessionForm>)}
      error={study.saving.fieldError(props.field)}
    />
  )
})

const TimePicker = observer(function TimePicker(props: { field: 'date' | 'startTime' | 'endTime'; label: string }) {
  const { study } = useStores()
  const errorPath = props.field === 'endTime' ? 'endAt' : 'startAt'
  const value = study.form[props.field]
  const set = (picked: string) => study.setForm({ [props.field]: picked })
  const shown = <View className='rx-input study-picker'>{value}</View>
  return (
    <View className='rx-field'>
      <View>{props.label}</View>
      {props.field === 'date' ? (
        <Picker mode='date' value={value} onChange={(e) => set(e.detail.value)}>
          {shown}
        </Picker>
      ) : (
        <Picker mode='time' value={value} onChange={(e) => set(e.detail.value)}>
          {shown}
        </Picker>
      )}
      {props.field !== 'date' && <FieldError message={study.saving.fieldError(errorPath)} />}
    </View>
  )
})

const AudienceField = observer(function AudienceField() {
  const { study, identity } = useStores()
  const { form } = study
  if (!identity.hasRole('admin')) {
    const own = identity.departments.find((d) => d.id === identity.me?.departmentId)
    return <View className='rx-field'>{`参加对象：${own?.name ?? '本科室'}职工`}</View>
  }
  return (
    <View className='rx-field'>
      <View>参加对象</View>
      <View className='study-chips'>
        {AUDIENCES.map((a) => (
          <Chip
            key={a.kind}
            on={form.audienceKind === a.kind}
            label={a.label}
            onTap={() => study.setForm({ audienceKind: a.kind })}
          />
        ))}
      </View>
      {form.audienceKind === 'departments' && (
        <View className='study-chips' style={{ marginTop: '16px' }}>
          {identity.departments.map((d) => (
            <Chip
              key={d.id}
              on={form.departmentIds.includes(d.id)}
              label={d.name}
              onTap={() => study.toggleDepartment(d.id)}
            />
          ))}
        </View>
      )}
      <FieldError message={study.saving.fieldError('audience')} />
    </View>
  )
})

export default observer(function SessionFormPage() {
  const { study, identity } = useStores()
  const id = useRouter().params.id ?? null
  useEffect(() => {
    void identity.loadDepartments()
    const disposer = study.openForm(id, identity.hasRole('admin') ? null : (identity.me?.departmentId ?? null))
    return () => void disposer.then((dispose) => dispose?.())
  }, [study, identity, id])

  const save = async () => {
    const saved = await study.saveSession()
    if (!saved) return
    if (Taro.getCurrentPages().length > 1) await Taro.navigateBack()
    else await Taro.redirectTo({ url: studyPage('organize') })
  }

  return (
    <PageShell>
      <StateView
        status={study.sessionLoading.status}
        error={study.sessionLoading.error}
        errorCode={study.sessionLoading.code}
      >
        <View className='rx-card'>
          <View className='rx-title'>{study.form.editingId ? '修改学习活动' : '发起学习活动'}</View>
          <View className='rx-field'>
            <View>学习类型</View>
            <View className='study-chips'>
              {STUDY_TYPES.map((type) => (
                <Chip key={type} on={study.form.type === type} label={type} onTap={() => study.setForm({ type })} />
              ))}
            </View>
            <FieldError message={study.saving.fieldError('type')} />
          </View>
          <Field field='title' label='学习主题' placeholder='如：学习贯彻党的二十届三中全会精神' />
          <Field field='speaker' label='主讲人（可不填）' placeholder='姓名' />
          <Field field='location' label='地点' placeholder='如：行政楼三楼会议室；线上学习写“线上”' />
          <TimePicker field='date' label='日期' />
          <View className='rx-row study-times'>
            <TimePicker field='startTime' label='开始' />
            <TimePicker field='endTime' label='结束' />
          </View>
          <AudienceField />
          <Field field='creditHours' label='学时' placeholder='如 1 或 1.5' digit />
          <Field field='cmeCredits' label='继续医学教育Ⅱ类学分（无则填0）' placeholder='如 0.5、1、2' digit />
          <View className='rx-field'>
            <View>签退</View>
            <View className='study-chips'>
              {CHECK_OUT_CHOICES.map(({ value, label }) => (
                <Chip
                  key={label}
                  on={study.form.requireCheckOut === value}
                  label={label}
                  onTap={() => study.setForm({ requireCheckOut: value })}
                />
              ))}
            </View>
            <View className='rx-muted'>需签退时，签到并签退才计学时；提前离开按时长折算。</View>
          </View>
          <PresenceFields />
          {study.saving.error && (
            <View className='rx-field__error' role='alert'>
              {study.saving.error}
            </View>
          )}
          <Button className='rx-button' loading={study.saving.isPending} onClick={() => void save()}>
            {study.form.editingId ? '保存修改' : '发布'}
          </Button>
        </View>
      </StateView>
    </PageShell>
  )
})

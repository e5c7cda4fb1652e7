import { Textarea, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { PropsWithChildren } from 'react'
import { type Choice } from '../../../components/choice-grid'
import { FieldError } from '../../../components/field-error'
import { SensitiveTextGate } from '../../../components/sensitive-consent'
import type { QuestionnaireAnswers, QuestionnaireDraft } from '../../../stores/support/questionnaire-draft'
import type { Submission } from '../../../stores/support/submission'
import { ChoiceRow } from './choice-row'
import './recommend-and-comment.scss'

const RECOMMEND: Choice<number>[] = Array.from({ length: 11 }, (_, score) => ({ value: score, label: String(score) }))

/** The 0–10 question that closes both questionnaires (the patient's and the staff's). */
export const RecommendRow = observer(function RecommendRow({
  draft,
  label,
}: {
  draft: QuestionnaireDraft<QuestionnaireAnswers>
  /** The question, e.g. 您是否愿意向亲友推荐本院？ with what 0 and 10 mean. */
  label: string
}) {
  return (
    <ChoiceRow
      label={label}
      choices={RECOMMEND}
      chosen={draft.values.recommend ?? undefined}
      onChoose={(score) => draft.setRecommend(score)}
      error={draft.recommendError}
      compact
    />
  )
})

interface CommentCardProps {
  draft: QuestionnaireDraft<QuestionnaireAnswers>
  submission: Submission<unknown>
  max: number
  placeholder: string
  /** Free text about one's treatment needs 单独同意 first (个人信息保护法); a staff survey's does not. */
  sensitive?: boolean
}

const LABEL = '意见和建议'

/** 意见和建议 with its counter and error; `children` are further optional fields of the same card. */
export const CommentCard = observer(function CommentCard({
  draft,
  submission,
  max,
  placeholder,
  sensitive = false,
  children,
}: PropsWithChildren<CommentCardProps>) {
  const field = (
    <Textarea
      className='rx-input questionnaire-comment'
      value={draft.values.comment}
      maxlength={max}
      placeholder={placeholder}
      aria-label={LABEL}
      // H5 renders the field inside Taro's own element: the name must reach the <textarea> itself.
      nativeProps={{ 'aria-label': LABEL }}
      onInput={(e) => draft.setComment(e.detail.value)}
    />
  )
  return (
    <View className='rx-card'>
      <View className='rx-field'>
        <View>{`${LABEL}（选填）`}</View>
        {sensitive ? <SensitiveTextGate>{field}</SensitiveTextGate> : field}
        <View className='rx-muted questionnaire-counter'>
          {draft.values.comment.length} / {max}
        </View>
        <FieldError message={submission.fieldError('comment')} />
      </View>
      {children}
    </View>
  )
})

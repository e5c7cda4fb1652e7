import { Button, View } from '@tarojs/components'
import { scrollToFirstError } from '../../../components/field-error'
import { observer } from 'mobx-react-lite'
import { TextField } from '../../../components/text-field'
import { COMMENT_MAX, VISIT_TYPE_LABELS } from '../../../contract'
import { useStores } from '../../../stores/context'
import { formatDate } from '../../../contract/when'
import { type Choice } from '../../../components/choice-grid'
import { ChoiceRow } from '../shared/choice-row'
import { CommentCard, RecommendRow } from '../shared/recommend-and-comment'
import { RatingItem } from './rating-item'

const CALL_BACK: Choice<boolean>[] = [
  { value: false, label: '保持匿名' },
  { value: true, label: '愿意接受回访' },
]

/** The whole questionnaire on one screen, with progress and the items still missing marked. */
export const Questionnaire = observer(function Questionnaire() {
  const { survey } = useStores()
  const { rating } = survey
  const { opened, draft, submission } = rating
  if (!opened) return null
  const values = draft.values
  const total = rating.items.length
  return (
    <View>
      <View className='rx-card'>
        <View className='rx-title'>{opened.questionnaire.title}</View>
        <View className='rx-muted'>
          {formatDate(opened.visit.visitDate)} {opened.visit.departmentName} {VISIT_TYPE_LABELS[opened.visit.type]}
          {opened.visit.doctor ? ` · ${opened.visit.doctor}` : ''}
        </View>
        <View className='rx-muted'>匿名评价，医护人员看不到您是谁</View>
      </View>

      <View className='rate-progress' aria-label='答题进度'>
        <View>
          已答 {draft.answeredCount} / {total} 题
        </View>
        <View className='rate-progress__bar'>
          <View className='rate-progress__done' style={{ width: `${(draft.answeredCount / total) * 100}%` }} />
        </View>
      </View>

      <View className='rx-card'>
        {rating.items.map((item) => (
          <RatingItem
            key={item.id}
            item={item}
            chosen={values.answers[item.id]}
            onChoose={(score) => draft.answer(item.id, score)}
            error={draft.itemError(item.id)}
          />
        ))}
        <RecommendRow draft={draft} label='您是否愿意向亲友推荐本院？（0 分完全不愿意，10 分非常愿意）' />
      </View>

      <CommentCard
        draft={draft}
        submission={submission}
        max={COMMENT_MAX}
        placeholder='您的意见会帮助我们改进'
        sensitive
      >
        <TextField
          label='想表扬的工作人员（选填）'
          value={values.praiseStaff}
          maxlength={20}
          placeholder='姓名，如 王护士'
          onInput={(name) => rating.setPraiseStaff(name)}
          error={submission.fieldError('praiseStaff')}
        />
      </CommentCard>

      <View className='rx-card'>
        <ChoiceRow
          label='如果这次就医有不满意的地方，是否愿意科室负责人给您打电话了解情况？（选填）'
          choices={CALL_BACK}
          chosen={values.callBack}
          onChoose={(callBack) => rating.setCallBack(callBack)}
        />
        {values.callBack && (
          <>
            <View className='rate-consent' role='note'>
              留下电话后，这份评价对本科室负责人和医院管理员不再匿名。只有评价较低时才会来电；处理结束30天后电话号码即删除。
            </View>
            <TextField
              label='回访电话'
              value={values.phone}
              maxlength={11}
              type='number'
              placeholder='11位手机号'
              onInput={(phone) => rating.setPhone(phone)}
              error={rating.phoneError}
            />
          </>
        )}
      </View>

      {submission.error && (
        <View className='rx-field__error' role='alert'>
          {submission.error}
        </View>
      )}
      <Button
        className='rx-button'
        loading={submission.isPending}
        onClick={() => void rating.submit().then(scrollToFirstError)}
      >
        提交评价
      </Button>
    </View>
  )
})

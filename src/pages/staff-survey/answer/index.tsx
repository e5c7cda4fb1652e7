import { Button, View } from '@tarojs/components'
import { scrollToFirstError } from '../../../components/field-error'
import Taro, { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { useFreshList } from '../../../components/fresh-list'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { SCALE_LABELS, STAFF_COMMENT_MAX } from '../../../contract'
import { useStores } from '../../../stores/context'
import { type Choice } from '../../../components/choice-grid'
import { ChoiceRow } from '../../survey/shared/choice-row'
import { CommentCard, RecommendRow } from '../../survey/shared/recommend-and-comment'
import '../staff-survey.scss'

const SCALE: Choice<number | null>[] = ([5, 4, 3, 2, 1] as const).map((score) => ({
  value: score,
  label: SCALE_LABELS[score],
}))
const NOT_APPLICABLE: Choice<number | null> = { value: null, label: '不适用' }

const Questionnaire = observer(function Questionnaire() {
  const { staffSurvey } = useStores()
  const store = staffSurvey.answer
  const { opened, draft, submission } = store
  if (!opened) return null
  return (
    <View>
      <View className='rx-card'>
        <View className='rx-title'>{opened.campaign.title}</View>
        <View className='rx-muted'>{`${opened.campaign.opensOn} 至 ${opened.campaign.closesOn}`}</View>
        <View className='rx-muted'>匿名调查：答卷不记录您是谁，也不记录提交时刻；不足10人的科室只显示人数。</View>
      </View>
      <View className='rx-muted'>{`已答 ${draft.answeredCount} / ${store.items.length} 题`}</View>
      <View className='rx-card'>
        {store.items.map((item) => (
          <ChoiceRow
            key={item.id}
            label={item.label}
            choices={item.allowNA ? [...SCALE, NOT_APPLICABLE] : SCALE}
            chosen={draft.values.answers[item.id]}
            onChoose={(score) => draft.answer(item.id, score)}
            error={draft.itemError(item.id)}
          />
        ))}
        <RecommendRow draft={draft} label='您是否愿意推荐亲友来本院工作？（0 分完全不愿意，10 分非常愿意）' />
      </View>
      <CommentCard
        draft={draft}
        submission={submission}
        max={STAFF_COMMENT_MAX}
        placeholder='请勿填写可识别您身份的信息'
      />
      {submission.error && (
        <View className='rx-field__error' role='alert'>
          {submission.error}
        </View>
      )}
      <Button
        className='rx-button'
        loading={submission.isPending}
        onClick={() => void store.submit().then(scrollToFirstError)}
      >
        提交问卷
      </Button>
    </View>
  )
})

/** 职工满意度调查: the open campaigns, then one questionnaire on one screen. */
export default observer(function StaffSurveyAnswerPage() {
  const { staffSurvey } = useStores()
  const store = staffSurvey.answer
  const id = useRouter().params.id ?? ''
  useEffect(() => {
    if (id) void store.open(id)
    return () => store.close()
  }, [store, id])
  useFreshList(() => (id ? Promise.resolve() : store.loadCampaigns()))

  if (!id) {
    return (
      <PageShell>
        <View className='rx-title'>职工满意度调查</View>
        <StateView
          status={store.listLoading.status}
          error={store.listLoading.error}
          errorCode={store.listLoading.code}
          empty={store.waiting.length === 0}
          emptyText='目前没有待填写的调查'
          onRetry={() => void store.loadCampaigns()}
        >
          {store.waiting.map((c) => (
            <View key={c.id} className='rx-card'>
              <View className='rx-title'>{c.title}</View>
              <View className='rx-muted'>{`截止 ${c.closesOn}`}</View>
              <Button
                className='rx-button'
                onClick={() => void Taro.navigateTo({ url: `/pages/staff-survey/answer/index?id=${c.id}` })}
              >
                去填写
              </Button>
            </View>
          ))}
        </StateView>
      </PageShell>
    )
  }
  return (
    <PageShell>
      <StateView
        status={store.openLoading.status}
        error={store.openLoading.error}
        errorCode={store.openLoading.code}
        empty={!store.opened}
        onRetry={() => void store.open(id)}
      >
        {store.done ? (
          <View className='rx-card' role='status'>
            <View className='rx-title'>感谢参与</View>
            <View>您的答卷已匿名提交。结果汇总后，各科室不少于10人时才会显示评分。</View>
          </View>
        ) : (
          <Questionnaire />
        )}
      </StateView>
    </PageShell>
  )
})

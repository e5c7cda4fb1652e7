import { Button, Input, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { PHRASE_SCENES } from '../../../contract'
import { useStores } from '../../../stores/context'
import { asOptions, Chips } from '../shared/chips'
import '../shared/feedback.scss'
import { PhraseEditor } from './phrase-editor'

const ALL = '全部'

export default observer(function PhrasesPage() {
  const { feedback, identity } = useStores()
  const isAdmin = identity.hasRole('admin')
  useDidShow(() => void feedback.loadPhrases())
  return (
    <PageShell>
      <View className='rx-title'>暖语手册</View>
      <View className='rx-muted'>医院服务用语：推荐这样说，避免这样说</View>
      <Chips
        label='场景'
        options={asOptions([ALL, ...PHRASE_SCENES])}
        isOn={(value) => (feedback.scene ?? ALL) === value}
        onTap={(value) => feedback.setScene(value === ALL ? null : (PHRASE_SCENES.find((s) => s === value) ?? null))}
      />
      <View className='fb-search'>
        <Input
          className='rx-input fb-search__input'
          value={feedback.query}
          placeholder='搜索用语，如“排队”'
          confirmType='search'
          onInput={(e) => feedback.setQuery(e.detail.value)}
          onConfirm={() => void feedback.loadPhrases()}
        />
        <Button className='rx-button fb-search__button' onClick={() => void feedback.loadPhrases()}>
          搜索
        </Button>
      </View>
      {isAdmin && <PhraseEditor />}
      <StateView
        status={feedback.phrasesLoading.status}
        error={feedback.phrasesLoading.error}
        empty={feedback.phrases.length === 0}
        emptyText='没有找到相关用语'
        onRetry={() => void feedback.loadPhrases()}
      >
        {feedback.phrases.map((phrase) => (
          <View key={phrase.id} className='rx-card'>
            <View className='rx-muted'>{phrase.scene}</View>
            <View className='fb-kind'>{phrase.situation}</View>
            {phrase.recommended.map((line) => (
              <View key={line} className='fb-phrase__good'>
                ✓ 推荐：{line}
              </View>
            ))}
            {phrase.forbidden.map((line) => (
              <View key={line} className='fb-phrase__bad'>
                ✗ 禁语：{line}
              </View>
            ))}
            {isAdmin && (
              <Button className='rx-button rx-button--plain' onClick={() => feedback.editPhrase(phrase)}>
                编辑
              </Button>
            )}
          </View>
        ))}
      </StateView>
    </PageShell>
  )
})

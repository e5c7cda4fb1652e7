import { Button, Input, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useFreshList } from '../../../components/fresh-list'
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
  const { phraseBook } = feedback
  const isAdmin = identity.hasRole('admin')
  useFreshList(() => phraseBook.loadPhrases())
  return (
    <PageShell>
      <View className='rx-title'>暖语手册</View>
      <View className='rx-muted'>医院服务用语：推荐这样说，避免这样说</View>
      <Chips
        label='场景'
        options={asOptions([ALL, ...PHRASE_SCENES])}
        isOn={(value) => (phraseBook.scene ?? ALL) === value}
        onTap={(value) => phraseBook.setScene(value === ALL ? null : (PHRASE_SCENES.find((s) => s === value) ?? null))}
      />
      <View className='fb-search'>
        <Input
          className='rx-input fb-search__input'
          value={phraseBook.query}
          placeholder='搜索用语，如“排队”'
          confirmType='search'
          onInput={(e) => phraseBook.setQuery(e.detail.value)}
          onConfirm={() => void phraseBook.loadPhrases()}
        />
        <Button className='rx-button fb-search__button' onClick={() => void phraseBook.loadPhrases()}>
          搜索
        </Button>
      </View>
      {isAdmin && <PhraseEditor />}
      <StateView
        status={phraseBook.phrasesLoading.status}
        error={phraseBook.phrasesLoading.error}
        errorCode={phraseBook.phrasesLoading.code}
        empty={phraseBook.phrases.length === 0}
        emptyText='没有找到相关用语'
        onRetry={() => void phraseBook.loadPhrases()}
      >
        {phraseBook.phrases.map((phrase) => (
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
              <Button className='rx-button rx-button--plain' onClick={() => phraseBook.editPhrase(phrase)}>
                编辑
              </Button>
            )}
          </View>
        ))}
      </StateView>
    </PageShell>
  )
})

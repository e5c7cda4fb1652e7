import { Button, Input, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useFreshList } from '../../../components/fresh-list'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { PHRASE_SCENES, type PhraseEntry, type PhraseScene } from '../../../contract'
import { useStores } from '../../../stores/context'
import '../shared/feedback.scss'
import { PhraseEditor } from './phrase-editor'

/** Each scene's group has an anchor, so the sticky picker can jump to it. */
const anchorOf = (scene: PhraseScene) => `phrase-scene-${PHRASE_SCENES.indexOf(scene)}`

function jumpTo(scene: PhraseScene) {
  void Taro.pageScrollTo({ selector: `#${anchorOf(scene)}`, offsetTop: -150, duration: 200 }).catch(() => {})
}

function PhraseCard({ phrase, editable }: { phrase: PhraseEntry; editable: boolean }) {
  const { feedback } = useStores()
  return (
    <View className='rx-card'>
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
      {editable && (
        <Button className='rx-button rx-button--plain' onClick={() => feedback.phraseBook.editPhrase(phrase)}>
          编辑
        </Button>
      )}
    </View>
  )
}

export default observer(function PhrasesPage() {
  const { feedback, identity } = useStores()
  const { phraseBook } = feedback
  const isAdmin = identity.hasRole('admin')
  useFreshList(() => phraseBook.loadPhrases())
  const { groups } = phraseBook
  return (
    <PageShell>
      <View className='rx-title'>暖语手册</View>
      <View className='rx-muted'>医院服务用语：推荐这样说，避免这样说</View>
      <View className='fb-phrase-bar'>
        <View className='fb-search' role='search'>
          <Input
            className='rx-input fb-search__input'
            value={phraseBook.query}
            placeholder='搜索用语，如“排队”'
            aria-label='搜索用语'
            confirmType='search'
            onInput={(e) => phraseBook.setQuery(e.detail.value)}
          />
          {phraseBook.query && (
            <Button className='rx-button rx-button--plain fb-search__clear' onClick={() => phraseBook.setQuery('')}>
              清除
            </Button>
          )}
        </View>
        <View className='fb-scenes' role='group' aria-label='按场景跳转'>
          {groups.map(({ scene, entries }) => (
            <View
              key={scene}
              className={phraseBook.scene === scene ? 'fb-scene fb-scene--on' : 'fb-scene'}
              role='button'
              onClick={() => {
                phraseBook.setScene(scene)
                jumpTo(scene)
              }}
            >
              {`${scene} ${entries.length}`}
            </View>
          ))}
        </View>
      </View>
      {isAdmin && <PhraseEditor />}
      <StateView
        status={phraseBook.phrasesLoading.status}
        error={phraseBook.phrasesLoading.error}
        errorCode={phraseBook.phrasesLoading.code}
        empty={phraseBook.phrases.length === 0 || groups.length === 0}
        emptyText={phraseBook.query ? `没有找到含“${phraseBook.query.trim()}”的用语` : '暂无用语'}
        onRetry={() => void phraseBook.loadPhrases()}
      >
        {groups.map(({ scene, entries }) => (
          <View key={scene} id={anchorOf(scene)} role='region' aria-label={scene}>
            <View className='fb-scene-title'>{scene}</View>
            {entries.map((phrase) => (
              <PhraseCard key={phrase.id} phrase={phrase} editable={isAdmin} />
            ))}
          </View>
        ))}
      </StateView>
    </PageShell>
  )
})

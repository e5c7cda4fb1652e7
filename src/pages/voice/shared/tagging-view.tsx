import { View } from '@tarojs/components'
import { POLARITY_LABELS, THEME_LABELS, type Tagging } from '../../../contract'
import './voice.scss'

/** A tagging that explains itself: the feeling with its score, each theme with the phrases that made it. */
export function TaggingView({ tagging }: { tagging: Tagging }) {
  return (
    <View aria-label='分析结果'>
      <View className='rx-row'>
        <View>
          整体情感：
          <View className={`voice-polarity voice-polarity--${tagging.sentiment}`}>
            {POLARITY_LABELS[tagging.sentiment]}
          </View>
        </View>
        <View className='rx-muted'>分值 {tagging.score.toFixed(2)}</View>
      </View>
      {tagging.themes.length === 0 ? (
        <View className='rx-muted voice-themes'>没有识别出主题</View>
      ) : (
        <View className='voice-themes'>
          {tagging.themes.map((theme) => (
            <View key={theme.id} className='voice-theme'>
              <View className='rx-row'>
                <View>{THEME_LABELS[theme.id]}</View>
                <View className={`voice-polarity voice-polarity--${theme.polarity}`}>
                  {POLARITY_LABELS[theme.polarity]}
                </View>
              </View>
              <View className='rx-muted'>依据：{theme.matched.map((phrase) => `「${phrase}」`).join(' ')}</View>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}

import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { POLARITY_LABELS, THEME_LABELS, type ThemeTag } from '../../../contract'
import { useStores } from '../../../stores/context'
import { Chips } from '../../feedback/shared/chips'
import './voice.scss'

const ALL = 'all'

/** Filters a list by the themes its texts were tagged with; hidden while no text has a theme. */
export const ThemeFilter = observer(function ThemeFilter() {
  const { voiceTags } = useStores()
  if (voiceTags.themes.length === 0) return null
  const options = [{ value: ALL, label: '全部主题' }, ...voiceTags.themes.map((t) => ({ value: t.id, label: t.label }))]
  return (
    <Chips
      label='主题'
      options={options}
      isOn={(value) => (voiceTags.theme ?? ALL) === value}
      onTap={(value) => voiceTags.setTheme(voiceTags.themes.find((t) => t.id === value)?.id ?? null)}
    />
  )
})

/** The themes of one listed text, each with its polarity. */
export const ThemeLine = observer(function ThemeLine({ id }: { id: string }) {
  const { voiceTags } = useStores()
  return <ThemeTags themes={voiceTags.tags[id]?.themes ?? []} />
})

export function ThemeTags({ themes }: { themes: ThemeTag[] }) {
  if (themes.length === 0) return null
  return (
    <View className='rx-muted voice-theme-line' aria-label='主题'>
      主题：
      {themes.map((theme) => (
        <View key={theme.id} className={`voice-polarity voice-polarity--${theme.polarity}`}>
          {THEME_LABELS[theme.id]}·{POLARITY_LABELS[theme.polarity]}
        </View>
      ))}
    </View>
  )
}

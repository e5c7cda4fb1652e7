import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import './index.scss'

export interface Entry {
  title: string
  description: string
  /** A page path; entries without one are areas still being built. */
  url?: string
}

function open(entry: Entry) {
  if (entry.url) void Taro.navigateTo({ url: entry.url })
  else void Taro.showToast({ title: `${entry.title}即将开放`, icon: 'none' })
}

/** Big, obvious tiles: one tap into each thing a person can do here. */
export function EntryGrid({ entries }: { entries: Entry[] }) {
  return (
    <View className='rx-entries'>
      {entries.map((entry) => (
        <View
          key={entry.title}
          className='rx-entry'
          hoverClass='rx-entry--hover'
          role='button'
          onClick={() => open(entry)}
        >
          <View className='rx-entry__title'>{entry.title}</View>
          <View className='rx-entry__desc'>{entry.description}</View>
        </View>
      ))}
    </View>
  )
}

import { Button, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../stores/context'
import './index.scss'

/** 适老化: a way into 大字模式 on the first tab, not only deep in 我的. */
export const LargeTextEntry = observer(function LargeTextEntry() {
  const { identity, ui } = useStores()
  const on = ui.largeText
  return (
    <View className='large-text-entry' role='region' aria-label='大字模式'>
      <View className='large-text-entry__text'>
        <View className='large-text-entry__title'>{on ? '已开启大字模式' : '字太小？开启大字模式'}</View>
        <View className='rx-muted'>
          {ui.followsWeChat ? '已按您微信的字体大小开启' : on ? '全部文字已放大' : '放大全部文字和按钮，看得更清楚'}
        </View>
      </View>
      <Button
        className={on ? 'rx-button rx-button--plain large-text-entry__button' : 'rx-button large-text-entry__button'}
        onClick={() => void identity.setLargeText(!on)}
      >
        {on ? '恢复标准字' : '开启大字'}
      </Button>
    </View>
  )
})

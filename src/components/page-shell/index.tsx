import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { PropsWithChildren } from 'react'
import { useStores } from '../../stores/context'

/** The root of every page: applies 大字模式 so all text below scales with it. */
export const PageShell = observer(function PageShell({ children }: PropsWithChildren) {
  const { ui } = useStores()
  return <View className={ui.largeText ? 'rx-page rx-page--large' : 'rx-page'}>{children}</View>
})

import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { PropsWithChildren } from 'react'
import { useStores } from '../../stores/context'
import { PrivacySheet } from '../privacy-sheet'
import { useFocusableScroller } from './focusable-scroller'
import { useKeyboardControls } from './keyboard'

interface PageShellProps {
  /** Off on the policy page itself, so the person can read it while deciding. */
  privacySheet?: boolean
}

/**
 * The root of every page: applies 大字模式 so all text below scales with it, and holds the privacy
 * consent sheet, since WeChat may ask for consent on whichever page calls a privacy API. On H5 it
 * also makes every button on the page reachable and pressable from a keyboard.
 */
export const PageShell = observer(function PageShell({
  children,
  privacySheet = true,
}: PropsWithChildren<PageShellProps>) {
  const { ui } = useStores()
  const root = useFocusableScroller()
  useKeyboardControls(root)
  return (
    <View ref={root} className={ui.largeText ? 'rx-page rx-page--large' : 'rx-page'}>
      {children}
      {privacySheet && <PrivacySheet />}
    </View>
  )
})

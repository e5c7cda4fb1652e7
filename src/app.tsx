import Taro from '@tarojs/taro'
import { useState, type PropsWithChildren } from 'react'
import { PRIVACY_AGREE_BUTTON_ID } from './components/privacy-sheet/agree-id'
import { StoreContext } from './stores/context'
import { RootStore } from './stores/root-store'
import { createAppDeps } from './stores/taro-deps'
import './app.scss'

if (process.env.TARO_ENV === 'weapp' && RENXIN_TRANSPORT === 'cloud') {
  Taro.cloud.init({ env: RENXIN_CLOUD_ENV || undefined, traceUser: true })
}

/**
 * WeChat holds back a privacy API (camera scan, chosen file…) until the person answers our sheet;
 * H5 has no such prompt, so it shows the same sheet once, on first use.
 */
function watchPrivacyConsent(root: RootStore) {
  if (process.env.TARO_ENV !== 'weapp') {
    root.privacy.askOnFirstUse()
    return
  }
  Taro.onNeedPrivacyAuthorization((resolve, { referrer }) => {
    resolve({ event: 'exposureAuthorization' })
    void root.privacy
      .ask(referrer)
      .then((answer) =>
        resolve(answer === 'agree' ? { event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID } : { event: 'disagree' }),
      )
  })
}

function App({ children }: PropsWithChildren) {
  const [store] = useState(() => {
    const root = new RootStore(createAppDeps())
    watchPrivacyConsent(root)
    void root.identity.load()
    return root
  })
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>
}

export default App

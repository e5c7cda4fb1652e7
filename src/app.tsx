import Taro from '@tarojs/taro'
import { useState, type PropsWithChildren } from 'react'
import { StoreContext } from './stores/context'
import { RootStore } from './stores/root-store'
import { createAppDeps } from './stores/taro-deps'
import './app.scss'

if (process.env.TARO_ENV === 'weapp' && RENXIN_TRANSPORT === 'cloud') {
  Taro.cloud.init({ env: RENXIN_CLOUD_ENV || undefined, traceUser: true })
}

function App({ children }: PropsWithChildren) {
  const [store] = useState(() => {
    const root = new RootStore(createAppDeps())
    void root.identity.load()
    return root
  })
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>
}

export default App

import Taro from '@tarojs/taro'
import type { Role } from '../contract'
import { apiBaseUrl, createDefaultApi } from '../services/api'
import { devSignIn } from '../services/api/session'
import { devicePresence } from '../services/presence'
import type { StoreDeps } from './root-store'
import type { KeyValueStorage } from './support/storage'
import type { WeChatTextSize } from './support/wechat-text-size'

const taroStorage: KeyValueStorage = {
  get: (key) => Taro.getStorageSync(key),
  set: (key, value) => Taro.setStorageSync(key, value),
  remove: (key) => Taro.removeStorageSync(key),
}

/** H5 has no WeChat text size to read. */
function readWeChatTextSize(): WeChatTextSize {
  if (process.env.TARO_ENV !== 'weapp') return {}
  // WeChat documents both fields (fontSizeSetting since base library 2.23.4); Taro's typings lack them.
  const { fontSizeSetting, fontSizeScaleFactor } = Taro.getAppBaseInfo() as Taro.getAppBaseInfo.Result & WeChatTextSize
  return { fontSizeSetting, fontSizeScaleFactor }
}

/** The stores' dependencies inside the running app. */
export function createAppDeps(): StoreDeps {
  return {
    api: createDefaultApi(),
    storage: taroStorage,
    wechatTextSize: readWeChatTextSize(),
    presence: devicePresence,
    toast: (title) => void Taro.showToast({ title, icon: 'none', duration: 2500 }),
    devSignIn: RENXIN_DEV_TOOLS
      ? async (role: Role) => {
          await devSignIn(apiBaseUrl, role)
        }
      : null,
  }
}

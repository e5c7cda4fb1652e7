import Taro from '@tarojs/taro'
import type { Role } from '../contract'
import { apiBaseUrl, createDefaultApi } from '../services/api'
import { devSignIn } from '../services/api/session'
import type { StoreDeps } from './root-store'
import type { KeyValueStorage } from './support/storage'

const taroStorage: KeyValueStorage = {
  get: (key) => Taro.getStorageSync(key),
  set: (key, value) => Taro.setStorageSync(key, value),
  remove: (key) => Taro.removeStorageSync(key),
}

/** The stores' dependencies inside the running app. */
export function createAppDeps(): StoreDeps {
  return {
    api: createDefaultApi(),
    storage: taroStorage,
    toast: (title) => void Taro.showToast({ title, icon: 'none', duration: 2500 }),
    devSignIn: RENXIN_DEV_TOOLS
      ? async (role: Role) => {
          await devSignIn(apiBaseUrl, role)
        }
      : null,
  }
}

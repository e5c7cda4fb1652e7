import Taro from '@tarojs/taro'
import type { Role, UserView } from '../../contract'
import { taroPost } from './taro-post'

const TOKEN_KEY = 'renxin.token'

/** The bearer token for the local host. WeChat needs none: the platform vouches for the caller. */
export const tokenStore = {
  get(): string | null {
    const token: unknown = Taro.getStorageSync(TOKEN_KEY)
    return typeof token === 'string' && token ? token : null
  },
  set(token: string) {
    Taro.setStorageSync(TOKEN_KEY, token)
  },
}

/** Dev builds only: act as a seeded demo user of one role. */
export async function devSignIn(baseUrl: string, as: Role): Promise<UserView> {
  const response = await taroPost(`${baseUrl}/dev/sign-in`, { as }, { 'Content-Type': 'application/json' })
  const body = response.body as { token?: string; user?: UserView }
  if (response.status !== 200 || !body.token || !body.user) throw new Error('登录失败，请确认本地云服务已启动')
  tokenStore.set(body.token)
  return body.user
}

import { ApiClient } from './client'
import { cloudTransport } from './cloud-transport'
import { createHttpTransport } from './http-transport'
import { tokenStore } from './session'
import { taroPost } from './taro-post'

export { ApiClient } from './client'
export { ApiFailure, failureMessage } from './errors'

export const apiBaseUrl = RENXIN_API_BASE

export function createDefaultApi(): ApiClient {
  if (RENXIN_TRANSPORT === 'cloud') return new ApiClient(cloudTransport)
  return new ApiClient(createHttpTransport({ baseUrl: apiBaseUrl, post: taroPost, token: tokenStore.get }))
}

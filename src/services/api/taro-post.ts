import Taro from '@tarojs/taro'
import type { HttpPost } from './http-transport'

export const taroPost: HttpPost = async (url, body, headers) => {
  const response = await Taro.request({ url, method: 'POST', data: body, header: headers, dataType: 'json' })
  return { status: response.statusCode, body: response.data }
}

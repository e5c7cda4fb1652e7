import Taro from '@tarojs/taro'
import type { CallEvent } from '../../contract'
import { isCallResult, TransportError, type Transport } from './transport'

export const cloudTransport: Transport = {
  async send(fn: string, event: CallEvent) {
    let result: unknown
    try {
      result = (await Taro.cloud.callFunction({ name: fn, data: event })).result
    } catch (error) {
      throw new TransportError(error)
    }
    if (!isCallResult(result)) throw new TransportError(`cloud function ${fn} answered no result`)
    return result
  },
}

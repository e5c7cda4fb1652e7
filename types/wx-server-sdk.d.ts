// The part of wx-server-sdk the cloud functions use. The SDK itself is installed by WeChat's cloud
// when a function is uploaded (each function's package.json), not in this repository.
declare module 'wx-server-sdk' {
  import type { CloudDb } from '../src/cloud/storage/cloudbase/db'

  interface WXContext {
    OPENID?: string
    APPID?: string
    UNIONID?: string
    ENV?: string
  }

  /** `cloud.openapi.subscribeMessage.send`: rejects (errCode ≠ 0) when WeChat refuses. */
  interface SubscribeMessage {
    touser: string
    templateId: string
    page?: string
    data: Record<string, { value: string }>
    miniprogramState?: 'developer' | 'trial' | 'formal'
  }

  /** `cloud.openapi.wxacode.getUnlimited`: a PNG; rejects (errCode ≠ 0) when WeChat refuses. */
  interface UnlimitedCodeRequest {
    scene: string
    page: string
    checkPath?: boolean
    envVersion?: 'release' | 'trial' | 'develop'
    width?: number
  }

  const cloud: {
    DYNAMIC_CURRENT_ENV: symbol
    init(options?: { env?: string | symbol }): void
    getWXContext(): WXContext
    /** With `throwOnNotFound: false`, `doc(id).get()` answers `data: null` for a missing document. */
    database(options?: { throwOnNotFound?: boolean }): CloudDb
    openapi: {
      subscribeMessage: {
        send(message: SubscribeMessage): Promise<{ errCode: number; errMsg: string }>
      }
      wxacode: {
        getUnlimited(request: UnlimitedCodeRequest): Promise<{ buffer: Buffer; contentType: string }>
      }
    }
  }
  export default cloud
}

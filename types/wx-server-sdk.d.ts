// The part of wx-server-sdk the cloud functions use. The SDK itself is installed by WeChat's cloud
// when a function is uploaded (each function's package.json), not in this repository.
declare module 'wx-server-sdk' {
  interface WXContext {
    OPENID?: string
    APPID?: string
    UNIONID?: string
    ENV?: string
  }
  const cloud: {
    DYNAMIC_CURRENT_ENV: symbol
    init(options?: { env?: string | symbol }): void
    getWXContext(): WXContext
  }
  export default cloud
}

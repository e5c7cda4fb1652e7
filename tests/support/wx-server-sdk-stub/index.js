// Stand-in for wx-server-sdk when a built cloud function is loaded outside WeChat.
module.exports = {
  DYNAMIC_CURRENT_ENV: Symbol('DYNAMIC_CURRENT_ENV'),
  init() {},
  getWXContext() {
    return { OPENID: process.env.STUB_OPENID }
  },
}

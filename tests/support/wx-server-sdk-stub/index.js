// Stand-in for wx-server-sdk when a built cloud function is loaded outside WeChat. `database()`
// is the in-process cloud database stand-in, which the test bundles next to this file.
let database
const sent = []

module.exports = {
  DYNAMIC_CURRENT_ENV: Symbol('DYNAMIC_CURRENT_ENV'),
  init() {},
  getWXContext() {
    return { OPENID: process.env.STUB_OPENID }
  },
  database() {
    if (!database) {
      const { CloudDbStandIn } = require('./cloud-db-stand-in.js')
      database = new CloudDbStandIn()
    }
    return database
  },
  openapi: {
    subscribeMessage: {
      async send(message) {
        sent.push(message)
        return { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' }
      },
    },
  },
  /** Test-only: what the function sent. */
  sentMessages: sent,
}

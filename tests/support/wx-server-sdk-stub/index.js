// Stand-in for wx-server-sdk when a built cloud function is loaded outside WeChat. `database()`
// is the in-process cloud database stand-in, which the test bundles next to this file.
let database
const sent = []
const drawn = []

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
    wxacode: {
      // WeChat's own checks: a scene of 1–32 visible characters from its set, a page path without a leading slash.
      async getUnlimited({ scene, page }) {
        if (typeof scene !== 'string' || !/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/.test(scene)) {
          throw Object.assign(new Error('invalid length for scene, or the data is not json string'), { errCode: 40169 })
        }
        if (typeof page !== 'string' || page.startsWith('/')) {
          throw Object.assign(new Error('invalid page'), { errCode: 41030 })
        }
        drawn.push({ scene, page })
        const png = globalThis.Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
        return { errCode: 0, errMsg: 'openapi.wxacode.getUnlimited:ok', contentType: 'image/png', buffer: png }
      },
    },
    subscribeMessage: {
      async send(message) {
        sent.push(message)
        return { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' }
      },
    },
  },
  /** Test-only: what the function sent, and the mini-program codes it drew. */
  sentMessages: sent,
  drawnCodes: drawn,
}

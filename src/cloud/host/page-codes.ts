import QRCode from 'qrcode'
import type { PageCodes } from '../core/context'

/**
 * The local host has no WeChat to draw a mini-program code, so a slip carries an ordinary QR of the
 * H5 link instead; the rate page reads `scene` the same way in both builds.
 */
export function linkPageCodes(baseUrl: () => string): PageCodes {
  return {
    async forPage(page, scene) {
      const target = `${baseUrl()}/#/${page}?scene=${encodeURIComponent(scene)}`
      return { kind: 'qr', image: await QRCode.toDataURL(target, { margin: 1, width: 320 }), target }
    },
  }
}

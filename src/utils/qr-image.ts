import Taro from '@tarojs/taro'
import { create } from 'qrcode'

const QUIET_ZONE = 2

function base64OfAscii(text: string): string {
  if (process.env.TARO_ENV === 'h5') return btoa(text)
  const bytes = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i)
  return Taro.arrayBufferToBase64(bytes.buffer)
}

/**
 * The QR code as an SVG data URL: the same <Image> shows it in WeChat and on an H5 projector,
 * with no canvas to size or redraw.
 */
export function qrImageUrl(text: string): string {
  const { modules } = create(text, { errorCorrectionLevel: 'M' })
  const size = modules.size + QUIET_ZONE * 2
  let path = ''
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) path += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`
    }
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">` +
    `<rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`
  return `data:image/svg+xml;base64,${base64OfAscii(svg)}`
}

import { sign, verifySignature } from '../core/hmac'
import { DAY_MS } from '../../contract/month'

const TOKEN_TTL_MS = 7 * DAY_MS

interface TokenBody {
  sub: string
  exp: number
}

/** `<base64url body>.<hmac>`: the local host's stand-in for WeChat vouching for an OPENID. */
export function issueToken(secret: string, openid: string, now: Date): string {
  const body = Buffer.from(JSON.stringify({ sub: openid, exp: now.getTime() + TOKEN_TTL_MS })).toString('base64url')
  return `${body}.${sign(secret, body)}`
}

/** The OPENID of a valid, unexpired token; `null` for anything else. */
export function verifyToken(secret: string, token: string, now: Date): string | null {
  const [body, signature, extra] = token.split('.')
  if (!body || !signature || extra !== undefined || !verifySignature(secret, body, signature)) return null
  try {
    const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<TokenBody>
    if (typeof parsed.sub !== 'string' || typeof parsed.exp !== 'number' || parsed.exp <= now.getTime()) return null
    return parsed.sub
  } catch {
    return null
  }
}

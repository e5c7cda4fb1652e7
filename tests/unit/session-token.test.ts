import { issueToken, verifyToken } from '../../src/cloud/host/session-token'
import { loadSecrets } from '../../src/cloud/core/secrets'

const secret = 'a-test-secret-of-enough-length'
const now = new Date('2026-11-23T08:00:00Z')

test('a token names its OPENID until it expires, and only with the right secret', () => {
  const token = issueToken(secret, 'oABC', now)
  expect(verifyToken(secret, token, now)).toBe('oABC')
  expect(verifyToken(secret, token, new Date(now.getTime() + 6 * 24 * 3600 * 1000))).toBe('oABC')
  expect(verifyToken(secret, token, new Date(now.getTime() + 8 * 24 * 3600 * 1000))).toBeNull()
  expect(verifyToken('another-secret-entirely', token, now)).toBeNull()
  expect(verifyToken(secret, `${token}.extra`, now)).toBeNull()
  expect(verifyToken(secret, 'not-a-token', now)).toBeNull()
})

test('production refuses missing, short or default secrets and names the variables', () => {
  expect(() => loadSecrets({}, true)).toThrow(/RENXIN_SESSION_SECRET, RENXIN_VISIT_CODE_SECRET, RENXIN_CHECKIN_SECRET/)
  const strong = {
    RENXIN_SESSION_SECRET: 's'.repeat(32),
    RENXIN_VISIT_CODE_SECRET: 'v'.repeat(32),
    RENXIN_CHECKIN_SECRET: 'short',
  }
  expect(() => loadSecrets(strong, true)).toThrow(/RENXIN_CHECKIN_SECRET/)
  expect(loadSecrets({ ...strong, RENXIN_CHECKIN_SECRET: 'c'.repeat(32) }, true).checkIn).toBe('c'.repeat(32))
  expect(loadSecrets({}, false).session).toBeTruthy()
})

/** HMAC keys. Dev defaults are public knowledge, so production refuses to start with them. */
export interface Secrets {
  /** Signs the local host's bearer tokens. */
  session: string
  /** Signs survey codes printed on receipts. */
  visitCode: string
  /** Signs rotating study check-in QR codes. */
  checkIn: string
}

const DEV_DEFAULT = 'renxin-dev-secret-not-for-production'

const ENV_NAMES: Record<keyof Secrets, string> = {
  session: 'RENXIN_SESSION_SECRET',
  visitCode: 'RENXIN_VISIT_CODE_SECRET',
  checkIn: 'RENXIN_CHECKIN_SECRET',
}

export function loadSecrets(env: NodeJS.ProcessEnv, production: boolean): Secrets {
  const missing: string[] = []
  const read = (key: keyof Secrets) => {
    const value = env[ENV_NAMES[key]]
    if (value && value !== DEV_DEFAULT && value.length >= 16) return value
    if (production) missing.push(ENV_NAMES[key])
    return DEV_DEFAULT
  }
  const secrets: Secrets = { session: read('session'), visitCode: read('visitCode'), checkIn: read('checkIn') }
  if (missing.length > 0) {
    throw new Error(`Refusing to start in production without secrets (at least 16 characters): ${missing.join(', ')}`)
  }
  return secrets
}

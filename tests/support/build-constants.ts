// What config/index.ts defines at build time, for code under test.
const globals = globalThis as Record<string, unknown>
globals.RENXIN_TRANSPORT = 'http'
globals.RENXIN_API_BASE = ''
globals.RENXIN_CLOUD_ENV = ''
globals.RENXIN_DEV_TOOLS = true

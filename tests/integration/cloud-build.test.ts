import { execFileSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { CLOUD_FUNCTIONS } from '../../src/cloud/registry'
import { BUILT_FUNCTIONS, builtFunctionsSandbox } from '../support/cloud-sandbox'

const ROOT = resolve(__dirname, '../..')
const SECRETS = {
  RENXIN_SESSION_SECRET: 'session-secret-for-the-build-test',
  RENXIN_VISIT_CODE_SECRET: 'visit-code-secret-for-the-build-test',
  RENXIN_CHECKIN_SECRET: 'check-in-secret-for-the-build-test',
}

let sandbox: string

beforeAll(async () => {
  sandbox = await builtFunctionsSandbox('renxin-cloud-')
})

afterAll(() => {
  rmSync(sandbox, { recursive: true, force: true })
})

/** Calls a built function's `main` in a fresh Node process, as WeChat's runtime would. */
function callBuilt(name: string, events: unknown[], env: Record<string, string>): unknown[] {
  const script = `
    const { main } = require('./${name}/index.js')
    ;(async () => {
      const replies = []
      for (const event of ${JSON.stringify(events)}) replies.push(await main(event, {}))
      console.log(JSON.stringify(replies))
    })()`
  const output = execFileSync('node', ['-e', script], {
    cwd: sandbox,
    env: { PATH: process.env.PATH ?? '', NODE_PATH: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // Functions log to stdout as WeChat's runtime expects; the replies are the last line.
  return JSON.parse(String(output).trim().split('\n').pop() ?? '')
}

const readJson = (name: string, file: string) =>
  JSON.parse(readFileSync(join(ROOT, 'cloudfunctions', name, file), 'utf8'))

test('every function is a self-contained bundle with the manifest and config WeChat installs from', () => {
  for (const name of BUILT_FUNCTIONS) {
    expect(readJson(name, 'package.json')).toMatchObject({
      main: 'index.js',
      dependencies: { 'wx-server-sdk': expect.any(String) },
    })
  }
  expect(readJson('identity', 'config.json')).toEqual({ permissions: { openapi: [] } })
  expect(readJson('survey', 'config.json')).toEqual({ permissions: { openapi: ['wxacode.getUnlimited'] } })
  expect(readJson('sweep', 'config.json')).toEqual({
    permissions: { openapi: ['subscribeMessage.send'] },
    triggers: [{ name: expect.any(String), type: 'timer', config: expect.stringMatching(/^(\S+ ){6}\S+$/) }],
  })
})

test('the timer-triggered sweep runs the sweeps and drains the outbox, and refuses mini-program callers', () => {
  const [timer] = callBuilt('sweep', [{ Type: 'Timer', TriggerName: 'everyFiveMinutes' }], {})
  expect(timer).toEqual({
    ok: true,
    data: {
      sweeps: {
        closedShifts: 0,
        closedComplaints: 0,
        overdueComplaintReminders: 0,
        overdueAlertReminders: 0,
        erasedCallBackNumbers: 0,
        escalatedRequestReminders: 0,
        prunedRecords: 0,
        retaggedTexts: 0,
        backfilledTexts: 0,
        rolledUpSurveyCounters: 0,
        frozenStudyAudiences: 0,
      },
      failed: [],
      outbox: { sent: 0, retrying: 0, failed: 0 },
    },
  })
  const [caller] = callBuilt('sweep', [{}], { STUB_OPENID: 'wx-openid-4' })
  expect(caller).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
})

test('the built identity function answers identity.me from the WeChat context, on the cloud database', () => {
  const [first, second, anonymous] = [
    ...callBuilt('identity', [{ action: 'me' }, { action: 'setPrefs', data: { largeText: true } }], {
      ...SECRETS,
      STUB_OPENID: 'wx-openid-1',
    }),
    ...callBuilt('identity', [{ action: 'me' }], SECRETS),
  ]
  expect(first).toEqual({
    ok: true,
    data: expect.objectContaining({
      roles: ['patient'],
      departmentId: null,
      prefs: { largeText: false, sensitiveText: null },
      staff: null,
    }),
  })
  expect(second).toMatchObject({ ok: true })
  expect(anonymous).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
})

test('every built function starts on the cloud database and routes by action', () => {
  for (const name of Object.keys(CLOUD_FUNCTIONS)) {
    const [reply] = callBuilt(name, [{ action: 'no-such-action' }], { ...SECRETS, STUB_OPENID: 'wx-openid-2' })
    expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  }
})

test('a deployed function refuses to run with missing or default secrets', () => {
  for (const env of [{}, { ...SECRETS, RENXIN_CHECKIN_SECRET: 'renxin-dev-secret-not-for-production' }]) {
    const [reply] = callBuilt('identity', [{ action: 'me' }], { ...env, STUB_OPENID: 'wx-openid-3' })
    expect(reply).toEqual({ ok: false, error: { code: 'INTERNAL', message: '服务暂不可用，请稍后再试' } })
  }
})

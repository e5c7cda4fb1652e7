import { build } from 'esbuild'
import { execFileSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { FUNCTION_BUNDLE } from '../../scripts/cloud-bundle'
import * as REPO_SETS from '../../src/cloud/functions/repo-sets'
import type { CloudbaseRepoSet } from '../../src/cloud/storage/cloudbase'
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

/** Issue 17: what a cold start loads. */
const BUNDLE_CEILING_BYTES = 300 * 1000
/** A message of zod's `z.compile`, to tell whether a bundle carries all of zod. */
const ZOD_COMPILE = 'z.compile does not support'

/** `ctx.repos.survey`, `runtime.repos.identity`; `const { voice } = ctx.repos`; `repos[name]`, which no scan can follow. */
const REPO_ACCESS = /\brepos\.(\w+)/g
const REPO_DESTRUCTURING = /\b(?:const|let)\s*\{([^{}]*)\}\s*=\s*[\w.]*\brepos\b/g
const REPO_BY_NAME = /\brepos\[/

/** Every repository's adapter, by the name handlers reach it by: each is in some function's set. */
const ADAPTERS = Object.assign({}, ...Object.values(REPO_SETS)) as Required<CloudbaseRepoSet>

/**
 * What a function's bundle holds, built as `build:cloud` builds it but unminified, so each adapter
 * keeps its factory's name: the repositories its code (adapters aside) reads, and the adapters it carries.
 */
async function reposOf(name: string): Promise<{ reached: string[]; carried: string[] }> {
  const { metafile, outputFiles } = await build({
    ...FUNCTION_BUNDLE,
    entryPoints: [join(ROOT, 'src/cloud/functions', name, 'index.ts')],
    outfile: 'index.js',
    write: false,
    minify: false,
    logLevel: 'silent',
  })
  const [output] = Object.values(metafile.outputs)
  const reached = new Set<string>()
  for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
    if (bytesInOutput === 0 || !/^src\/(?!cloud\/storage\/)/.test(file)) continue
    const source = readFileSync(join(ROOT, file), 'utf8')
    if (REPO_BY_NAME.test(source)) throw new Error(`${file} picks a repository by a computed name`)
    for (const [, repo] of source.matchAll(REPO_ACCESS)) reached.add(repo)
    for (const [, names] of source.matchAll(REPO_DESTRUCTURING))
      for (const repo of names.split(',')) reached.add(repo.split(':')[0].trim())
  }
  const bundle = outputFiles[0].text
  const carried = Object.entries(ADAPTERS).filter(([, create]) => bundle.includes(`function ${create.name}(`))
  return { reached: [...reached].sort(), carried: carried.map(([repo]) => repo).sort() }
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

test('every bundle is minified, within 300 KB, and carries only the parts of zod it uses', () => {
  const bundles = BUILT_FUNCTIONS.map((name) => ({ name, code: readFileSync(join(sandbox, name, 'index.js'), 'utf8') }))
  const oversize = bundles.filter(({ code }) => Buffer.byteLength(code) > BUNDLE_CEILING_BYTES)
  expect(oversize.map(({ name, code }) => `${name}: ${Buffer.byteLength(code)} bytes`)).toEqual([])
  // `z.compile`, which no function calls, is only there when zod's namespace object is kept whole.
  expect(bundles.filter(({ code }) => code.includes(ZOD_COMPILE)).map(({ name }) => name)).toEqual([])
  // Unminified, a bundle is thousands of lines; minified, only zod's generated-code templates keep theirs.
  expect(bundles.filter(({ code }) => code.split('\n').length > 200).map(({ name }) => name)).toEqual([])
})

test("each function's repository set is what its code reaches, and its bundle carries no other adapter", async () => {
  for (const name of BUILT_FUNCTIONS) {
    const set = REPO_SETS[name as keyof typeof REPO_SETS]
    const declared = Object.keys({ ...REPO_SETS.DISPATCH_REPOS, ...set }).sort()
    const { reached, carried } = await reposOf(name)
    expect({ name, reached, carried }).toEqual({ name, reached: declared, carried: declared })
  }
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
        rolledUpStaffSurveyCounts: 0,
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
  const [first, second, invalid, anonymous] = [
    ...callBuilt(
      'identity',
      [
        { action: 'me' },
        { action: 'setPrefs', data: { largeText: true } },
        { action: 'setPrefs', data: { largeText: 'yes' } },
      ],
      {
        ...SECRETS,
        STUB_OPENID: 'wx-openid-1',
      },
    ),
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
  expect(invalid).toMatchObject({
    ok: false,
    error: { code: 'INVALID_INPUT', fields: [{ path: 'largeText', message: expect.stringMatching(/^无效输入/) }] },
  })
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

import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { idSchema } from '../../src/contract/common'
import { BUILT_IN_LEXICON } from '../../src/cloud/domain/voice/builtin-lexicon'
import { C, type CollectionSpec } from '../../src/cloud/storage/cloudbase/schema'

const ROOT = resolve(__dirname, '../..')
const WECHAT_VARS = ['RENXIN_WX_APPID', 'RENXIN_WX_PRIVATE_KEY_PATH', 'RENXIN_CLOUD_ENV', 'RENXIN_WX_APPSECRET']

function run(args: string[]) {
  const env = { ...process.env }
  for (const name of WECHAT_VARS) delete env[name]
  return spawnSync('npx', ['tsx', ...args], { cwd: ROOT, env, encoding: 'utf8' })
}

test('setup:cloud-db plans every collection the adapter uses, its unique indexes, closed rules and the questionnaires', () => {
  const result = run(['scripts/setup-cloud-db.ts', '--json'])
  expect(result.status).toBe(0)
  const setup = JSON.parse(result.stdout) as {
    collections: (CollectionSpec & { securityRule: unknown })[]
    documents: Record<string, { _id: string; items: unknown[] }[]>
  }
  expect(setup.collections.map((c) => c.name).sort()).toEqual(Object.values(C).sort())
  expect(setup.collections.every((c) => JSON.stringify(c.securityRule) === '{"read":false,"write":false}')).toBe(true)
  const users = setup.collections.find((c) => c.name === C.users)
  expect(users?.indexes).toContainEqual({ name: 'openid_unique', fields: [['openid', 'asc']], unique: true })
  expect(setup.documents[C.questionnaires].map((d) => d._id).sort()).toEqual(['inpatient@1', 'outpatient@1'])
  const phraseIds = setup.documents[C.feedbackPhrases].map((d) => d._id)
  expect(phraseIds.length).toBeGreaterThan(0)
  expect(phraseIds.every((id) => idSchema.safeParse(id).success)).toBe(true)
  expect(new Set(phraseIds).size).toBe(phraseIds.length)
  // The built-in comment lexicon, one document per phrase, as the PGlite migration seeds it.
  const lexicon = setup.documents[C.voiceLexiconSeed] as unknown as { _id: string; phrase: string }[]
  expect(lexicon.map((d) => d.phrase).sort()).toEqual(BUILT_IN_LEXICON.map((e) => e.phrase).sort())
  expect(new Set(lexicon.map((d) => d._id)).size).toBe(lexicon.length)
})

test.each([
  [
    'deploy:cloud',
    ['scripts/deploy.ts', 'cloud'],
    ['RENXIN_WX_APPID', 'RENXIN_WX_PRIVATE_KEY_PATH', 'RENXIN_CLOUD_ENV'],
  ],
  ['upload:weapp', ['scripts/deploy.ts', 'weapp'], ['RENXIN_WX_APPID', 'RENXIN_WX_PRIVATE_KEY_PATH']],
  [
    'setup:cloud-db --apply',
    ['scripts/setup-cloud-db.ts', '--apply'],
    ['RENXIN_WX_APPID', 'RENXIN_WX_APPSECRET', 'RENXIN_CLOUD_ENV'],
  ],
])('%s without WeChat settings stops before doing anything and lists what is missing', (_, args, missing) => {
  const result = run(args)
  expect(result.status).toBe(1)
  for (const name of missing) expect(result.stderr).toContain(name)
  for (const name of WECHAT_VARS.filter((n) => !missing.includes(n))) expect(result.stderr).not.toContain(name)
})

import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { CLOUD_FUNCTIONS } from '../../src/cloud/registry'

const ROOT = resolve(__dirname, '../..')

test('build:cloud emits a self-contained bundle per function that loads in Node with only the WeChat SDK beside it', () => {
  execFileSync('npx', ['tsx', 'scripts/build-cloud.ts'], { cwd: ROOT, stdio: 'pipe' })
  const sandbox = mkdtempSync(join(tmpdir(), 'renxin-cloud-'))
  try {
    // Only the SDK WeChat installs is present; everything else must be inside the bundle.
    mkdirSync(join(sandbox, 'node_modules'))
    cpSync(join(ROOT, 'tests/support/wx-server-sdk-stub'), join(sandbox, 'node_modules/wx-server-sdk'), {
      recursive: true,
    })
    for (const name of Object.keys(CLOUD_FUNCTIONS)) {
      const dir = join(ROOT, 'cloudfunctions', name)
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
      expect(manifest).toMatchObject({ main: 'index.js', dependencies: { 'wx-server-sdk': expect.any(String) } })
      cpSync(dir, join(sandbox, name), { recursive: true })
      const script = `require('./${name}/index.js').main({ action: 'me' }, {}).then((r) => console.log(JSON.stringify(r)))`
      const output = execFileSync('node', ['-e', script], {
        cwd: sandbox,
        env: { ...process.env, NODE_PATH: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      expect(JSON.parse(String(output))).toEqual({
        ok: false,
        error: { code: 'INTERNAL', message: '服务暂不可用，请稍后再试' },
      })
    }
  } finally {
    rmSync(sandbox, { recursive: true, force: true })
  }
})

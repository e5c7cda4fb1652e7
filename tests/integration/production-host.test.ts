import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { loadSecrets } from '../../src/cloud/core/secrets'
import { startHost } from '../../src/cloud/host/server'
import { post } from '../support/test-host'

const ROOT = resolve(__dirname, '../..')

test('the host refuses to start in production with default secrets', () => {
  const run = spawnSync(process.execPath, ['scripts/host.mjs'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', PORT: '0', DATA_DIR: join(tmpdir(), 'renxin-never-created') },
    encoding: 'utf8',
    timeout: 60_000,
  })
  expect(run.status).not.toBe(0)
  expect(run.stderr).toContain('Refusing to start in production')
  expect(run.stderr).toContain('RENXIN_SESSION_SECRET')
})

test('without dev mode there is no dev sign-in, clock, sweep or outbox', async () => {
  const secrets = loadSecrets({}, false)
  const host = await startHost({ dataDir: undefined, port: 0, devMode: false, seed: 'none', secrets, logger: false })
  try {
    for (const path of ['/dev/sign-in', '/dev/clock', '/dev/sweep']) {
      const reply = await post(`${host.url}${path}`, JSON.stringify({ as: 'admin', now: null }))
      expect(reply.status).toBe(404)
      expect(reply.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    }
    expect((await fetch(`${host.url}/dev/outbox`)).status).toBe(404)
    expect((await fetch(`${host.url}/health`)).status).toBe(200)
  } finally {
    await host.close()
  }
})

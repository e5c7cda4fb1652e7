import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { startTestHost } from '../support/test-host'
import { benchHost, burst, ms, report, stats } from './support'

const WECHAT_MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024
const CONCURRENT = 200
const ME_BURST = 500

function sizeOf(path: string): number {
  const info = statSync(path)
  if (!info.isDirectory()) return info.size
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0)
}

/** The main package is everything in dist/ except the subpackage roots app.json lists. */
function mainPackageBytes(dist: string): number {
  const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[]
    subpackages?: { root: string }[]
  }
  const subRoots = (app.subPackages ?? app.subpackages ?? []).map((p) => join(dist, p.root.replace(/\/$/, '')))
  const walk = (path: string): number => {
    if (subRoots.includes(path)) return 0
    const info = statSync(path)
    if (!info.isDirectory()) return info.size
    return readdirSync(path).reduce((sum, name) => sum + walk(join(path, name)), 0)
  }
  return walk(dist)
}

/** The same burst against a bare Node server: the floor the host's figures are compared with. */
export async function bareServerBurst(count = CONCURRENT): Promise<number[]> {
  const server = createServer((_req, res) => res.end('{"ok":true}'))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const { latencies } = await burst(count, () =>
    fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '{}' }).then((r) => r.text()),
  )
  server.close()
  return latencies
}

export async function benchShell() {
  const build = spawnSync('npx', ['taro', 'build', '--type', 'weapp'], { encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`weapp build failed:\n${build.stderr}`)
  const main = mainPackageBytes('dist')
  report('weapp package', {
    'main package bytes': main,
    'ratio to WeChat 2 MB main-package limit': (main / WECHAT_MAIN_PACKAGE_LIMIT).toFixed(3),
    'whole build bytes': sizeOf('dist'),
  })

  const host = await benchHost()
  try {
    const patient = await host.signIn('patient')
    await patient.call('identity', 'me')
    const bare = stats(await bareServerBurst(ME_BURST))
    const { results, latencies } = await burst(ME_BURST, () => patient.call('identity', 'me'))
    const me = stats(latencies)
    report(`identity.me, ${ME_BURST} concurrent requests`, {
      'host p50': ms(me.p50),
      'host p95': ms(me.p95),
      'bare node http p95 (same run)': ms(bare.p95),
      'host p95 / bare p95 [target <= 2]': (me.p95 / bare.p95).toFixed(2),
      errors: results.filter((r) => r.status !== 200).length,
    })
  } finally {
    await host.close({ keepData: true })
  }
  await benchHostStart(host.dataDir)
}

/** A restart on the directory the burst left: migrated, seeded and analyzed, as `npm run host` finds it. */
async function benchHostStart(dataDir: string) {
  const started = performance.now()
  const restarted = await startTestHost({ existingDataDir: dataDir })
  const startMs = performance.now() - started
  await restarted.close()
  report('host start on a seeded data directory', { 'start to listening': `${ms(startMs)} [target <= 2000 ms]` })
}

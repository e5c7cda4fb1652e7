import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import type { TestHost } from '../support/test-host'
import { benchHostStart } from './host-start'
import { benchHost, burst, ms, report, stats } from './support'

const WECHAT_MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024
const CONCURRENT = 200
const ME_BURST = 500
const ME_ROUNDS = 5

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

/** A bare Node server answering every request at once: the floor the host's figures are compared with. */
export async function bareServer(): Promise<{ burst(count: number): Promise<number[]>; close(): void }> {
  const server = createServer((_req, res) => res.end('{"ok":true}'))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    async burst(count) {
      const { latencies } = await burst(count, () =>
        fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '{}' }).then((r) => r.text()),
      )
      return latencies
    },
    close: () => server.close(),
  }
}

/** The same burst against a fresh bare Node server. */
export async function bareServerBurst(count = CONCURRENT): Promise<number[]> {
  const bare = await bareServer()
  try {
    return await bare.burst(count)
  } finally {
    bare.close()
  }
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
    await benchMe(host)
  } finally {
    await host.close({ keepData: true })
  }
  await benchHostStart(host.dataDir)
}

/** `identity.me` bursts against bare-server bursts in the same run: the host's own overhead. */
export async function benchMe(host: TestHost) {
  const patient = await host.signIn('patient')
  const bare = await bareServer()
  // One burst is at the mercy of whatever else the machine runs: pairs of bursts, alternating, the
  // median ratio, after a first pair that opens the kept-alive connections to both servers.
  const rounds: { bare: number; me: number; errors: number }[] = []
  await bare.burst(ME_BURST)
  await burst(ME_BURST, () => patient.call('identity', 'me'))
  const loadBefore = loadavg()[0]
  for (let round = 0; round < ME_ROUNDS; round++) {
    const floor = stats(await bare.burst(ME_BURST))
    const { results, latencies } = await burst(ME_BURST, () => patient.call('identity', 'me'))
    rounds.push({ bare: floor.p95, me: stats(latencies).p95, errors: results.filter((r) => r.status !== 200).length })
  }
  bare.close()
  const ratios = rounds.map((r) => r.me / r.bare).sort((a, b) => a - b)
  const median = rounds.find((r) => r.me / r.bare === ratios[Math.floor(ME_ROUNDS / 2)]) ?? rounds[0]
  report(`identity.me, ${ME_BURST} concurrent requests, median of ${ME_ROUNDS} rounds`, {
    'host p95 (median round)': ms(median.me),
    'bare node http p95 (same round)': ms(median.bare),
    'host p95 / bare p95 [target <= 2]': `${(median.me / median.bare).toFixed(2)}  (rounds ${ratios.map((r) => r.toFixed(2)).join(' ')})`,
    'load average (1 min) before / after': `${loadBefore.toFixed(1)} / ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`,
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
  })
}

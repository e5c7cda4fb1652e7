import { spawnSync } from 'node:child_process'
import { rmSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { openCloudActions } from '../support/cloud-actions'
import { BUILT_FUNCTIONS, builtFunctionsSandbox } from '../support/cloud-sandbox'
import { checkInBurst, claimBurst, surveyBurst, type Contention } from '../support/cloud-contention'
import { measureActions, READ_CEILING, WRITE_CEILING } from '../support/cloud-round-trips'
import { report } from './support'

const ROOT = resolve(__dirname, '../..')
const BUNDLE_LIMIT_BYTES = 300 * 1000
const REQUIRE_RUNS = 5
const VOLUMES = [20, 100]

/** Milliseconds `require` takes in a fresh Node process, the median of a few, as a cold start pays it. */
function requireMs(sandbox: string, module: string): number {
  const script = `const t = performance.now(); require(${JSON.stringify(module)}); console.log(performance.now() - t)`
  const runs = Array.from({ length: REQUIRE_RUNS }, () => {
    const out = spawnSync('node', ['-e', script], { cwd: sandbox, encoding: 'utf8', env: { PATH: process.env.PATH } })
    if (out.status !== 0) throw new Error(`require ${module} failed:\n${out.stderr}`)
    return Number(out.stdout.trim().split('\n').pop())
  })
  return runs.sort((a, b) => a - b)[Math.floor(REQUIRE_RUNS / 2)]
}

async function benchBundles() {
  const names = BUILT_FUNCTIONS
  const sandbox = await builtFunctionsSandbox('renxin-bench-cloud-')
  try {
    const floor = requireMs(sandbox, 'wx-server-sdk')
    const rows: Record<string, string> = {}
    for (const name of names) {
      const bytes = statSync(join(sandbox, name, 'index.js')).size
      const ms = requireMs(sandbox, `./${name}/index.js`)
      rows[name] =
        `${(bytes / 1024).toFixed(0)} KiB (${(bytes / BUNDLE_LIMIT_BYTES).toFixed(2)} of 300 KB)  require ${ms.toFixed(1)} ms`
    }
    rows['stub wx-server-sdk alone (same run)'] = `require ${floor.toFixed(1)} ms`
    rows['zod alone, unbundled (same run)'] = `require ${requireMs(ROOT, 'zod').toFixed(1)} ms`
    report('cloud function bundles: size and cold require (stub wx-server-sdk)', rows)
  } finally {
    rmSync(sandbox, { recursive: true, force: true })
  }
}

async function benchRoundTrips() {
  const [small, large] = await Promise.all(VOLUMES.map((volume) => measureActions(volume)))
  const rows: Record<string, string> = {}
  for (const [i, cost] of large.entries()) {
    const ceiling = cost.write ? WRITE_CEILING : READ_CEILING
    const grows = cost.roundTrips !== small[i].roundTrips ? `  GROWS (${small[i].roundTrips} at ${VOLUMES[0]})` : ''
    const over = cost.roundTrips > ceiling ? `  over ${ceiling}` : ''
    rows[cost.action] =
      `${String(cost.reads).padStart(3)} ${String(cost.writes).padStart(3)} ${String(cost.transactions).padStart(3)}` +
      ` ${String(cost.roundTrips).padStart(4)}${over}${grows}${cost.error ? `  refused ${cost.error}` : ''}`
  }
  report(`cloud database per action at ${VOLUMES[1]} survey answers: reads writes transactions round-trips`, rows)
}

const contentionRow = (burst: Contention, extra = '') =>
  `${Object.entries(burst.codes)
    .map(([code, n]) => `${code} ${n}`)
    .join(', ')}; counted ${burst.counted}${extra}; transactions ${burst.transactions}, retried ${burst.retried}, ` +
  `retries p95 ${burst.p95Retries} max ${burst.maxRetries}`

/** Issue 17's hot spots on the stand-in's concurrent mode: errors, lost updates and the retries they cost. */
async function benchContention() {
  const cloud = await openCloudActions({ concurrent: true })
  const admin = await cloud.signIn('admin', 'bench-admin')
  const survey = await surveyBurst(cloud, admin, 500)
  report('hot spots, all calls at once (stand-in, concurrent transactions): replies; counted; retries', {
    '500 survey answers, one department-month': contentionRow(survey, `, ${survey.afterFold} after the fold`),
    '500 check-ins, one session': contentionRow(await checkInBurst(cloud, admin, 500)),
    '100 claims, one request': contentionRow(await claimBurst(cloud, 100)),
  })
}

/** `npm run bench cloud`: what a cold start loads, what each action costs the cloud database, and the hot spots. */
export async function benchCloud() {
  await benchBundles()
  await benchRoundTrips()
  await benchContention()
}

import { build } from 'esbuild'
import { spawnSync } from 'node:child_process'
import { rmSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { FUNCTION_BUNDLE } from '../../scripts/cloud-bundle'
import { openCloudActions } from '../support/cloud-actions'
import { BUILT_FUNCTIONS, builtFunctionsSandbox } from '../support/cloud-sandbox'
import { checkInBurst, claimBurst, surveyBurst, type Contention } from '../support/cloud-contention'
import { measureActions, READ_CEILING, WRITE_CEILING } from '../support/cloud-round-trips'
import { report } from './support'

const ROOT = resolve(__dirname, '../..')
const BUNDLE_LIMIT_BYTES = 300 * 1000
const REQUIRE_RUNS = 7
const VOLUMES = [20, 100]

/** Milliseconds one `require` takes in a fresh Node process, as a cold start pays it. */
function requireOnce(cwd: string, module: string): number {
  const script = `const t = performance.now(); require(${JSON.stringify(module)}); console.log(performance.now() - t)`
  const out = spawnSync('node', ['-e', script], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH } })
  if (out.status !== 0) throw new Error(`require ${module} failed:\n${out.stderr}`)
  return Number(out.stdout.trim().split('\n').pop())
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** The median of a few cold `require`s. */
function requireMs(cwd: string, module: string): number {
  return median(Array.from({ length: REQUIRE_RUNS }, () => requireOnce(cwd, module)))
}

/** Medians of cold `require`s of a module and of the reference, taken in turns so load drifts alike for both. */
function requireMsBeside(cwd: string, module: string, reference: string): [number, number] {
  const runs = Array.from({ length: REQUIRE_RUNS }, () => [requireOnce(cwd, module), requireOnce(cwd, reference)])
  return [median(runs.map(([ms]) => ms)), median(runs.map(([, ms]) => ms))]
}

/**
 * The same-run reference: every area's handlers and repositories in one bundle, built as a function
 * is. Before each function had its own set, each carried every area's repositories.
 */
const EVERY_AREA = [
  "export * from './src/cloud/registry'",
  "export * from './src/cloud/storage/cloudbase'",
  "export * from './src/cloud/wechat/wechat'",
].join('\n')

async function benchBundles() {
  const names = BUILT_FUNCTIONS
  const sandbox = await builtFunctionsSandbox('renxin-bench-cloud-')
  try {
    await build({
      ...FUNCTION_BUNDLE,
      stdin: { contents: EVERY_AREA, resolveDir: ROOT, sourcefile: 'every-area.ts', loader: 'ts' },
      outfile: join(sandbox, 'every-area', 'index.js'),
    })
    const floor = requireMs(sandbox, 'wx-server-sdk')
    const wholeBytes = statSync(join(sandbox, 'every-area', 'index.js')).size
    const wholeMs: number[] = []
    const rows: Record<string, string> = {}
    for (const name of names) {
      const bytes = statSync(join(sandbox, name, 'index.js')).size
      const [ms, reference] = requireMsBeside(sandbox, `./${name}/index.js`, './every-area')
      wholeMs.push(reference)
      rows[name] =
        `${(bytes / 1024).toFixed(0)} KiB (${(bytes / BUNDLE_LIMIT_BYTES).toFixed(2)} of 300 KB, ` +
        `${(bytes / wholeBytes).toFixed(2)} of every area)  require ${ms.toFixed(1)} ms (${(ms / reference).toFixed(2)} of every area)`
    }
    rows['every area in one bundle (same run)'] =
      `${(wholeBytes / 1024).toFixed(0)} KiB  require ${median(wholeMs).toFixed(1)} ms`
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

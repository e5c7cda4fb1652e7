// `npm run build:cloud`: one self-contained bundle per cloud function in cloudfunctions/<name>/,
// each with the package.json WeChat installs from when uploading and the config.json that grants
// open-API permissions and declares timer triggers.
import { build } from 'esbuild'
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { SWEEP_TRIGGERS } from '../src/cloud/sweeps'
import { CLOUD_FUNCTIONS } from '../src/cloud/registry'
import { FUNCTION_BUNDLE } from './cloud-bundle'

const OUT = 'cloudfunctions'
const WX_SERVER_SDK = '~3.0.4'

/** WeChat's per-function config.json. */
interface FunctionConfig {
  permissions: { openapi: string[] }
  triggers?: { name: string; type: string; config: string }[]
}

/** Functions with no action routing: the timer runs them, and only they send subscribe messages. */
const TIMER_FUNCTIONS: Record<string, FunctionConfig> = {
  sweep: { permissions: { openapi: ['subscribeMessage.send'] }, triggers: SWEEP_TRIGGERS },
}

/** Open APIs a routed function calls itself: survey draws the mini-program codes for visit slips. */
const ROUTED_OPENAPI: Record<string, string[]> = { survey: ['wxacode.getUnlimited'] }

function functionConfigs(): Record<string, FunctionConfig> {
  const routed = Object.keys(CLOUD_FUNCTIONS).map((name) => [
    name,
    { permissions: { openapi: ROUTED_OPENAPI[name] ?? [] } },
  ])
  return { ...Object.fromEntries(routed), ...TIMER_FUNCTIONS }
}

async function buildFunction(name: string, config: FunctionConfig) {
  const entry = join('src/cloud/functions', name, 'index.ts')
  if (!existsSync(entry)) throw new Error(`${entry} is missing: every registered function needs a WeChat entry`)
  const dir = join(OUT, name)
  mkdirSync(dir, { recursive: true })
  const result = await build({ ...FUNCTION_BUNDLE, entryPoints: [entry], outfile: join(dir, 'index.js') })
  const manifest = {
    name,
    version: '1.0.0',
    private: true,
    main: 'index.js',
    dependencies: { 'wx-server-sdk': WX_SERVER_SDK },
  }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  writeFileSync(join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`)
  const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0)
  console.log(`  ${name.padEnd(10)} ${dir}/index.js  ${(bytes / 1024).toFixed(0)} KiB`)
}

async function main() {
  rmSync(OUT, { recursive: true, force: true })
  console.log('cloud functions:')
  for (const [name, config] of Object.entries(functionConfigs())) await buildFunction(name, config)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})

import { build } from 'esbuild'
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { CLOUD_FUNCTIONS } from '../../src/cloud/registry'

const ROOT = resolve(__dirname, '../..')

/** Every deployed function: the registered ones and the timer's sweep. */
export const BUILT_FUNCTIONS = [...Object.keys(CLOUD_FUNCTIONS), 'sweep']

/**
 * Builds the cloud functions and lays them out as WeChat installs them: only the SDK is present
 * (the stub, backed by the stand-in database), so everything else must be inside each bundle.
 */
export async function builtFunctionsSandbox(prefix: string): Promise<string> {
  execFileSync('npx', ['tsx', 'scripts/build-cloud.ts'], { cwd: ROOT, stdio: 'pipe' })
  const sandbox = mkdtempSync(join(tmpdir(), prefix))
  const sdk = join(sandbox, 'node_modules/wx-server-sdk')
  mkdirSync(sdk, { recursive: true })
  cpSync(join(ROOT, 'tests/support/wx-server-sdk-stub'), sdk, { recursive: true })
  await build({
    entryPoints: [join(ROOT, 'tests/support/cloud-db-stand-in.ts')],
    outfile: join(sdk, 'cloud-db-stand-in.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'warning',
  })
  for (const name of BUILT_FUNCTIONS)
    cpSync(join(ROOT, 'cloudfunctions', name), join(sandbox, name), { recursive: true })
  return sandbox
}

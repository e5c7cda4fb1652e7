// `npm run build:cloud`: one self-contained bundle per cloud function in cloudfunctions/<name>/,
// each with the package.json WeChat DevTools installs from when uploading.
import { build } from 'esbuild'
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CLOUD_FUNCTIONS } from '../src/cloud/registry'

const OUT = 'cloudfunctions'
const WX_SERVER_SDK = '~3.0.4'

async function buildFunction(name: string) {
  const entry = join('src/cloud/functions', name, 'index.ts')
  if (!existsSync(entry)) throw new Error(`${entry} is missing: every registered function needs a WeChat entry`)
  const dir = join(OUT, name)
  mkdirSync(dir, { recursive: true })
  const result = await build({
    entryPoints: [entry],
    outfile: join(dir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk'],
    minify: false,
    metafile: true,
    logLevel: 'warning',
  })
  const manifest = {
    name,
    version: '1.0.0',
    private: true,
    main: 'index.js',
    dependencies: { 'wx-server-sdk': WX_SERVER_SDK },
  }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0)
  console.log(`  ${name.padEnd(10)} ${dir}/index.js  ${(bytes / 1024).toFixed(0)} KiB`)
}

async function main() {
  rmSync(OUT, { recursive: true, force: true })
  console.log('cloud functions:')
  for (const name of Object.keys(CLOUD_FUNCTIONS)) await buildFunction(name)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})

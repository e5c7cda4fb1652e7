import './compile-early'
import { resolve } from 'node:path'
import { loadSecrets } from '../core/secrets'
import type { SeedMode } from './seed'
import { startHost } from './server'
import { formatPhases, sinceProcessStart, startupPhases } from './startup-phases'

/**
 * `npm run host`: PORT, DATA_DIR, SEED (demo|base|none), NODE_ENV=production turns dev sign-in off,
 * HOST_TIMINGS=1 prints how long each step of the start took.
 */
async function run() {
  const loaded = sinceProcessStart('node + modules')
  const phases = startupPhases()
  const production = process.env.NODE_ENV === 'production'
  const seed = (process.env.SEED ?? 'demo') as SeedMode
  const host = await startHost({
    dataDir: resolve(process.env.DATA_DIR ?? '.data'),
    port: Number(process.env.PORT ?? 3000),
    devMode: !production,
    seed: ['demo', 'base', 'none'].includes(seed) ? seed : 'demo',
    secrets: loadSecrets(process.env, production),
    staticDir: resolve(process.env.STATIC_DIR ?? 'dist-h5'),
    publicUrl: process.env.PUBLIC_URL?.replace(/\/$/, ''),
    logger: process.env.LOG !== 'off',
    phases,
  })
  if (process.env.HOST_TIMINGS === '1') {
    console.log(`startup: ${formatPhases([loaded, ...host.startup])}`)
  }
  console.log(`listening on ${host.url}`)
  const stop = () => void host.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

run().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})

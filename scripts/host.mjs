// `npm run host`: runs src/cloud/host/main.ts from one precompiled bundle in plain Node.
// Compiling the host's TypeScript at every start (tsx: a second Node process, the esbuild service and
// a transform per module) was most of a start on a seeded data directory. The bundle is rebuilt only
// when a file it was built from changes: the cache is keyed by a hash of those files' contents.
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import Module, { createRequire } from 'node:module'
import { constants, Script } from 'node:vm'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const ENTRY = 'src/cloud/host/main.ts'
const CACHE = join(ROOT, '.cache/host')
const LATEST = join(CACHE, 'latest.json')
// migrate.ts reads its SQL files beside itself (__dirname), which in the bundle is the bundle's folder.
const MIGRATIONS = 'src/cloud/storage/pglite/migrations'
// Not imported, but they decide what the bundle is.
const BUILD_INPUTS = ['scripts/host.mjs', 'tsconfig.json', 'package-lock.json']

function filesIn(dir) {
  return readdirSync(join(ROOT, dir))
    .sort()
    .map((name) => `${dir}/${name}`)
}

/** A hash of every file the bundle was built from, the migrations and the build's own settings. */
function keyOf(inputs) {
  const hash = createHash('sha256')
  for (const file of [...new Set([...inputs, ...BUILD_INPUTS, ...filesIn(MIGRATIONS)])].sort()) {
    const path = join(ROOT, file)
    hash
      .update(file)
      .update('\0')
      .update(existsSync(path) ? readFileSync(path) : 'missing')
      .update('\0')
  }
  return hash.digest('hex').slice(0, 16)
}

/** The bundle built for the sources as they are now, or null when a source changed since. */
function cachedBundle() {
  try {
    const { key, inputs } = JSON.parse(readFileSync(LATEST, 'utf8'))
    const bundle = join(CACHE, key, 'main.cjs')
    return keyOf(inputs) === key && existsSync(bundle) ? bundle : null
  } catch {
    // No bundle yet, or an unreadable record of it: build one.
    return null
  }
}

async function build() {
  const { build: esbuild } = await import('esbuild')
  const building = join(CACHE, `building-${process.pid}`)
  rmSync(building, { recursive: true, force: true })
  const result = await esbuild({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    outfile: join(building, 'main.cjs'),
    bundle: true,
    platform: 'node',
    target: `node${process.versions.node.split('.')[0]}`,
    format: 'cjs',
    // One file saves Node resolving and reading fastify's and zod's hundreds of modules at every
    // start. PGlite stays in node_modules: it finds its WASM and data files beside its own code.
    external: ['@electric-sql/pglite'],
    // For `node --enable-source-maps scripts/host.mjs` when a stack trace needs it: Node parsing
    // the map at every start cost about 0.17 s of CPU.
    sourcemap: true,
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
  })
  cpSync(join(ROOT, MIGRATIONS), join(building, 'migrations'), { recursive: true })
  // Packages are pinned by package-lock.json: hashing the sources is enough.
  const inputs = Object.keys(result.metafile.inputs)
    .filter((file) => !file.includes('node_modules/'))
    .map((file) => relative(ROOT, resolve(ROOT, file)))
  const key = keyOf(inputs)
  const target = join(CACHE, key)
  try {
    renameSync(building, target)
  } catch (error) {
    // Another start built the same sources meanwhile: its copy is as good as this one.
    if (!existsSync(join(target, 'main.cjs'))) throw error
    rmSync(building, { recursive: true, force: true })
  }
  const latest = `${LATEST}.${process.pid}`
  writeFileSync(latest, JSON.stringify({ key, inputs }))
  renameSync(latest, LATEST)
  for (const name of readdirSync(CACHE)) {
    if (name !== key && name !== 'latest.json' && !name.startsWith('building-')) {
      rmSync(join(CACHE, name), { recursive: true, force: true })
    }
  }
  return join(target, 'main.cjs')
}

/**
 * Runs the bundle as Node runs a CommonJS file, with V8's compiled code kept beside it: compiling
 * 3.8 MB of JavaScript was about 0.1 s of CPU at every start. The cache is written at the first
 * exit, so it holds the functions the start compiled lazily as well.
 */
function runBundle(bundle) {
  // Node maps stack traces only for files its own loader loaded.
  if (process.sourceMapsEnabled) return void createRequire(import.meta.url)(bundle)
  const codeCache = `${bundle}.v8-cache`
  const cachedData = existsSync(codeCache) ? readFileSync(codeCache) : undefined
  const script = new Script(Module.wrap(readFileSync(bundle, 'utf8')), {
    filename: bundle,
    cachedData,
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  })
  if (!cachedData || script.cachedDataRejected) {
    process.once('exit', () => {
      const writing = `${codeCache}.${process.pid}`
      try {
        writeFileSync(writing, script.createCachedData())
        renameSync(writing, codeCache)
      } catch {
        // A newer build removed this one's folder: the next start compiles its own bundle anyway.
      }
    })
  }
  const module = new Module(bundle)
  module.filename = bundle
  module.paths = Module._nodeModulePaths(dirname(bundle))
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle))
}

mkdirSync(CACHE, { recursive: true })
const bundle = cachedBundle() ?? (await build())
runBundle(bundle)

import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { analyzeIfNeeded, openPgliteStore } from '../../src/cloud/storage/pglite'
import { compilePgliteEarly, earlyPgliteModule } from '../../src/cloud/storage/pglite/wasm'
import { templateDir } from '../support/template-db'
import { startTestHost } from '../support/test-host'

const ROOT = resolve(__dirname, '../..')

describe('what a start on a seeded data directory does', () => {
  let dir: string
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'renxin-start-')), 'db')
    cpSync(templateDir(), dir, { recursive: true })
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  test('applies no migration and skips ANALYZE: the statistics are in the directory', async () => {
    const store = await openPgliteStore(dir)
    try {
      expect(store.migrated).toEqual([])
      expect(await analyzeIfNeeded(store, false)).toBe(false)
      // Seeding, or a directory that lost its statistics, analyzes again.
      expect(await analyzeIfNeeded(store, true)).toBe(true)
      await store.sql.exec(
        "DELETE FROM pg_statistic WHERE starelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace)",
      )
      expect(await analyzeIfNeeded(store, false)).toBe(true)
      expect(await analyzeIfNeeded(store, false)).toBe(false)
    } finally {
      await store.close()
    }
  })

  test('a store opens on the WebAssembly the host compiled while it loaded', async () => {
    expect(earlyPgliteModule()).toBeUndefined()
    compilePgliteEarly()
    const compiled = await earlyPgliteModule()
    expect(WebAssembly.Module.exports(compiled!).map((e) => e.name)).toContain('PostgresMainLoopOnce')
    const store = await openPgliteStore(dir)
    try {
      expect(await store.sql.query('SELECT count(*)::int AS count FROM departments')).toEqual([
        { count: expect.any(Number) },
      ])
    } finally {
      await store.close()
    }
  })

  test('the host times each step of its start', async () => {
    const host = await startTestHost({ existingDataDir: dir })
    try {
      expect(host.host.startup.map((step) => step.phase)).toEqual([
        'PGlite WASM + postgres on the data directory',
        'migrations check',
        'cache listeners',
        'seed check',
        'statistics check',
        'routes',
        'HTTP listen',
      ])
      for (const step of host.host.startup) {
        expect(step.ms).toBeGreaterThanOrEqual(0)
        expect(step.cpuMs).toBeGreaterThanOrEqual(0)
      }
      expect((await fetch(`${host.url}/health`)).status).toBe(200)
    } finally {
      await host.close({ keepData: true })
    }
  })
})

describe('npm run host', () => {
  const latest = join(ROOT, '.cache/host/latest.json')
  // Production with the default secrets refuses before opening a database: the bundle loads and runs.
  const refuse = () =>
    spawnSync(process.execPath, ['scripts/host.mjs'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        NODE_ENV: 'production',
        DATA_DIR: join(tmpdir(), 'renxin-never-created'),
      },
      encoding: 'utf8',
      timeout: 120_000,
    })

  test('runs the host from a bundle built once for the sources as they are', () => {
    const first = refuse()
    expect(first.stderr).toContain('Refusing to start in production')
    const { key, inputs } = JSON.parse(readFileSync(latest, 'utf8')) as { key: string; inputs: string[] }
    expect(inputs).toEqual(expect.arrayContaining(['src/cloud/host/main.ts', 'src/cloud/storage/pglite/migrate.ts']))
    expect(inputs.some((file) => file.includes('node_modules'))).toBe(false)
    const bundle = join(ROOT, '.cache/host', key, 'main.cjs')
    const builtAt = statSync(bundle).mtimeMs
    expect(statSync(join(ROOT, '.cache/host', key, 'migrations', '001_identity.sql')).isFile()).toBe(true)
    // V8's compiled code, written as the first process exited, for the next to start from.
    expect(statSync(`${bundle}.v8-cache`).size).toBeGreaterThan(0)

    const second = refuse()
    expect(second.stderr).toContain('Refusing to start in production')
    expect(statSync(bundle).mtimeMs).toBe(builtAt)
    expect(JSON.parse(readFileSync(latest, 'utf8'))).toMatchObject({ key })
  })
})

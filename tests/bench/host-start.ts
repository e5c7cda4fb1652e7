import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { PGLITE_START_PARAMS } from '../../src/cloud/storage/pglite'
import createTemplate, { templateDir } from '../support/template-db'
import { startTestHost } from '../support/test-host'
import { ms, report } from './support'

const ROOT = resolve(__dirname, '../..')
const ROUNDS = 3

interface Start {
  /** From spawning the process to its "listening on" line. */
  ms: number
  /** The host's own HOST_TIMINGS line: each step's wall and CPU time. */
  phases: { phase: string; ms: number; cpuMs: number }[]
}

/** The two ways a host process has been started: the same sources, the same data directory. */
const COMMANDS = {
  'node scripts/host.mjs (npm run host)': [process.execPath, 'scripts/host.mjs'],
  'tsx src/cloud/host/main.ts (before)': [process.execPath, 'node_modules/.bin/tsx', 'src/cloud/host/main.ts'],
} as const

type Approach = keyof typeof COMMANDS

function parsePhases(line: string): Start['phases'] {
  return [...line.matchAll(/([^·:]+?) (\d+) ms \(cpu (\d+)\)/g)].map(([, phase, wall, cpu]) => ({
    phase: phase.trim(),
    ms: Number(wall),
    cpuMs: Number(cpu),
  }))
}

/** Starts a host process on `dataDir`, waits for it to listen, then stops it and waits for it to exit. */
async function timedStart(approach: Approach, dataDir: string): Promise<Start> {
  const [command, ...args] = COMMANDS[approach]
  const started = performance.now()
  // Its own process group: tsx runs the host in a child process, and both must be gone before the next start.
  const child = spawn(command, args, {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, NODE_OPTIONS: '', DATA_DIR: dataDir, PORT: '0', LOG: 'off', HOST_TIMINGS: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  let output = ''
  const listening = await new Promise<number>((ready, fail) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (/listening on/.test(output)) ready(performance.now() - started)
    })
    child.once('exit', (code) => fail(new Error(`${approach} exited with ${code} before listening:\n${output}`)))
  })
  if (child.pid) process.kill(-child.pid, 'SIGTERM')
  await exited
  return { ms: listening, phases: parsePhases(/startup: (.*)/.exec(output)?.[1] ?? '') }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** Each phase's median over the rounds, as `phase wall (cpu)`. */
function phaseMedians(starts: Start[]): Record<string, string> {
  const names = starts[0].phases.map((p) => p.phase)
  const of = (name: string, key: 'ms' | 'cpuMs') =>
    median(starts.map((s) => s.phases.find((p) => p.phase === name)?.[key] ?? NaN))
  return Object.fromEntries(names.map((name) => [`  ${name}`, `${ms(of(name, 'ms'))}  (cpu ${ms(of(name, 'cpuMs'))})`]))
}

/**
 * Host start on a directory already migrated, seeded and analyzed, as `npm run host` finds it:
 * the host process as `npm run host` starts it against the tsx start it replaced, alternating, in
 * the same run; then the in-process start the tests use.
 */
export async function benchHostStart(dataDir: string) {
  const uptimeBefore = loadavg()[0]
  // Untimed: builds the bundle when the sources changed since the last start.
  await timedStart('node scripts/host.mjs (npm run host)', dataDir)
  const starts: Record<Approach, Start[]> = {
    'node scripts/host.mjs (npm run host)': [],
    'tsx src/cloud/host/main.ts (before)': [],
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const approach of Object.keys(COMMANDS) as Approach[])
      starts[approach].push(await timedStart(approach, dataDir))
  }
  const inProcess: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now()
    const host = await startTestHost({ existingDataDir: dataDir })
    inProcess.push(performance.now() - started)
    await host.close({ keepData: true })
  }
  const [now, before] = Object.keys(COMMANDS).map((approach) => starts[approach as Approach].map((s) => s.ms))
  const cpu = (approach: Approach) => median(starts[approach].map((s) => s.phases.reduce((sum, p) => sum + p.cpuMs, 0)))
  report(`host start on a seeded data directory, median of ${ROUNDS}`, {
    'npm run host: spawn to listening': `${ms(median(now))} [target <= 2000 ms]  (${now.map(ms).join(', ')})`,
    'tsx start, same run': `${ms(median(before))}  (${before.map(ms).join(', ')})`,
    'tsx / npm run host': `${(median(before) / median(now)).toFixed(2)}x`,
    'process CPU to listening, now / tsx': `${ms(cpu('node scripts/host.mjs (npm run host)'))} / ${ms(cpu('tsx src/cloud/host/main.ts (before)'))}`,
    'in-process startHost (as tests start it)': `${ms(median(inProcess))}  (${inProcess.map(ms).join(', ')})`,
    'load average (1 min) before / after': `${uptimeBefore.toFixed(1)} / ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`,
  })
  report(
    'npm run host start, median of each step: wall (cpu)',
    phaseMedians(starts['node scripts/host.mjs (npm run host)']),
  )
  await benchSharedMemory(dataDir)
}

/** The shared memory as it was allocated before: the same 64 MB, by an anonymous mmap. */
const MMAP_START_PARAMS = PGLITE_START_PARAMS.map((param) =>
  param === 'shared_memory_type=sysv' ? 'shared_memory_type=mmap' : param,
)
// ~60 MB, the size of table the earlier shared_buffers choice was measured with.
const SCAN_ROWS = 600_000
const SCANS = 3

/**
 * PGlite's start and a full scan with the shared memory as the host allocates it now and as it did,
 * alternating, on a copy of the data directory with a ~60 MB table added.
 */
async function benchSharedMemory(dataDir: string) {
  const dir = join(mkdtempSync(join(tmpdir(), 'renxin-scan-')), 'db')
  cpSync(dataDir, dir, { recursive: true })
  const setup = await PGlite.create({ dataDir: dir, startParams: PGLITE_START_PARAMS })
  await setup.exec(
    `CREATE TABLE scan_probe AS SELECT g, md5(g::text) || md5((g + 1)::text) AS pad FROM generate_series(1, ${SCAN_ROWS}) g`,
  )
  const [{ size }] = (await setup.query<{ size: string }>("SELECT pg_size_pretty(pg_table_size('scan_probe')) AS size"))
    .rows
  await setup.close()
  const variants = { 'System V (now)': PGLITE_START_PARAMS, 'anonymous mmap (before)': MMAP_START_PARAMS }
  const results: Record<string, { open: number[]; scan: number[] }> = {}
  try {
    for (let round = 0; round < 2; round++) {
      for (const [name, startParams] of Object.entries(variants)) {
        const opened = performance.now()
        const db = await PGlite.create({ dataDir: dir, startParams })
        const open = performance.now() - opened
        const scans: number[] = []
        for (let scan = 0; scan < SCANS; scan++) {
          const started = performance.now()
          await db.query("SELECT count(*) FROM scan_probe WHERE pad LIKE '%zz%'")
          scans.push(performance.now() - started)
        }
        await db.close()
        results[name] ??= { open: [], scan: [] }
        results[name].open.push(open)
        // The last scan: the table as warm as the buffers can keep it.
        results[name].scan.push(scans[SCANS - 1])
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  report(`PGlite shared memory, 64 MB of buffers, ${size} table, 2 rounds alternating`, {
    ...Object.fromEntries(
      Object.entries(results).map(([name, r]) => [
        name,
        `PGlite.create ${r.open.map(ms).join(', ')} · full scan ${r.scan.map(ms).join(', ')}`,
      ]),
    ),
    'load average (1 min)': `${loadavg()[0].toFixed(1)} on ${cpus().length} cores`,
  })
}

/** `npm run bench host-start`: the same, on a copy of the seeded test template, without the shell bench's builds. */
export async function benchHostStartAlone() {
  await createTemplate()
  const dataDir = join(mkdtempSync(join(tmpdir(), 'renxin-start-')), 'db')
  cpSync(templateDir(), dataDir, { recursive: true })
  try {
    await benchHostStart(dataDir)
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

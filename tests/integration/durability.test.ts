import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { ImportVisitsResult, OpenVisitResult } from '../../src/contract'
import { openPgliteStore } from '../../src/cloud/storage/pglite'
import type { Sql } from '../../src/cloud/storage/pglite/sql'
import { answersFor, chinaDate, VISIT_HEADER } from '../support/survey'
import { templateDir } from '../support/template-db'
import { post } from '../support/test-host'
import { HOME_DEPARTMENT, registration } from '../support/world'

const ROOT = resolve(__dirname, '../..')
const WRITERS = 40
const KILL_AFTER_ACKS = 120

interface Host {
  url: string
  child: ChildProcess
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const address = server.address()
  await new Promise((done) => server.close(done))
  if (!address || typeof address === 'string') throw new Error('no port')
  return address.port
}

/**
 * The real host in its own process, as `npm run host` runs it: scripts/host.mjs runs the host's
 * bundle in the same process, so a SIGKILL to the child kills the host.
 */
async function spawnHost(dataDir: string): Promise<Host> {
  const port = await freePort()
  const child = spawn(process.execPath, ['scripts/host.mjs'], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', DATA_DIR: dataDir, PORT: String(port), SEED: 'base', LOG: 'off' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise<void>((ready, fail) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening on')) ready()
    })
    child.on('exit', (code) => fail(new Error(`host exited with ${code}`)))
  })
  return { url: `http://127.0.0.1:${port}`, child }
}

async function stop(host: Host, signal: NodeJS.Signals) {
  const exited = new Promise((done) => host.child.once('exit', done))
  host.child.kill(signal)
  await exited
}

async function signIn(host: Host, as: string, id: string) {
  const reply = await post(`${host.url}/dev/sign-in`, JSON.stringify({ as, id }))
  const { token, user } = reply.body as { token: string; user: { id: string } }
  const call = async <T>(fn: string, action: string, data: unknown) => {
    const answer = await post(`${host.url}/fn/${fn}`, JSON.stringify({ action, data }), {
      authorization: `Bearer ${token}`,
    })
    const body = answer.body as { ok: boolean; data: T }
    if (!body.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(body)}`)
    return body.data
  }
  return { userId: user.id, call }
}

/** What the host said it did before it died. */
const acknowledged = { submits: [] as string[], registrations: [] as string[], prefs: [] as string[] }

let dataDir: string

beforeAll(() => {
  dataDir = join(mkdtempSync(join(tmpdir(), 'renxin-durability-')), 'db')
  cpSync(templateDir(), dataDir, { recursive: true })
})
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true })
})

/** Each writer: large text on, a volunteer registration, then survey after survey until the host dies. */
async function writer(host: Host, i: number, codes: { visitId: string; code: string }[], acks: () => void) {
  const person = await signIn(host, 'patient', `durable-${i}`)
  await person.call('identity', 'setPrefs', { largeText: true })
  acknowledged.prefs.push(person.userId)
  acks()
  await person.call('volunteer', 'register', registration(`志愿${i}`, `1390000${String(i).padStart(4, '0')}`))
  acknowledged.registrations.push(person.userId)
  acks()
  for (const { visitId, code } of codes) {
    const opened = await person.call<OpenVisitResult>('survey', 'openVisit', { code })
    await person.call('survey', 'submit', {
      code,
      answers: answersFor(opened, 1 + ((i + visitId.length) % 5)),
      recommend: i % 11,
    })
    acknowledged.submits.push(visitId)
    acks()
  }
}

async function counterMismatches(sql: Sql) {
  const recount = `
    SELECT r.department_id, r.month, r.visit_type, a.key AS item_id,
           count(*) FILTER (WHERE a.value = '1')::int AS n1, count(*) FILTER (WHERE a.value = '2')::int AS n2,
           count(*) FILTER (WHERE a.value = '3')::int AS n3, count(*) FILTER (WHERE a.value = '4')::int AS n4,
           count(*) FILTER (WHERE a.value = '5')::int AS n5, count(*) FILTER (WHERE a.value = 'null')::int AS na
    FROM survey_responses r, jsonb_each(r.answers) AS a GROUP BY 1, 2, 3, 4`
  const stored = 'SELECT department_id, month, visit_type, item_id, n1, n2, n3, n4, n5, na FROM survey_item_counters'
  const months = `
    SELECT department_id, month, visit_type, count(*)::int AS responses, sum(recommend)::int AS recommend_sum
    FROM survey_responses GROUP BY 1, 2, 3`
  const storedMonths = 'SELECT department_id, month, visit_type, responses, recommend_sum FROM survey_month_counters'
  return sql.query(
    `(${recount} EXCEPT ${stored}) UNION ALL (${stored} EXCEPT ${recount})
     UNION ALL SELECT department_id, month, visit_type, 'month', responses, recommend_sum, 0, 0, 0, 0 FROM
       ((${months} EXCEPT ${storedMonths}) UNION ALL (${storedMonths} EXCEPT ${months})) m`,
  )
}

test('SIGKILL mid-burst loses no acknowledged write and leaves nothing half-written', async () => {
  const host = await spawnHost(dataDir)
  const admin = await signIn(host, 'admin', 'durable-admin')
  const today = chinaDate(new Date())
  const lines = Array.from({ length: WRITERS * 10 }, (_, i) => `DUR-${i},outpatient,${HOME_DEPARTMENT},${today},`)
  const imported = await admin.call<ImportVisitsResult>('survey', 'importVisits', {
    csv: [VISIT_HEADER, ...lines].join('\n'),
  })
  expect(imported.added).toBe(WRITERS * 10)

  let acks = 0
  let killed: Promise<void> | null = null
  const onAck = () => {
    if (++acks === KILL_AFTER_ACKS) killed = stop(host, 'SIGKILL')
  }
  const writers = Array.from({ length: WRITERS }, (_, i) =>
    writer(host, i, imported.codes.slice(i * 10, i * 10 + 10), onAck).catch(() => undefined),
  )
  await Promise.all(writers)
  expect(killed).not.toBeNull()
  await killed
  await expect(fetch(`${host.url}/health`)).rejects.toThrow()
  expect(acks).toBeGreaterThanOrEqual(KILL_AFTER_ACKS)

  // The host comes back on the same data and answers.
  const again = await spawnHost(dataDir)
  const health = await fetch(`${again.url}/health`)
  expect(health.status).toBe(200)
  await stop(again, 'SIGTERM')

  const store = await openPgliteStore(dataDir)
  try {
    const sql = store.sql
    const answered = new Set(
      (
        await sql.query<{ id: string }>(`SELECT visit_id AS id FROM survey_answered_visits WHERE visit_id LIKE 'DUR-%'`)
      ).map((r) => r.id),
    )
    expect(acknowledged.submits.filter((visitId) => !answered.has(visitId))).toEqual([])
    const profiles = await sql.query<{ userId: string; phone: string; availability: string }>(
      `SELECT user_id AS "userId", phone, availability FROM volunteer_profiles WHERE user_id = ANY($1)`,
      [acknowledged.registrations],
    )
    expect(profiles).toHaveLength(acknowledged.registrations.length)
    const prefs = await sql.query<{ id: string }>(`SELECT id FROM users WHERE id = ANY($1) AND large_text`, [
      acknowledged.prefs,
    ])
    expect(prefs).toHaveLength(acknowledged.prefs.length)
    // Nothing half-written: a response exists exactly when its visit is marked answered, and the counters agree.
    const [{ responses, marks }] = await sql.query<{ responses: number; marks: number }>(
      `SELECT (SELECT count(*)::int FROM survey_responses) AS responses,
              (SELECT count(*)::int FROM survey_answered_visits) AS marks`,
    )
    expect(responses).toBe(marks)
    expect(await counterMismatches(sql)).toEqual([])
    console.log(
      `durability: ${acks} writes acknowledged before SIGKILL (${acknowledged.submits.length} surveys, ` +
        `${acknowledged.registrations.length} registrations, ${acknowledged.prefs.length} preferences); all present`,
    )
  } finally {
    await store.close()
  }
})

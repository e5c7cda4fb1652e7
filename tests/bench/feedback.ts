import { benchHost, burst, ms, report, stats } from './support'
import { bareServerBurst } from './shell'
import { consentToTreatmentText } from '../support/test-host'

const PATIENTS = 100
const BACKLOG = 20_000
const READERS = 50
const RACERS = 50

/** Submits, queue and wall reads over a large backlog, and the accept race decided by the database. */
export async function benchFeedback() {
  const host = await benchHost()
  try {
    const sql = host.host.store.sql
    const [{ id: cardio }] = await sql.query<{ id: string }>(`SELECT id FROM departments WHERE name = '心内科'`)
    const patients = await Promise.all(
      Array.from({ length: PATIENTS }, async (_, i) =>
        consentToTreatmentText(await host.signIn('patient', `bench-fb-${i}`)),
      ),
    )
    const manager = await host.signIn('manager', 'bench-fb-manager', cardio)
    const admin = await host.signIn('admin', 'bench-fb-admin')
    const bare = stats(await bareServerBurst())

    const submitted = await burst(PATIENTS, (i) =>
      patients[i].call<{ id: string }>('feedback', 'submit', {
        kind: 'complaint',
        departmentId: cardio,
        categories: ['态度生硬'],
        text: '候诊两个多小时无人解释，询问时态度生硬。',
        anonymous: false,
      }),
    )
    const submit = stats(submitted.latencies)
    report(`feedback.submit, ${PATIENTS} patients at once`, {
      'p50 / p95': `${ms(submit.p50)} / ${ms(submit.p95)}`,
      'p95 / bare node p95': (submit.p95 / bare.p95).toFixed(2),
      errors: submitted.results.filter((r) => r.status !== 200).length,
    })

    // A backlog of closed complaints and approved praise, a few years' worth for a large hospital.
    await sql.query(
      `INSERT INTO feedback_items (kind, status, patient_id, department_id, categories, body, anonymous, month,
         created_at, decided_at)
       SELECT CASE WHEN g % 2 = 0 THEN 'praise' ELSE 'complaint' END,
              CASE WHEN g % 2 = 0 THEN 'approved' ELSE 'closed' END,
              $1, d.id, ARRAY['其他'], '历史记录，用于测量大量数据下的读取速度。', true, '2025-01',
              now() - g * interval '1 hour', CASE WHEN g % 2 = 0 THEN now() - g * interval '1 hour' END
       FROM generate_series(1, $2) AS g
       JOIN LATERAL (SELECT id FROM departments ORDER BY md5(g::text || id::text) LIMIT 1) d ON true`,
      [patients[0].user.id, BACKLOG],
    )
    const reads = [
      ['manager queue (own department)', manager, 'queue'],
      ['admin queue (all departments)', admin, 'queue'],
      ['praise wall', patients[1], 'wall'],
    ] as const
    // PGlite runs no autovacuum, so planner statistics exist only after an explicit ANALYZE.
    for (const [label, caller, action] of [
      ...reads,
      ...reads.map(([label, caller, action]) => [`${label}, after ANALYZE`, caller, action] as const),
    ]) {
      if (label.endsWith('ANALYZE') && label.startsWith('manager')) await sql.exec('ANALYZE')
      const read = await burst(READERS, () => caller.call('feedback', action, {}))
      const figures = stats(read.latencies)
      report(`feedback.${action}: ${label}, ${READERS} at once over ${BACKLOG} items`, {
        'p50 / p95': `${ms(figures.p50)} / ${ms(figures.p95)}`,
        'p95 / bare node p95': (figures.p95 / bare.p95).toFixed(2),
        errors: read.results.filter((r) => r.status !== 200).length,
      })
    }

    const target = submitted.results.find((r) => r.body.ok)
    const id = target?.body.ok ? target.body.data.id : ''
    const managers = await Promise.all(
      Array.from({ length: RACERS }, (_, i) => host.signIn('manager', `bench-fb-racer-${i}`, cardio)),
    )
    const race = await burst(RACERS, (i) => managers[i].call('feedback', 'accept', { id }))
    report(`feedback.accept: ${RACERS} managers race for one complaint`, {
      accepted: race.results.filter((r) => r.status === 200).length,
      'refused with CONFLICT': race.results.filter((r) => !r.body.ok && r.body.error.code === 'CONFLICT').length,
      p95: ms(stats(race.latencies).p95),
    })
  } finally {
    await host.close()
  }
}

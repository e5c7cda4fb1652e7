import type { MyHelpRequest } from '../../src/contract'
import { benchHost, burst, ms, report, stats } from './support'
import { dataOf, type SignedIn } from '../support/test-host'

const CLAIMERS = 100
const ROUNDS = 50

/** 100 volunteers on shift race for each new request; exactly one may win every round. */
export async function benchVolunteer() {
  const host = await benchHost()
  try {
    const volunteers: SignedIn[] = []
    for (let i = 0; i < CLAIMERS; i++) {
      const volunteer = await host.signIn('volunteer', `bench-v-${i}`)
      dataOf(await volunteer.call('volunteer', 'startShift', { station: '门诊大厅' }))
      volunteers.push(volunteer)
    }
    const departments = dataOf(
      await (await host.signIn('patient', 'bench-p')).call<{ id: string }[]>('identity', 'departments'),
    )

    // The same burst on a plain read, so the claim figures can be judged against this machine's load.
    const baseline = stats((await burst(CLAIMERS, (i) => volunteers[i].call('identity', 'me'))).latencies)

    const winnersPerRound: number[] = []
    const latencies: number[] = []
    let otherErrors = 0
    for (let round = 0; round < ROUNDS; round++) {
      // A patient may call 10 times an hour, so each round is a different patient.
      const patient = await host.signIn('patient', `bench-p-${round}`)
      const request = dataOf(
        await patient.call<MyHelpRequest>('volunteer', 'request', {
          need: '轮椅协助',
          from: '门诊大厅',
          to: departments[round % departments.length].id,
          people: 1,
        }),
      )
      const { results, latencies: roundLatencies } = await burst(CLAIMERS, (i) =>
        volunteers[i].call('volunteer', 'claim', { requestId: request.id }),
      )
      latencies.push(...roundLatencies)
      winnersPerRound.push(results.filter((r) => r.body.ok).length)
      otherErrors += results.filter((r) => !r.body.ok && r.body.error.code !== 'CONFLICT').length
      const winner = volunteers[results.findIndex((r) => r.body.ok)]
      dataOf(await winner.call('volunteer', 'complete', { requestId: request.id }))
    }
    const claim = stats(latencies)
    report(`volunteer.claim, ${CLAIMERS}-way contention × ${ROUNDS} rounds`, {
      'rounds with exactly 1 winner': `${winnersPerRound.filter((w) => w === 1).length} / ${ROUNDS}`,
      'winners per round (min–max)': `${Math.min(...winnersPerRound)}–${Math.max(...winnersPerRound)}`,
      'errors other than CONFLICT': otherErrors,
      'claim p50': ms(claim.p50),
      'claim p95': ms(claim.p95),
      'claim max': ms(claim.max),
      'identity.me p95, same burst size': ms(baseline.p95),
      'claim p95 / identity.me p95': (claim.p95 / baseline.p95).toFixed(2),
    })
    if (winnersPerRound.some((w) => w !== 1))
      throw new Error(`a round did not have exactly one winner: ${winnersPerRound}`)
  } finally {
    await host.close()
  }
}

const SERVICES = 5_000
const BURST = 20
const RECORD_ROUNDS = 10

/** myRecord and certificate for a volunteer with 5,000 services, as ratios to identity.me in the same run. */
export async function benchVolunteerRecord() {
  const host = await benchHost()
  try {
    const volunteer = await host.signIn('volunteer', 'bench-record-v')
    const patient = await host.signIn('patient', 'bench-record-p')
    const [department] = dataOf(await patient.call<{ id: string }[]>('identity', 'departments'))
    // Half guidance requests served, half ledger rows, spread over four years.
    await host.host.store.sql.query(
      `INSERT INTO volunteer_requests (patient_id, need, from_place, to_department_id, people, status, volunteer_id,
         created_at, claimed_at, completed_at)
       SELECT $1, '轮椅协助', '门诊大厅', $2, 1, 'completed', $3, t - interval '20 minutes', t - interval '15 minutes', t
       FROM (SELECT now() - (i * interval '7 hours') AS t FROM generate_series(1, $4::int) i) s`,
      [patient.user.id, department.id, volunteer.user.id, SERVICES / 2],
    )
    await host.host.store.sql.query(
      `INSERT INTO volunteer_hours (volunteer_id, kind, minutes, reason, recorded_by, at)
       SELECT $1, 'adjustment', 90, '历史服务补录', $1, now() - (i * interval '7 hours') - interval '3 hours'
       FROM generate_series(1, $2::int) i`,
      [volunteer.user.id, SERVICES / 2],
    )
    const record = dataOf(await volunteer.call<{ serviceCount: number }>('volunteer', 'myRecord', {}))
    if (record.serviceCount !== SERVICES) throw new Error(`expected ${SERVICES} services, got ${record.serviceCount}`)

    const samples: Record<'me' | 'first' | 'deep' | 'certificate', number[]> = {
      me: [],
      first: [],
      deep: [],
      certificate: [],
    }
    const calls = {
      me: () => volunteer.call('identity', 'me'),
      first: () => volunteer.call('volunteer', 'myRecord', { page: 1 }),
      deep: () => volunteer.call('volunteer', 'myRecord', { page: SERVICES / 20 }),
      certificate: () => volunteer.call('volunteer', 'certificate', {}),
    }
    // Interleaved rounds, so each figure sees the same machine load as its baseline.
    for (let round = 0; round < RECORD_ROUNDS; round++) {
      for (const name of Object.keys(calls) as (keyof typeof calls)[]) {
        const { results, latencies } = await burst(BURST, () => calls[name]())
        if (results.some((r) => !r.body.ok)) throw new Error(`${name} failed: ${JSON.stringify(results[0].body)}`)
        samples[name].push(...latencies)
      }
    }
    const me = stats(samples.me)
    const figures = Object.fromEntries(
      (['first', 'deep', 'certificate'] as const).flatMap((name) => {
        const s = stats(samples[name])
        return [
          [`${name} p50 / p95`, `${ms(s.p50)} / ${ms(s.p95)}`],
          [`${name} p95 / identity.me p95`, (s.p95 / me.p95).toFixed(2)],
        ]
      }),
    )
    report(`volunteer.myRecord and certificate, ${SERVICES} services, bursts of ${BURST} × ${RECORD_ROUNDS}`, {
      'identity.me p50 / p95': `${ms(me.p50)} / ${ms(me.p95)}`,
      ...figures,
    })
  } finally {
    await host.close()
  }
}

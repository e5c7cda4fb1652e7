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

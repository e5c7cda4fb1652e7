import { benchHost, burst, ms, report, stats } from './support'
import { yearRange } from '../../src/cloud/domain/volunteer/records'
import { dataOf } from '../support/test-host'

const OWN_SERVICES = 5_000
const VOLUNTEERS = 200
const SERVICES_EACH = 25
const BURST = 5
const ROUNDS = 6
const READ_ROUNDS = 3
const ALL = 100_000

/**
 * The national-record CSV: a volunteer's own with 5,000 services, and the administrator's year file
 * for 200 volunteers × 25 services, as ratios to identity.me in the same run.
 */
export async function benchVolunteerExport() {
  const host = await benchHost()
  try {
    const admin = await host.signIn('admin', 'bench-export-admin')
    const volunteer = await host.signIn('volunteer', 'bench-export-v')
    const sql = host.host.store.sql
    const year = new Date().getFullYear()
    // Ledger rows this year: the volunteer's own history, and many volunteers' services for the year file.
    await sql.query(
      `INSERT INTO volunteer_hours (volunteer_id, kind, minutes, reason, recorded_by, at)
       SELECT $1, 'adjustment', 90, '历史服务补录', $1, now() - (i * interval '1 minute')
       FROM generate_series(1, $2::int) i`,
      [volunteer.user.id, OWN_SERVICES],
    )
    for (let v = 0; v < VOLUNTEERS; v++) {
      const other = await host.signIn('volunteer', `bench-export-${v}`)
      await sql.query(
        `INSERT INTO volunteer_hours (volunteer_id, kind, minutes, reason, recorded_by, at)
         SELECT $1, 'adjustment', 120, '社区义诊', $1, now() - (i * interval '1 minute')
         FROM generate_series(1, $2::int) i`,
        [other.user.id, SERVICES_EACH],
      )
    }
    const calls = {
      me: () => volunteer.call('identity', 'me'),
      own: () => volunteer.call('volunteer', 'exportMyRecord', {}),
      year: () => admin.call('volunteer', 'exportNationalRecords', { year }),
    }
    const own = dataOf(await calls.own())
    const lines = (csv: string) => csv.split('\r\n').length - 2
    if (lines((own as { csv: string }).csv) < OWN_SERVICES) throw new Error('own export is short')

    const samples: Record<keyof typeof calls, number[]> = { me: [], own: [], year: [] }
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of Object.keys(calls) as (keyof typeof calls)[]) {
        const { results, latencies } = await burst(BURST, () => calls[name]())
        if (results.some((r) => !r.body.ok)) throw new Error(`${name} failed: ${JSON.stringify(results[0].body)}`)
        samples[name].push(...latencies)
      }
    }
    const me = stats(samples.me)
    const figure = (name: 'own' | 'year') => {
      const s = stats(samples[name])
      return { p: `${ms(s.p50)} / ${ms(s.p95)}`, ratio: (s.p95 / me.p95).toFixed(1) }
    }
    const [ownFigure, yearFigure] = [figure('own'), figure('year')]
    // Same run, same data: the year file's reads as they are now (one pass over the year), beside the
    // way it read before (each volunteer's registration and whole service list in turn), kept as the reference.
    const repo = host.host.store.repos.volunteer
    const range = yearRange(year)
    const timed = async (read: () => Promise<unknown>) => {
      const latencies: number[] = []
      for (let round = 0; round < READ_ROUNDS; round++) {
        const started = performance.now()
        await read()
        latencies.push(performance.now() - started)
      }
      return stats(latencies).p50
    }
    const onePass = await timed(() =>
      Promise.all([repo.ranking(range, ALL), repo.listServicesIn(range), repo.listRegistrations('approved')]),
    )
    const perVolunteer = await timed(async () => {
      for (const v of await repo.ranking(range, ALL)) {
        await Promise.all([repo.findProfile(v.userId), repo.listServices(v.userId, { limit: ALL, offset: 0 })])
      }
    })
    report(`volunteer national-record CSV, bursts of ${BURST} × ${ROUNDS}`, {
      'identity.me p50 / p95': `${ms(me.p50)} / ${ms(me.p95)}`,
      [`exportMyRecord (${OWN_SERVICES} services) p50 / p95`]: ownFigure.p,
      'exportMyRecord p95 / identity.me p95': ownFigure.ratio,
      [`exportNationalRecords (${VOLUNTEERS + 1} volunteers) p50 / p95`]: yearFigure.p,
      'exportNationalRecords p95 / identity.me p95': yearFigure.ratio,
      'year file reads p50, one pass / per volunteer (before)': `${ms(onePass)} / ${ms(perVolunteer)} = ${(
        onePass / perVolunteer
      ).toFixed(2)}`,
    })
  } finally {
    await host.close()
  }
}

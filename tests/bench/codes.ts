import type { ImportVisitsResult } from '../../src/contract'
import { chinaDate, VISIT_HEADER } from '../support/survey'
import { dataOf, type SignedIn } from '../support/test-host'
import { benchHost, burst, ms, report, stats } from './support'

const CONCURRENT = 200

/**
 * A clinic's morning: 200 patients type the short code from their slip at once. `openVisit` by
 * short code is read against `identity.me`, the cheapest signed-in call, in the same run, so the
 * ratio holds on a busy machine.
 */
export async function benchCodes() {
  const host = await benchHost()
  try {
    const admin = await host.signIn('admin', 'bench-codes-admin')
    const today = chinaDate(new Date())
    const rows = Array.from({ length: CONCURRENT }, (_, i) => `BENCH-CODE-${i},门诊,心内科,${today},`)
    const imported = dataOf(
      await admin.call<ImportVisitsResult>('survey', 'importVisits', { csv: [VISIT_HEADER, ...rows].join('\n') }),
    )
    const patients: SignedIn[] = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, i) => host.signIn('patient', `bench-code-${i}`)),
    )
    // Warm both paths once, so neither pays for first-call compilation or planning.
    await patients[0].call('identity', 'me')
    await patients[0].call('survey', 'openVisit', { code: imported.codes[0].shortCode })

    const me = await burst(CONCURRENT, (i) => patients[i].call('identity', 'me'))
    const open = await burst(CONCURRENT, (i) =>
      patients[i].call('survey', 'openVisit', { code: imported.codes[i].shortCode.toLowerCase() }),
    )
    const failed = open.results.filter((reply) => !reply.body.ok).length + me.results.filter((r) => !r.body.ok).length
    const [meStats, openStats] = [stats(me.latencies), stats(open.latencies)]
    report(`survey.openVisit by short code, ${CONCURRENT} at once`, {
      'identity.me p95 (same run)': ms(meStats.p95),
      'openVisit p50': ms(openStats.p50),
      'openVisit p95': ms(openStats.p95),
      'openVisit p95 / identity.me p95': (openStats.p95 / meStats.p95).toFixed(2),
      errors: failed,
    })
    if (failed > 0) throw new Error(`${failed} calls failed`)
  } finally {
    await host.close()
  }
}

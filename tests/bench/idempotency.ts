import { inputDigest } from '../../src/cloud/core/input-digest'
import { loadSecrets } from '../../src/cloud/core/secrets'
import type { SignedIn } from '../support/test-host'
import { benchHost, ms, report, stats } from './support'

const CALLS = 300
const DIGESTS = 20_000

/** Each call timed on its own, one after another: the cost of a call, not of a queue. */
async function timed(count: number, call: (i: number) => Promise<unknown>): Promise<number[]> {
  const latencies: number[] = []
  for (let i = 0; i < count; i++) {
    const started = performance.now()
    await call(i)
    latencies.push(performance.now() - started)
  }
  return latencies
}

const prefs = (i: number) => ({ largeText: i % 2 === 0 })

/** What binding a request id to its input costs: the digest, against the write it guards, in one run. */
export async function benchIdempotency() {
  const host = await benchHost()
  try {
    const patient: SignedIn = await host.signIn('patient', 'bench-idem')
    await patient.call('identity', 'setPrefs', prefs(0))
    const plain = stats(await timed(CALLS, (i) => patient.call('identity', 'setPrefs', prefs(i))))
    const first = stats(await timed(CALLS, (i) => patient.call('identity', 'setPrefs', prefs(i), `bench-idem-${i}`)))
    const replay = stats(await timed(CALLS, (i) => patient.call('identity', 'setPrefs', prefs(i), `bench-idem-${i}`)))
    const other = stats(
      await timed(CALLS, (i) => patient.call('identity', 'setPrefs', prefs(i + 1), `bench-idem-${i}`)),
    )

    // A large input: a 20-item questionnaire with a 500-character comment.
    const answers = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`q${i}`, (i % 5) + 1]))
    const survey = { code: 'ABCD2345', answers, recommend: 9, comment: '护士很耐心'.repeat(100) }
    const secret = loadSecrets({}, false).visitCode
    const started = performance.now()
    for (let i = 0; i < DIGESTS; i++) inputDigest(secret, { ...survey, recommend: i % 11 })
    const digestMs = (performance.now() - started) / DIGESTS

    report(`identity.setPrefs, ${CALLS} sequential calls each`, {
      'no requestId p50': ms(plain.p50),
      'new requestId p50': ms(first.p50),
      'replay p50': ms(replay.p50),
      'same id, other input (409) p50': ms(other.p50),
      'new requestId p50 / no requestId p50': (first.p50 / plain.p50).toFixed(2),
      'input digest of a 2 KB survey answer': `${(digestMs * 1000).toFixed(1)} µs`,
      'digest / new requestId p50': (digestMs / first.p50).toFixed(4),
    })
  } finally {
    await host.close()
  }
}

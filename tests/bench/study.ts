import type { AttendanceView, CheckInResult, QrCodeView, SessionView } from '../../src/contract'
import { dataOf, type SignedIn } from '../support/test-host'
import { bareServerBurst } from './shell'
import { benchHost, burst, ms, report, stats } from './support'

const STAFF = 500
const SIGN_IN_BATCH = 50
const SLOT_MS = 15_000
const READS = 20

/** Latencies of `count` calls made one after another. */
async function sequential(count: number, call: () => Promise<unknown>): Promise<number[]> {
  const latencies: number[] = []
  for (let i = 0; i < count; i++) {
    const began = performance.now()
    await call()
    latencies.push(performance.now() - began)
  }
  return latencies
}

/** 500 colleagues scan the same projected code within one burst: each recorded exactly once. */
export async function benchStudy() {
  const host = await benchHost()
  try {
    // Start on a slot boundary so the burst has the full 30 s a code is accepted for.
    const start = new Date(Math.ceil(Date.now() / SLOT_MS) * SLOT_MS + 10 * 60_000)
    // Before the check-in window opens (30 min before the start): the audience is today's roster.
    host.setClock(new Date(start.getTime() - 40 * 60_000))
    const admin = await host.signIn('admin')
    const session = dataOf(
      await admin.call<SessionView>('study', 'createSession', {
        type: '道德讲堂',
        title: '道德讲堂：身边的好医生',
        location: '学术报告厅',
        startAt: start.toISOString(),
        endAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
        audience: 'all',
        creditHours: 1.5,
      }),
    )
    const staff: SignedIn[] = []
    for (let i = 0; i < STAFF; i += SIGN_IN_BATCH) {
      const batch = Array.from({ length: Math.min(SIGN_IN_BATCH, STAFF - i) }, (_, j) =>
        host.signIn('staff', `bench-study-${i + j}`),
      )
      staff.push(...(await Promise.all(batch)))
    }
    const attendance = () => admin.call<AttendanceView>('study', 'attendance', { sessionId: session.id })
    const live = stats(await sequential(READS, attendance))
    host.setClock(new Date(start.getTime() - 5 * 60_000))
    // The window is open: the first read freezes the audience (everyone on staff), later ones read the snapshot.
    const [freezing] = await sequential(1, attendance)
    const frozen = stats(await sequential(READS, attendance))
    const [{ audience }] = await host.host.store.sql.query<{ audience: number }>(
      'SELECT count(*)::int AS audience FROM study_audience WHERE session_id = $1',
      [session.id],
    )
    const qr = dataOf(await admin.call<QrCodeView>('study', 'qrCode', { sessionId: session.id }))

    const first = await burst(STAFF, (i) => staff[i].call<CheckInResult>('study', 'checkIn', { payload: qr.payload }))
    // A fresh code: the first burst may have outlived the one it used.
    const next = dataOf(await admin.call<QrCodeView>('study', 'qrCode', { sessionId: session.id }))
    const again = await burst(STAFF, (i) =>
      staff[i].call<CheckInResult>('study', 'checkIn', { shortCode: next.shortCode }),
    )
    const bare = stats(await bareServerBurst(STAFF))

    const [{ rows, people }] = await host.host.store.sql.query<{ rows: number; people: number }>(
      'SELECT count(*)::int AS rows, count(DISTINCT user_id)::int AS people FROM study_attendance WHERE session_id = $1',
      [session.id],
    )
    const okFirst = first.results.filter((r) => r.body.ok && !r.body.data.repeated).length
    const okAgain = again.results.filter((r) => r.body.ok && r.body.data.repeated).length
    const refusals = [...first.results, ...again.results]
      .map((r) => (r.body.ok ? null : r.body.error.code))
      .filter((code) => code !== null)
    const firstStats = stats(first.latencies)
    const againStats = stats(again.latencies)
    report(`study.attendance of a hospital-wide session, ${audience} expected`, {
      'before the window opens (live roster) p50': ms(live.p50),
      'first read after it opened (freezes the audience)': ms(freezing),
      'from the snapshot p50': ms(frozen.p50),
      'snapshot p50 / live p50': (frozen.p50 / live.p50).toFixed(2),
    })
    report(`study.checkIn, ${STAFF} staff in one burst`, {
      'first check-ins recorded (not repeated)': okFirst,
      'rows in study_attendance': rows,
      'distinct people in study_attendance': people,
      'first burst p50': ms(firstStats.p50),
      'first burst p95': ms(firstStats.p95),
      'first burst max': ms(firstStats.max),
      'repeat burst (6-digit code) answered repeated': okAgain,
      'repeat burst p50': ms(againStats.p50),
      'repeat burst p95': ms(againStats.p95),
      'bare node http p95 (same run, same count)': ms(bare.p95),
      'first burst p95 / bare p95': (firstStats.p95 / bare.p95).toFixed(2),
      refusals: refusals.length === 0 ? 'none' : refusals.join(', '),
    })
    if (audience < STAFF) throw new Error(`expected a snapshot of at least ${STAFF} people, got ${audience}`)
    if (rows !== STAFF || people !== STAFF || okFirst !== STAFF || okAgain !== STAFF) {
      throw new Error(
        `expected ${STAFF} check-ins recorded exactly once; got ${rows} rows, ${okFirst} first, ${okAgain} repeats`,
      )
    }
  } finally {
    await host.close()
  }
}

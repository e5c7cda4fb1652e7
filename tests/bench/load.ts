import type { ImportVisitsResult, MyHelpRequest, OpenVisitResult, QrCodeView } from '../../src/contract'
import { answersFor, chinaDate, VISIT_HEADER } from '../support/survey'
import { dataOf, type SignedIn, type TestHost } from '../support/test-host'
import {
  complaintInput,
  departments,
  helpRequestInput,
  praiseInput,
  studySession,
  type Departments,
} from '../support/world'
import { benchHost, ms, report, stats } from './support'

const DURATION_MS = 30_000
const CALLERS = { patient: 130, staff: 20, volunteer: 20, manager: 20, admin: 10 }
/** No caller starves: the slowest call and every action's p95, as multiples of the overall p95. */
const MAX_SLOWEST_TO_P95 = 3
const MAX_ACTION_P95_TO_P95 = 2

interface Tally {
  latencies: Map<string, number[]>
  errors: string[]
}

/** The same user, each call timed under its `fn.action`. */
function timed(user: SignedIn, tally: Tally): SignedIn {
  return {
    ...user,
    async call<T>(fn: string, action: string, data?: unknown, requestId?: string) {
      const begun = performance.now()
      const reply = await user.call<T>(fn, action, data, requestId)
      const key = `${fn}.${action}`
      tally.latencies.set(key, [...(tally.latencies.get(key) ?? []), performance.now() - begun])
      if (!reply.body.ok) tally.errors.push(`${key}: ${reply.body.error.code} ${reply.body.error.message}`)
      return reply
    },
  }
}

type Session = (user: SignedIn, step: number) => Promise<unknown>

/**
 * What each kind of person does, step by step: a few writes early in the session (well inside
 * every rate limit), then the reads they come back to.
 */
function sessions(where: Departments, codes: string[], study: StudyPlan): Record<keyof typeof CALLERS, Session> {
  const year = new Date().getFullYear()
  const patientReads: [string, string, unknown?][] = [
    ['identity', 'me'],
    ['survey', 'board'],
    ['volunteer', 'ranking', { year }],
    ['volunteer', 'myRequest'],
    ['identity', 'departments'],
    ['feedback', 'wall'],
    ['feedback', 'mine'],
    ['feedback', 'phrases', { scene: '候诊' }],
  ]
  const requests = new Map<SignedIn, string>()
  let submitted = 0
  return {
    async patient(user, step) {
      if (step === 0) return user.call('identity', 'setPrefs', { largeText: true, sensitiveText: 'granted' })
      if (step === 1) {
        const code = codes.pop()
        if (code) {
          const opened = dataOf(await user.call<OpenVisitResult>('survey', 'openVisit', { code }))
          return user.call('survey', 'submit', { code, answers: answersFor(opened, 5), recommend: 10 })
        }
      }
      if (step === 2) {
        const reply = await user.call<MyHelpRequest>('volunteer', 'request', helpRequestInput(where.home))
        if (reply.body.ok) requests.set(user, reply.body.data.id)
        return reply
      }
      const requestId = requests.get(user)
      if (step === 3 && requestId) return user.call('volunteer', 'cancel', { requestId })
      if (step === 4)
        return user.call('feedback', 'submit', submitted++ % 2 ? praiseInput(where.home) : complaintInput(where.home))
      const [fn, action, data] = patientReads[step % patientReads.length]
      return user.call(fn, action, data)
    },
    async staff(user, step) {
      if (step === 0) return user.call('study', 'checkIn', { payload: study.payload })
      if (step === 1) return user.call('study', 'requestLeave', { sessionId: study.laterId, reason: '夜班后休息' })
      const reads: [string, string][] = [
        ['study', 'upcoming'],
        ['study', 'myRecord'],
        ['feedback', 'myPraise'],
      ]
      const [fn, action] = reads[step % reads.length]
      return user.call(fn, action)
    },
    async volunteer(user, step) {
      if (step === 0) return user.call('volunteer', 'startShift', { station: '门诊大厅' })
      return step % 2 ? user.call('volunteer', 'open') : user.call('volunteer', 'myRecord')
    },
    async manager(user, step) {
      const reads: [string, string, unknown?][] = [
        ['survey', 'dashboard', { departmentId: where.home.id, from: `${year}-01`, to: `${year}-12` }],
        ['survey', 'alerts', { departmentId: where.home.id }],
        ['feedback', 'queue'],
        ['study', 'organized'],
        ['study', 'stats', { from: `${year}-01-01`, to: `${year}-12-31` }],
      ]
      const [fn, action, data] = reads[step % reads.length]
      return user.call(fn, action, data)
    },
    async admin(user, step) {
      const reads: [string, string, unknown?][] = [
        ['volunteer', 'desk'],
        ['volunteer', 'pending'],
        ['identity', 'auditLog', { limit: 20 }],
        ['identity', 'pendingStaff'],
        ['feedback', 'praiseReview'],
        ['study', 'attendance', { sessionId: study.nowId }],
      ]
      // The organizer's screen: the QR code rotates, and colleagues arriving later scan the newest one.
      if (step % 5 === 0) {
        const reply = await user.call<QrCodeView>('study', 'qrCode', { sessionId: study.nowId })
        if (reply.body.ok) study.payload = reply.body.data.payload
        return reply
      }
      const [fn, action, data] = reads[step % reads.length]
      return user.call(fn, action, data)
    },
  }
}

async function importCodes(admin: SignedIn, where: Departments, count: number): Promise<string[]> {
  const today = chinaDate(new Date())
  const lines = Array.from({ length: count }, (_, i) => `LOAD-${i},outpatient,${where.home.name},${today},`)
  const result = dataOf(
    await admin.call<ImportVisitsResult>('survey', 'importVisits', { csv: [VISIT_HEADER, ...lines].join('\n') }),
  )
  return result.codes.map((c) => c.code)
}

/** A session starting now with its current QR code, and one tomorrow to ask leave for. */
interface StudyPlan {
  nowId: string
  laterId: string
  payload: string
}

async function studyPlan(admin: SignedIn): Promise<StudyPlan> {
  const now = await studySession(admin, 'all', { startInMinutes: 5 })
  const later = await studySession(admin, 'all')
  const qr = dataOf(await admin.call<QrCodeView>('study', 'qrCode', { sessionId: now.id }))
  return { nowId: now.id, laterId: later.id, payload: qr.payload }
}

async function signInAll(host: TestHost, where: Departments) {
  const kinds = Object.entries(CALLERS) as [keyof typeof CALLERS, number][]
  const users = await Promise.all(
    kinds.flatMap(([kind, count]) =>
      Array.from({ length: count }, async (_, i) => ({
        kind,
        user: await host.signIn(kind, `load-${kind}-${i}`, kind === 'manager' ? where.home.id : undefined),
      })),
    ),
  )
  return users
}

/** `npm run bench load`: 200 people using every area at once for 30 s. */
export async function benchLoad() {
  const host = await benchHost()
  try {
    const admin = await host.signIn('admin', 'load-setup')
    const where = await departments(admin)
    const codes = await importCodes(admin, where, CALLERS.patient)
    const users = await signInAll(host, where)
    const plan = sessions(where, codes, await studyPlan(admin))
    const tally: Tally = { latencies: new Map(), errors: [] }
    const started = performance.now()
    const deadline = started + DURATION_MS
    await Promise.all(
      users.map(async ({ kind, user }) => {
        const person = timed(user, tally)
        for (let step = 0; performance.now() < deadline; step++) await plan[kind](person, step)
      }),
    )
    const elapsed = (performance.now() - started) / 1000
    const figures = stats([...tally.latencies.values()].flat())
    report(`mixed traffic, ${users.length} concurrent callers, ${DURATION_MS / 1000} s`, {
      calls: figures.count,
      'throughput (calls/s)': (figures.count / elapsed).toFixed(1),
      p50: ms(figures.p50),
      p95: ms(figures.p95),
      max: ms(figures.max),
      errors: tally.errors.length,
    })
    const byAction = [...tally.latencies.entries()].map(([key, samples]) => [key, stats(samples)] as const)
    report(
      'per action: calls, p50, p95',
      Object.fromEntries(byAction.map(([key, s]) => [key, `${s.count}  ${ms(s.p50)}  ${ms(s.p95)}`])),
    )
    const [slowestAction, slowestStats] = byAction.reduce((a, b) => (b[1].p95 > a[1].p95 ? b : a))
    const slowestRatio = figures.max / figures.p95
    const actionRatio = slowestStats.p95 / figures.p95
    report('fairness (targets in brackets)', {
      [`slowest call / p95 [<= ${MAX_SLOWEST_TO_P95}]`]: slowestRatio.toFixed(2),
      [`max action p95 / p95 [<= ${MAX_ACTION_P95_TO_P95}]`]: `${actionRatio.toFixed(2)} (${slowestAction})`,
    })
    const missed = [
      tally.errors.length > 0 && `${tally.errors.length} calls failed under load`,
      slowestRatio > MAX_SLOWEST_TO_P95 && `the slowest call took ${slowestRatio.toFixed(1)}x the p95`,
      actionRatio > MAX_ACTION_P95_TO_P95 && `${slowestAction} p95 is ${actionRatio.toFixed(1)}x the overall p95`,
    ].filter((reason): reason is string => typeof reason === 'string')
    if (missed.length > 0) {
      console.log(tally.errors.slice(0, 10).join('\n'))
      throw new Error(`load targets missed: ${missed.join('; ')}`)
    }
  } finally {
    await host.close()
  }
}

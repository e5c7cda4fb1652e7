import { C } from '../../src/cloud/storage/cloudbase/schema'
import type { AttendanceView, Dashboard, FeedbackItem, OpenVisitResult, QrCodeView } from '../../src/contract'
import type { CloudActions } from './cloud-actions'
import { answersFor, chinaDate, importVisits } from './survey'
import { consentToTreatmentText, dataOf, type Reply, type SignedIn } from './test-host'
import { complaintInput, helpRequestInput, praiseInput, studySession } from './world'

/** What a burst of concurrent calls did on the stand-in's concurrent mode (issue 17's hot spots). */
export interface Contention {
  calls: number
  /** Reply codes: `ok`, or the error code, with how many calls got each. */
  codes: Record<string, number>
  /** What the stored data counts afterwards (answers, check-ins, winners): compared with the `ok` replies. */
  counted: number
  transactions: number
  /** Transactions that needed more than one attempt, and the retries of the 95th percentile and the worst. */
  retried: number
  p95Retries: number
  maxRetries: number
}

const codeOf = (reply: Reply) => (reply.body.ok ? 'ok' : (reply.body.error?.code ?? '?'))

/** Runs `burst`, all calls at once, and sums up the replies and the transactions' retries during it. */
async function contention(
  cloud: CloudActions,
  burst: () => Promise<Reply[]>,
  counted: () => Promise<number>,
): Promise<Contention> {
  const first = cloud.db.attempts.length
  const replies = await burst()
  const retries = cloud.db.attempts
    .slice(first)
    .map((attempts) => attempts - 1)
    .sort((a, b) => a - b)
  const codes: Record<string, number> = {}
  for (const reply of replies) codes[codeOf(reply)] = (codes[codeOf(reply)] ?? 0) + 1
  return {
    calls: replies.length,
    codes,
    counted: await counted(),
    transactions: retries.length,
    retried: retries.filter((r) => r > 0).length,
    p95Retries: retries[Math.max(0, Math.ceil(retries.length * 0.95) - 1)] ?? 0,
    maxRetries: retries[retries.length - 1] ?? 0,
  }
}

/**
 * `count` patients answer visits of one department and month at once: every tenth a low score (an
 * alert and messages to the managers), every seventh with a comment (theme tags). Counted: the
 * dashboard's answers, before the sweep folds the counters; `afterFold` is the same after it.
 */
export async function surveyBurst(cloud: CloudActions, admin: SignedIn, count: number) {
  const home = await cloud.fixtures.department()
  await cloud.signIn('manager', `burst-manager-${home.id}`, home.id)
  const codes = await importVisits(admin, `B${home.id.slice(0, 6)}`, home.name, count)
  const patients = await Promise.all(codes.map((_, i) => cloud.signIn('patient', `burst-${home.id}-${i}`)))
  const opened = await Promise.all(
    patients.map(async (p, i) => dataOf(await p.call<OpenVisitResult>('survey', 'openVisit', { code: codes[i] }))),
  )
  const month = chinaDate(new Date()).slice(0, 7)
  const answered = async () =>
    dataOf(await admin.call<Dashboard>('survey', 'dashboard', { departmentId: home.id, from: month, to: month }))
      .responses
  const outcome = await contention(
    cloud,
    () =>
      Promise.all(
        patients.map((p, i) =>
          p.call('survey', 'submit', {
            code: codes[i],
            answers: answersFor(opened[i], i % 10 === 0 ? 1 : (i % 5) + 1),
            recommend: i % 11,
            ...(i % 7 === 0 ? { comment: '护士很耐心，就是排队时间有点长', commentConsent: true } : {}),
          }),
        ),
      ),
    answered,
  )
  await cloud.repos.survey.rollUpCounters()
  return { ...outcome, afterFold: await answered() }
}

/** `count` staff check in to one session at once; counted: the attendance view's check-ins. */
export async function checkInBurst(cloud: CloudActions, admin: SignedIn, count: number) {
  const session = await studySession(admin, 'all', { startInMinutes: 5 })
  const qr = dataOf(await admin.call<QrCodeView>('study', 'qrCode', { sessionId: session.id }))
  const home = await cloud.fixtures.department()
  const staff = await Promise.all(
    Array.from({ length: count }, (_, i) => cloud.signIn('staff', `burst-s${session.id}-${i}`, home.id)),
  )
  return contention(
    cloud,
    () => Promise.all(staff.map((s) => s.call('study', 'checkIn', { payload: qr.payload }))),
    async () =>
      dataOf(await admin.call<AttendanceView>('study', 'attendance', { sessionId: session.id })).totals.checkedIn,
  )
}

/** `count` volunteers on shift claim one request at once; counted: the volunteers the request names (1). */
export async function claimBurst(cloud: CloudActions, count: number) {
  const home = await cloud.fixtures.department()
  const patient = await cloud.signIn('patient', `burst-patient-${home.id}`)
  const request = dataOf(await patient.call<{ id: string }>('volunteer', 'request', helpRequestInput(home)))
  const crowd = await Promise.all(
    Array.from({ length: count }, (_, i) => cloud.signIn('volunteer', `burst-v${home.id}-${i}`)),
  )
  for (const v of crowd) dataOf(await v.call('volunteer', 'startShift', { station: '门诊大厅' }))
  return contention(
    cloud,
    () => Promise.all(crowd.map((v) => v.call('volunteer', 'claim', { requestId: request.id }))),
    async () => cloud.db.documents(C.helpRequests).filter((r) => r._id === request.id && r.volunteerId).length,
  )
}

/**
 * `count` patients send one department a complaint or a praise (every other one) at once. Counted: the
 * complaints in its manager's queue and the praise awaiting the admin's review; `tagged`: those of them
 * whose theme tags were written with them.
 */
export async function feedbackBurst(cloud: CloudActions, admin: SignedIn, count: number) {
  const home = await cloud.fixtures.department()
  const manager = await cloud.signIn('manager', `burst-fb-manager-${home.id}`, home.id)
  const patients = await Promise.all(
    Array.from({ length: count }, async (_, i) =>
      consentToTreatmentText(await cloud.signIn('patient', `burst-fb-${home.id}-${i}`)),
    ),
  )
  const inputOf = (i: number) => (i % 2 === 0 ? complaintInput(home) : praiseInput(home))
  let ids: string[] = []
  const outcome = await contention(
    cloud,
    () => Promise.all(patients.map((p, i) => p.call('feedback', 'submit', inputOf(i), `burst-fb-${i}-${home.id}`))),
    async () => {
      const queue = dataOf(await manager.call<FeedbackItem[]>('feedback', 'queue', {}))
      const review = dataOf(await admin.call<FeedbackItem[]>('feedback', 'praiseReview'))
      ids = [...queue, ...review].filter((item) => item.departmentId === home.id).map((item) => item.id)
      return ids.length
    },
  )
  const tags = new Set(cloud.db.documents(C.voiceTags).map((doc) => doc.sourceId))
  return { ...outcome, tagged: ids.filter((id) => tags.has(id)).length }
}

import type { AttendanceView, QrCodeView } from '../../src/contract'
import { openCloudActions, type CloudActions } from '../support/cloud-actions'
import { CloudDbStandIn } from '../support/cloud-db-stand-in'
import { isTransactionConflict, TRANSACTION_ATTEMPTS } from '../support/cloud-db-workspace'
import { feedbackContract } from '../support/contracts/feedback'
import { identityContract } from '../support/contracts/identity'
import { personalDataContract } from '../support/contracts/personal-data'
import { studyContract } from '../support/contracts/study'
import { volunteerContract } from '../support/contracts/volunteer'
import { volunteerExcellentContract } from '../support/contracts/volunteer-excellent'
import { cloudbaseConcurrentAdapter, type RepoHarness } from '../support/repo-adapters'
import { dataOf, type SignedIn } from '../support/test-host'
import { helpRequestInput, studySession } from '../support/world'

describe('the stand-in with concurrent transactions', () => {
  it('aborts a transaction whose document changed since it began, retries it, and loses no update', async () => {
    const db = new CloudDbStandIn({}, { concurrent: true })
    await db.collection<{ _id: string; n: number }>('counters').add({ data: { _id: 'c', n: 0 } })
    const increment = () =>
      db.runTransaction(async (tx) => {
        const { data } = await tx.collection<{ _id: string; n: number }>('counters').doc('c').get()
        await tx
          .collection('counters')
          .doc('c')
          .update({ data: { n: (data?.n ?? 0) + 1 } })
      })
    const outcomes = await Promise.allSettled(Array.from({ length: 2 }, increment))
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled'])
    expect(db.conflicts).toBeGreaterThanOrEqual(1)
    expect(db.documents('counters')[0].n).toBe(2)
  })

  it('gives up after the SDK attempts with the conflict error when one document is everyone’s', async () => {
    const db = new CloudDbStandIn({}, { concurrent: true })
    await db.collection<{ _id: string; n: number }>('counters').add({ data: { _id: 'c', n: 0 } })
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        db.runTransaction(async (tx) => {
          const { data } = await tx.collection<{ _id: string; n: number }>('counters').doc('c').get()
          await tx
            .collection('counters')
            .doc('c')
            .update({ data: { n: (data?.n ?? 0) + 1 } })
        }),
      ),
    )
    const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')
    expect(failed.length).toBeGreaterThan(0)
    expect(failed.every((o) => isTransactionConflict(o.reason))).toBe(true)
    // Each committed increment counted exactly once: the failures lost nothing they had not announced.
    expect(db.documents('counters')[0].n).toBe(20 - failed.length)
    expect(TRANSACTION_ATTEMPTS).toBe(3)
  })
})

// The repository contract in this mode: the areas without a shared hot document hold as they are.
describe('repository contract: cloudbase (stand-in, concurrent transactions)', () => {
  let harness: RepoHarness
  beforeAll(async () => {
    harness = await cloudbaseConcurrentAdapter.open()
  })
  const current = () => harness
  identityContract(current)
  volunteerContract(current)
  volunteerExcellentContract(current)
  studyContract(current)
  feedbackContract(current)
  personalDataContract(current)
})

describe('hot spots under concurrent transactions', () => {
  let cloud: CloudActions
  let admin: SignedIn
  beforeAll(async () => {
    cloud = await openCloudActions({ concurrent: true })
    admin = await cloud.signIn('admin', 'hot-admin')
  })

  const codesOf = (replies: { body: { ok: boolean; error?: { code: string } } }[]) =>
    replies.map((r) => (r.body.ok ? 'ok' : (r.body.error?.code ?? '?')))

  it('100 volunteers claim one request at once: exactly one wins, the rest hear it is taken', async () => {
    const home = await cloud.fixtures.department()
    const patient = await cloud.signIn('patient', 'hot-patient')
    const request = dataOf(await patient.call<{ id: string }>('volunteer', 'request', helpRequestInput(home)))
    const crowd = await Promise.all(Array.from({ length: 100 }, (_, i) => cloud.signIn('volunteer', `hot-v${i}`)))
    for (const v of crowd) dataOf(await v.call('volunteer', 'startShift', { station: '门诊大厅' }))
    const codes = codesOf(await Promise.all(crowd.map((v) => v.call('volunteer', 'claim', { requestId: request.id }))))
    expect(codes.filter((c) => c === 'ok')).toHaveLength(1)
    expect(codes.filter((c) => c !== 'ok' && c !== 'CONFLICT')).toEqual([])
  }, 300_000)

  it('500 staff check in to one session at once: every one recorded, no error', async () => {
    const session = await studySession(admin, 'all', { startInMinutes: 5 })
    const qr = dataOf(await admin.call<QrCodeView>('study', 'qrCode', { sessionId: session.id }))
    const home = await cloud.fixtures.department()
    const staff = await Promise.all(Array.from({ length: 500 }, (_, i) => cloud.signIn('staff', `hot-s${i}`, home.id)))
    const codes = codesOf(await Promise.all(staff.map((s) => s.call('study', 'checkIn', { payload: qr.payload }))))
    expect(codes.filter((c) => c !== 'ok')).toEqual([])
    const view = dataOf(await admin.call<AttendanceView>('study', 'attendance', { sessionId: session.id }))
    expect(view.totals.checkedIn).toBe(500)
  }, 600_000)
})

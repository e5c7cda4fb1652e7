import { openCloudActions, type CloudActions } from '../support/cloud-actions'
import { checkInBurst, claimBurst, feedbackBurst, surveyBurst } from '../support/cloud-contention'
import { CloudDbStandIn } from '../support/cloud-db-stand-in'
import { isTransactionConflict, TRANSACTION_ATTEMPTS } from '../support/cloud-db-workspace'
import { feedbackContract } from '../support/contracts/feedback'
import { identityContract } from '../support/contracts/identity'
import { personalDataContract } from '../support/contracts/personal-data'
import { platformContract } from '../support/contracts/platform'
import { studyContract } from '../support/contracts/study'
import { staffSurveyContract } from '../support/contracts/staff-survey'
import { surveyContract } from '../support/contracts/survey'
import { voiceContract } from '../support/contracts/voice'
import { volunteerContract } from '../support/contracts/volunteer'
import { volunteerExcellentContract } from '../support/contracts/volunteer-excellent'
import { cloudbaseConcurrentAdapter, type RepoHarness } from '../support/repo-adapters'
import type { SignedIn } from '../support/test-host'

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

// The repository contract in this mode: every area, now that none keeps a document all writers share.
describe('repository contract: cloudbase (stand-in, concurrent transactions)', () => {
  let harness: RepoHarness
  beforeAll(async () => {
    harness = await cloudbaseConcurrentAdapter.open()
  })
  const current = () => harness
  platformContract(current)
  identityContract(current)
  surveyContract(current)
  volunteerContract(current)
  volunteerExcellentContract(current)
  studyContract(current)
  staffSurveyContract(current)
  feedbackContract(current)
  personalDataContract(current)
  voiceContract(current)
})

describe('hot spots under concurrent transactions: 0 errors, nothing lost', () => {
  let cloud: CloudActions
  let admin: SignedIn
  beforeAll(async () => {
    cloud = await openCloudActions({ concurrent: true })
    admin = await cloud.signIn('admin', 'hot-admin')
  })

  it('500 patients answer one department-month at once: every answer counted, before and after the fold', async () => {
    const burst = await surveyBurst(cloud, admin, 500)
    expect(burst.codes).toEqual({ ok: 500 })
    expect(burst.counted).toBe(500)
    expect(burst.afterFold).toBe(500)
    // Every answer writes only documents of its own: no transaction ever has to retry.
    expect(burst.retried).toBe(0)
    expect(burst.transactions).toBeGreaterThanOrEqual(500)
  }, 600_000)

  it('100 volunteers claim one request at once: exactly one wins, the rest hear it is taken', async () => {
    const burst = await claimBurst(cloud, 100)
    expect(burst.codes.ok).toBe(1)
    expect(burst.codes).toEqual({ ok: 1, CONFLICT: 99 })
    expect(burst.counted).toBe(1)
  }, 300_000)

  it('200 patients send one department complaints and praise at once: every one stored and tagged, no error', async () => {
    const burst = await feedbackBurst(cloud, admin, 200)
    expect(burst.codes).toEqual({ ok: 200 })
    expect(burst.counted).toBe(200)
    expect(burst.tagged).toBe(200)
    // A submit shares no document with another: it runs no transaction at all.
    expect(burst.transactions).toBe(0)
  }, 300_000)

  it('500 staff check in to one session at once: every one recorded, no error', async () => {
    const burst = await checkInBurst(cloud, admin, 500)
    expect(burst.codes).toEqual({ ok: 500 })
    expect(burst.counted).toBe(500)
  }, 600_000)
})

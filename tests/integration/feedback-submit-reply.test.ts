import type { Department, FeedbackDetail, FeedbackItem } from '../../src/contract'
import { C } from '../../src/cloud/storage/cloudbase/schema'
import { openCloudActions } from '../support/cloud-actions'
import { consentToTreatmentText, dataOf, startTestHost, type SignedIn, type TestHost } from '../support/test-host'
import { complaintInput, departments, praiseInput, rosterStaffOf } from '../support/world'

/**
 * `feedback.submit` answers with the item it made instead of reading it back (a cloud round trip
 * each for the item, the patient, the department and the roster). That reply must be exactly what
 * a read of the stored item shows the same caller: on PostgreSQL and on the cloud database.
 */
async function expectRepliesAsStored(submitter: SignedIn, home: Department, employeeNo: string) {
  const inputs = [
    // A manager's complaint about their own department: they see their own name as its handler does.
    { ...complaintInput(home), contactPhone: '13812341234' },
    { ...complaintInput(home), anonymous: true },
    // Praise naming staff by number (name and title from the roster), masked on the way in.
    { ...praiseInput(home, employeeNo), text: '谢谢护士，电话13912345678' },
  ]
  for (const input of inputs) {
    const submitted = dataOf(await submitter.call<FeedbackItem>('feedback', 'submit', input))
    const { history, ...stored } = dataOf(
      await submitter.call<FeedbackDetail>('feedback', 'detail', { id: submitted.id }),
    )
    expect(submitted).toEqual(stored)
    expect(history.map((h) => [h.action, h.fromStatus, h.toStatus])).toEqual([['submit', null, submitted.status]])
    const mine = dataOf(await submitter.call<FeedbackItem[]>('feedback', 'mine'))
    expect(mine.find((item) => item.id === submitted.id)).toEqual(submitted)
  }
}

describe('the submit reply is the stored item (PGlite host)', () => {
  let host: TestHost
  beforeAll(async () => {
    host = await startTestHost()
  })
  afterAll(async () => {
    await host.close()
  })

  it('for complaints and praise, named staff, masked text and a handler submitting', async () => {
    const admin = await host.signIn('admin', 'reply-admin')
    const { home } = await departments(admin)
    const manager = await consentToTreatmentText(await host.signIn('manager', 'reply-manager', home.id))
    await expectRepliesAsStored(manager, home, await rosterStaffOf(host, home))
  })
})

describe('the submit reply is the stored item (cloud database stand-in)', () => {
  it('for complaints and praise, named staff, masked text and a handler submitting', async () => {
    const cloud = await openCloudActions()
    const home = await cloud.fixtures.department()
    const staff = await cloud.fixtures.rosterEntry(home.id)
    const manager = await cloud.signIn('manager', 'reply-manager', home.id)
    dataOf(await manager.call('identity', 'setPrefs', { sensitiveText: 'granted' }, 'reply-prefs-1'))
    await expectRepliesAsStored(manager, home, staff.employeeNo)
  })

  it("keeps the department's name on the item; an item written before that reads it from the department", async () => {
    const cloud = await openCloudActions()
    const home = await cloud.fixtures.department()
    const patient = await cloud.signIn('patient', 'reply-legacy')
    dataOf(await patient.call('identity', 'setPrefs', { sensitiveText: 'granted' }, 'reply-prefs-2'))
    const { id } = dataOf(await patient.call<FeedbackItem>('feedback', 'submit', complaintInput(home)))
    const stored = () => cloud.db.documents(C.feedbackItems).find((doc) => doc._id === id)
    expect(stored()?.departmentName).toBe(home.name)
    await cloud.db
      .collection(C.feedbackItems)
      .doc(id)
      .update({ data: { departmentName: cloud.db.command.remove() } })
    expect(stored()).not.toHaveProperty('departmentName')
    const [legacy] = dataOf(await patient.call<FeedbackItem[]>('feedback', 'mine'))
    expect(legacy).toMatchObject({ id, departmentName: home.name })
  })
})

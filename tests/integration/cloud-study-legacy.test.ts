import type { SessionFields } from '../../src/cloud/domain/study/repo'
import type { UserDoc } from '../../src/cloud/storage/cloudbase/identity-repo'
import { C } from '../../src/cloud/storage/cloudbase/schema'
import type { SessionDoc } from '../../src/cloud/storage/cloudbase/study-repo'
import { openCloudStandIn } from '../support/repo-adapters'

const start = new Date('2026-06-02T01:00:00.000Z')

/**
 * A study session keeps its organizer's name and its audience's label, so reading one reads no users
 * or departments. Sessions an earlier version stored have neither, and still read them from where they are.
 */
test('a session stored without its organizer name or audience label reads them as before; a new one reads only itself', async () => {
  const { db, repos, fixtures } = await openCloudStandIn()
  const [wards, clinic] = [await fixtures.department(), await fixtures.department()]
  await db.collection<UserDoc>(C.users).add({
    data: {
      _id: 'organizer',
      openid: 'openid-organizer',
      name: '王主任',
      roles: ['patient', 'staff', 'manager'],
      departmentId: wards.id,
      largeText: false,
      createdAt: start.toISOString(),
    },
  })
  const fields: SessionFields = {
    type: '业务学习',
    title: '院感防控培训',
    speaker: null,
    location: '学术报告厅',
    startAt: start,
    endAt: new Date(start.getTime() + 3_600_000),
    audience: [clinic.id, wards.id],
    creditHours: 1,
    requireCheckOut: false,
    cmeCredits: 0,
    fence: null,
    wifiBssids: [],
  }
  const organizer = { id: 'organizer', departmentId: wards.id, name: '王主任' }
  const created = await repos.study.createSession(organizer, fields, new Date(start.getTime() - 86_400_000))
  expect(created).toMatchObject({ organizerName: '王主任' })
  const reads = async (work: () => Promise<unknown>) => {
    const before = db.calls.reads
    const result = await work()
    return { result, reads: db.calls.reads - before }
  }
  const fresh = await reads(() => repos.study.findSession(created.id))
  expect(fresh).toEqual({ result: expect.objectContaining({ audienceLabel: created.audienceLabel }), reads: 1 })

  const _ = db.command
  await db
    .collection<SessionDoc>(C.studySessions)
    .doc(created.id)
    .update({ data: { organizerName: _.remove(), audienceLabel: _.remove() } })
  const stored = db.documents(C.studySessions).find((doc) => doc._id === created.id)
  expect(stored).not.toHaveProperty('organizerName')
  expect(stored).not.toHaveProperty('audienceLabel')
  const legacy = await reads(() => repos.study.findSession(created.id))
  expect(legacy).toEqual({
    result: expect.objectContaining({ organizerName: '王主任', audienceLabel: created.audienceLabel }),
    reads: 3,
  })
  expect(created.audienceLabel.split('、').sort()).toEqual([wards.name, clinic.name].sort())
})

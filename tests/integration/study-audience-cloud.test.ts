import { randomUUID } from 'node:crypto'
import type { SessionFields } from '../../src/cloud/domain/study/repo'
import type { UserDoc } from '../../src/cloud/storage/cloudbase/identity-repo'
import { C } from '../../src/cloud/storage/cloudbase/schema'
import { PART_SIZE, type PartDoc } from '../../src/cloud/storage/cloudbase/study-audience'
import { openCloudStandIn } from '../support/repo-adapters'

// The cloud database's frozen audience of a hospital-wide session: written in parts of at most 500
// people under one claimed head, and taken over only when its writer has stopped (issue 16 #3).
const start = new Date('2026-06-02T01:00:00.000Z')
const minutes = (n: number) => new Date(start.getTime() + n * 60_000)
const STAFF = 1_201

const fields: SessionFields = {
  type: '道德讲堂',
  title: '道德讲堂：身边的好医生',
  speaker: null,
  location: '学术报告厅',
  startAt: start,
  endAt: minutes(90),
  audience: 'all',
  creditHours: 1.5,
  requireCheckOut: false,
  cmeCredits: 0,
  fence: null,
  wifiBssids: [],
}

async function hospital() {
  const harness = await openCloudStandIn()
  const department = await harness.fixtures.department()
  const users = harness.db.collection<UserDoc>(C.users)
  const ids: string[] = []
  for (let i = 0; i < STAFF; i++) {
    const _id = randomUUID()
    ids.push(_id)
    await users.add({
      data: {
        _id,
        openid: `openid-${_id}`,
        name: `职工${i}`,
        roles: ['patient', 'staff'],
        departmentId: department.id,
        largeText: false,
        createdAt: minutes(-10_000).toISOString(),
      },
    })
  }
  const study = harness.repos.study
  const session = await study.createSession(
    { id: ids[0], departmentId: department.id, name: '职工0' },
    fields,
    minutes(-600),
  )
  const parts = () => harness.db.documents(C.studyAudienceParts) as unknown as PartDoc[]
  return { harness, study, session, ids, parts }
}

test('a hospital-wide audience is stored in parts of at most 500 people, exactly once', async () => {
  const { study, session, ids, parts } = await hospital()
  const freezes = await Promise.all([1, 2, 3].map(() => study.freezeAudience(session.id, minutes(-30))))
  expect(freezes.filter(Boolean)).toHaveLength(1)
  const stored = parts().filter((part) => part.sessionId === session.id)
  expect(stored.map((part) => part.userIds.length)).toEqual([PART_SIZE, PART_SIZE, STAFF - 2 * PART_SIZE])
  expect(new Set(stored.map((part) => part.writer)).size).toBe(1)
  expect(stored.flatMap((part) => part.userIds).sort()).toEqual([...ids].sort())
  expect(await study.findSession(session.id)).toMatchObject({ audienceFrozen: true })
  const attendees = await study.listAttendees(session.id)
  expect(attendees.filter((a) => a.expected)).toHaveLength(STAFF)
})

test("a head left by a writer that stopped is taken over after a minute, not before; the dead writer's parts are never read", async () => {
  const { harness, study, session, parts } = await hospital()
  const dead = randomUUID()
  await harness.db
    .collection<{ _id: string; writer: string; claimedAt: string }>(C.studyAudienceHeads)
    .add({ data: { _id: session.id, writer: dead, claimedAt: minutes(-30).toISOString() } })
  await harness.db.collection<PartDoc>(C.studyAudienceParts).add({
    data: {
      _id: `${session.id}#${dead}#0`,
      sessionId: session.id,
      writer: dead,
      index: 0,
      userIds: [],
      departmentIds: [],
    },
  })
  expect(await study.freezeAudience(session.id, new Date(minutes(-30).getTime() + 30_000))).toBe(false)
  expect(await study.findSession(session.id)).toMatchObject({ audienceFrozen: false })
  // Until it is frozen, the roster decides: everyone is expected, not the dead writer's empty part.
  expect((await study.listAttendees(session.id)).filter((a) => a.expected)).toHaveLength(STAFF)

  expect(await study.freezeAudience(session.id, minutes(-28))).toBe(true)
  const writers = new Set(
    parts()
      .filter((part) => part.userIds.length > 0)
      .map((part) => part.writer),
  )
  expect([...writers]).not.toContain(dead)
  expect(parts().filter((part) => part.writer === dead)).toEqual([])
  expect((await study.listAttendees(session.id)).filter((a) => a.expected)).toHaveLength(STAFF)
})

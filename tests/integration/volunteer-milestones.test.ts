import { milestonesReached } from '../../src/cloud/domain/volunteer/milestones'
import type { ShiftView } from '../../src/contract'
import { dataOf, errorOf } from '../support/test-host'
import { volunteerWorld } from '../support/volunteer-world'

// Milestones at 100 h and at each star level: congratulated once each, through the outbox.
const world = volunteerWorld('2033-05-06T02:00:00Z')

async function milestones(userId: string) {
  return (await world.outbox(userId))
    .filter((m) => m.template === 'volunteerMilestone')
    .map((m) => m.payload)
    .sort((a, b) => Number(a.hours) - Number(b.hours))
}

const credit = (userId: string, minutes: number, reason = '补录社区义诊') =>
  world.admin.call('volunteer', 'adjustHours', { userId, minutes, reason })

describe('milestones', () => {
  it('names the milestones reached: 100 h is 一星, then each star level', () => {
    expect(milestonesReached(5999)).toEqual([])
    expect(milestonesReached(6000)).toEqual([{ hours: 100, star: '一星' }])
    expect(milestonesReached(36_000).map((m) => m.star)).toEqual(['一星', '二星', '三星'])
    expect(milestonesReached(90_000)).toHaveLength(5)
  })

  it('congratulates crossing 99.5 h to 100.5 h once, and not again after a correction and more hours', async () => {
    const volunteer = await world.host.signIn('volunteer', 'ms-cross')
    const userId = volunteer.user.id
    dataOf(await credit(userId, 5970))
    expect(await milestones(userId)).toEqual([])
    dataOf(await credit(userId, 60))
    expect(await milestones(userId)).toEqual([{ hours: 100, star: '一星志愿者' }])
    dataOf(await credit(userId, -120, '更正重复补录'))
    dataOf(await credit(userId, 120))
    expect(await milestones(userId)).toHaveLength(1)
  })

  it('congratulates each level once when one booking jumps across two of them', async () => {
    const volunteer = await world.host.signIn('volunteer', 'ms-jump')
    const userId = volunteer.user.id
    // History imported straight into the ledger, as a migration from the old system would: 250 h, never congratulated.
    await world.host.host.store.sql.query(
      `INSERT INTO volunteer_hours (volunteer_id, kind, minutes, reason, recorded_by, at)
       VALUES ($1, 'adjustment', 15000, '历史时长导入', $2, now())`,
      [userId, world.admin.user.id],
    )
    dataOf(await credit(userId, 3000)) // 300 h
    expect(await milestones(userId)).toEqual([
      { hours: 100, star: '一星志愿者' },
      { hours: 300, star: '二星志愿者' },
    ])
  })

  it('sends one message when two bookings that cross 100 h land at once', async () => {
    for (const tag of ['a', 'b', 'c']) {
      const volunteer = await world.host.signIn('volunteer', `ms-race-${tag}`)
      const userId = volunteer.user.id
      dataOf(await credit(userId, 5970))
      const replies = await Promise.all([credit(userId, 60, '义诊活动补录'), credit(userId, 90, '健康讲座补录')])
      replies.forEach((reply) => dataOf(reply))
      expect(await milestones(userId)).toEqual([{ hours: 100, star: '一星志愿者' }])
    }
  })

  it('congratulates when the volunteer’s own shift, left open, is closed at 12 h past 100 h', async () => {
    const volunteer = await world.host.signIn('volunteer', 'ms-forgot')
    const userId = volunteer.user.id
    dataOf(await credit(userId, 5400)) // 90 h
    dataOf(await volunteer.call('volunteer', 'startShift', { station: '急诊' }))
    world.advance(13 * 60)
    expect(await milestones(userId)).toEqual([])
    dataOf(await volunteer.call('volunteer', 'open'))
    expect(await milestones(userId)).toEqual([{ hours: 100, star: '一星志愿者' }])
  })

  it('closes a shift left open past 12 h when the volunteer starts the next one, and congratulates', async () => {
    const volunteer = await world.host.signIn('volunteer', 'ms-restart')
    const userId = volunteer.user.id
    dataOf(await credit(userId, 5400)) // 90 h
    dataOf(await volunteer.call('volunteer', 'startShift', { station: '急诊' }))
    world.advance(13 * 60)
    const next = dataOf(await volunteer.call<ShiftView>('volunteer', 'startShift', { station: '门诊大厅' }))
    expect(next).toMatchObject({ station: '门诊大厅', endedAt: null })
    expect(await milestones(userId)).toEqual([{ hours: 100, star: '一星志愿者' }])
    const hours = await world.host.host.store.sql.query<{ minutes: number }>(
      `SELECT minutes FROM volunteer_hours WHERE volunteer_id = $1 AND kind = 'shift'`,
      [userId],
    )
    expect(hours).toEqual([{ minutes: 720 }])
    expect(errorOf(await volunteer.call('volunteer', 'startShift', { station: '急诊' })).code).toBe('CONFLICT')
  })

  it('congratulates on a shift that ends past 100 h', async () => {
    const volunteer = await world.host.signIn('volunteer', 'ms-shift')
    const userId = volunteer.user.id
    dataOf(await credit(userId, 5970))
    dataOf(await volunteer.call('volunteer', 'startShift', { station: '门诊大厅' }))
    world.advance(60)
    dataOf(await volunteer.call('volunteer', 'endShift'))
    expect(await milestones(userId)).toEqual([{ hours: 100, star: '一星志愿者' }])
  })
})

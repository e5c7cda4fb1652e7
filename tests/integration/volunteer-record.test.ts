import type { HallView, MyHelpRequest, RankingRow, ServiceRecord, UserView, VolunteerRecord } from '../../src/contract'
import { dataOf, errorOf, type SignedIn } from '../support/test-host'
import { volunteerWorld } from '../support/volunteer-world'

// The volunteer's record to the national standard: services, training, awards and the star level.
const world = volunteerWorld('2032-03-02T01:00:00Z')

const credit = (volunteer: SignedIn, minutes: number) =>
  world.admin.call<ServiceRecord>('volunteer', 'adjustHours', {
    userId: volunteer.user.id,
    minutes,
    reason: '补录社区义诊',
  })

const recordOf = async (volunteer: SignedIn, page?: number) =>
  dataOf(await volunteer.call<VolunteerRecord>('volunteer', 'myRecord', page === undefined ? {} : { page }))

describe('star level', () => {
  it('reaches 一星 at exactly 100 h and 二星 at exactly 300 h, on the record, the ranking and the hall', async () => {
    const volunteer = await world.host.signIn('volunteer', 'star-v')
    const starEverywhere = async () => {
      const ranking = dataOf(await volunteer.call<RankingRow[]>('volunteer', 'ranking', { year: 2032 }))
      return {
        record: (await recordOf(volunteer)).star,
        ranking: ranking.find((row) => row.userId === volunteer.user.id)?.star,
        hall: dataOf(await volunteer.call<HallView>('volunteer', 'open')).star,
      }
    }
    const same = (star: object) => ({ record: star, ranking: star, hall: star })

    dataOf(await credit(volunteer, 5970)) // 99.5 h
    expect(await starEverywhere()).toEqual(same({ level: 0, name: '未评星', hoursToNext: 0.5 }))
    dataOf(await credit(volunteer, 30)) // 100 h
    expect(await starEverywhere()).toEqual(same({ level: 1, name: '一星', hoursToNext: 200 }))
    dataOf(await credit(volunteer, 6000))
    dataOf(await credit(volunteer, 5940)) // 299 h
    expect(await starEverywhere()).toEqual(same({ level: 1, name: '一星', hoursToNext: 1 }))
    const reached = dataOf(await credit(volunteer, 60)) // 300 h
    expect(reached.star).toEqual({ level: 2, name: '二星', hoursToNext: 300 })
    expect(await starEverywhere()).toEqual(same({ level: 2, name: '二星', hoursToNext: 300 }))
    // A correction that takes hours away takes the star with it.
    dataOf(await credit(volunteer, -1))
    expect((await recordOf(volunteer)).star).toEqual({ level: 1, name: '一星', hoursToNext: 0.1 })
  })
})

describe('the service list', () => {
  it('lists each service newest first, twenty to a page, with place, content, hours, rating and who confirmed it', async () => {
    world.advance(60)
    const volunteer = await world.host.signIn('volunteer', 'list-v')
    dataOf(await volunteer.call('volunteer', 'startShift', { station: '急诊' }))
    const patient = await world.host.signIn('patient', 'list-p')
    const request = dataOf(
      await patient.call<MyHelpRequest>('volunteer', 'request', {
        need: '轮椅协助',
        from: '急诊大厅',
        to: world.departmentId,
        people: 1,
      }),
    )
    dataOf(await volunteer.call('volunteer', 'claim', { requestId: request.id }))
    world.advance(18)
    dataOf(await volunteer.call('volunteer', 'complete', { requestId: request.id }))
    dataOf(await patient.call('volunteer', 'rate', { requestId: request.id, stars: 5 }))
    world.advance(42)
    dataOf(await volunteer.call('volunteer', 'endShift'))
    for (let i = 0; i < 20; i++) {
      world.advance(60)
      dataOf(await credit(volunteer, 30))
    }

    const first = await recordOf(volunteer)
    expect(first).toMatchObject({ page: 1, pageSize: 20, serviceCount: 22, servedAllTime: 1 })
    expect(first.services).toHaveLength(20)
    expect(first.services[0]).toEqual({
      kind: 'adjustment',
      at: expect.any(String),
      place: '—',
      content: '补录社区义诊',
      minutes: 30,
      countsHours: true,
      rating: null,
      confirmedBy: `管理员 ${dataOf(await world.admin.call<UserView>('identity', 'me')).name}补录`,
    })
    // The world.host clock runs on from the last step: the newest service is the last adjustment.
    expect(Date.parse(first.services[0].at)).toBeGreaterThanOrEqual(world.now.getTime())
    const ats = first.services.map((s) => s.at)
    expect(ats).toEqual([...ats].sort().reverse())

    const second = await recordOf(volunteer, 2)
    expect(second.services.map((s) => [s.kind, s.place, s.content, s.minutes, s.countsHours, s.rating])).toEqual([
      ['shift', '急诊', '院内导诊值班', 60, true, null],
      ['request', '急诊大厅', '轮椅协助，陪同至骨科', 18, false, 5],
    ])
    expect(second.services.map((s) => s.confirmedBy)).toEqual(['系统记录（上岗、下岗打卡）', '患者确认完成'])
    expect((await recordOf(volunteer, 3)).services).toEqual([])
    // The shift's 60 minutes and the adjustments count; the request's 18 are inside the shift.
    expect(first.minutesAllTime).toBe(60 + 20 * 30)

    const bad = await volunteer.call('volunteer', 'myRecord', { page: 0 })
    expect(errorOf(bad).fields?.map((f) => f.path)).toEqual(['page'])
  })
})

describe('training and awards', () => {
  it('lets an administrator add training and awards, which the volunteer sees in their record', async () => {
    const volunteer = await world.host.signIn('volunteer', 'sections-v')
    const add = (data: object) =>
      world.admin.call('volunteer', 'addRecordSection', { userId: volunteer.user.id, ...data })
    dataOf(await add({ section: 'award', title: '优秀志愿者', date: '2031-12-28', detail: '2031年度' }))
    dataOf(await add({ section: 'training', title: '服务礼仪培训', date: '2031-03-01' }))
    dataOf(await add({ section: 'training', title: '急救知识培训', date: '2031-06-15', detail: '红十字会' }))

    const record = await recordOf(volunteer)
    expect(record.training).toEqual([
      { title: '服务礼仪培训', date: '2031-03-01', detail: '' },
      { title: '急救知识培训', date: '2031-06-15', detail: '红十字会' },
    ])
    expect(record.awards).toEqual([{ title: '优秀志愿者', date: '2031-12-28', detail: '2031年度' }])

    const badDate = await add({ section: 'award', title: '优秀志愿者', date: '2031-02-30' })
    expect(errorOf(badDate).fields?.map((f) => f.path)).toEqual(['date'])
    const patient = await world.host.signIn('patient', 'sections-p')
    const notVolunteer = await world.admin.call('volunteer', 'addRecordSection', {
      userId: patient.user.id,
      section: 'training',
      title: '服务礼仪培训',
      date: '2031-03-01',
    })
    expect(errorOf(notVolunteer).code).toBe('NOT_FOUND')
    expect((await recordOf(await world.host.signIn('volunteer', 'sections-other'))).training).toEqual([])
  })
})

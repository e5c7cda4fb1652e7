import { EXCELLENT_RULE_TEXT, type ExcellentList, type ExcellentShortlist } from '../../src/contract'
import { dataOf, errorOf, type SignedIn, startTestHost, type TestHost } from '../support/test-host'
import { claimedRequest, departments, type Departments } from '../support/world'

// The yearly 优秀志愿者 list: shortlisted by the rule shown with it, published once by an administrator.
let host: TestHost
let admin: SignedIn
let where: Departments

beforeAll(async () => {
  host = await startTestHost()
  host.setClock(new Date('2034-06-01T02:00:00Z'))
  admin = await host.signIn('admin')
  where = await departments(admin)
})
afterAll(async () => {
  await host.close()
})

/** A volunteer with `served` completed requests, each rated `stars` (or not), and `minutes` credited. */
async function volunteerWith(id: string, served: number, minutes: number, stars: number | null) {
  let volunteer: SignedIn | null = null
  for (let i = 0; i < served; i++) {
    const { patient, volunteer: v, requestId } = await claimedRequest(host, id, where.home, true)
    if (stars !== null) dataOf(await patient.call('volunteer', 'rate', { requestId, stars }))
    volunteer = v
  }
  if (!volunteer) throw new Error('no volunteer')
  for (let left = minutes; left > 0; left -= 6000) {
    const chunk = Math.min(left, 6000)
    dataOf(
      await admin.call('volunteer', 'adjustHours', {
        userId: volunteer.user.id,
        minutes: chunk,
        reason: '补录义诊服务',
      }),
    )
  }
  return volunteer.user.id
}

describe('优秀志愿者', () => {
  let first: string
  let second: string
  let fewServices: string

  beforeAll(async () => {
    first = await volunteerWith('ex-first', 5, 12_000, null) // 200 h, unrated: not held back
    second = await volunteerWith('ex-second', 6, 2100, 5) // 35 h
    fewServices = await volunteerWith('ex-few', 4, 12_000, 5)
    await volunteerWith('ex-low-rating', 5, 2400, 3)
    await volunteerWith('ex-short', 5, 1770, 5) // 29.5 h
  })

  it('shortlists by hours, services and rating, in the order the rule gives, with the rule beside it', async () => {
    const shortlist = dataOf(await admin.call<ExcellentShortlist>('volunteer', 'excellentShortlist', { year: 2034 }))
    expect(shortlist.rule).toBe(EXCELLENT_RULE_TEXT)
    expect(shortlist.rule).toContain('30 小时')
    expect(shortlist.candidates.map((c) => c.userId)).toEqual([first, second])
    expect(shortlist.candidates[1]).toMatchObject({ minutes: 2100, services: 6, averageRating: 5 })
    expect(shortlist.published).toBeNull()
    const nextYear = await admin.call('volunteer', 'excellentShortlist', { year: 2035 })
    expect(errorOf(nextYear).code).toBe('INVALID_INPUT')
  })

  it('publishes once, audited; the same list again is the same answer, another is CONFLICT; everyone sees it', async () => {
    const patient = await host.signIn('patient', 'ex-viewer')
    const before = dataOf(await patient.call<ExcellentList>('volunteer', 'excellent'))
    expect(before).toEqual({ year: 2034, rule: EXCELLENT_RULE_TEXT, published: null })

    const outside = await admin.call('volunteer', 'publishExcellent', { year: 2034, userIds: [first, fewServices] })
    expect(errorOf(outside)).toMatchObject({ code: 'INVALID_INPUT', fields: [{ path: 'userIds' }] })

    const published = dataOf(
      await admin.call<ExcellentList>('volunteer', 'publishExcellent', { year: 2034, userIds: [second, first] }),
    )
    expect(published.published?.volunteers.map((v) => v.userId)).toEqual([first, second])
    const again = dataOf(
      await admin.call<ExcellentList>('volunteer', 'publishExcellent', { year: 2034, userIds: [first, second] }),
    )
    expect(again).toEqual(published)
    const changed = await admin.call('volunteer', 'publishExcellent', { year: 2034, userIds: [first] })
    expect(errorOf(changed).code).toBe('CONFLICT')

    const audits = await host.host.store.sql.query<{ details: { userIds: string[] } }>(
      `SELECT details FROM audit_log WHERE fn = 'volunteer' AND action = 'publishExcellent' AND target = 'excellent:2034'`,
    )
    expect(audits.map((a) => a.details.userIds)).toEqual([[first, second]])

    expect(dataOf(await patient.call<ExcellentList>('volunteer', 'excellent'))).toEqual(published)
    expect(dataOf(await patient.call<ExcellentList>('volunteer', 'excellent', { year: 2034 }))).toEqual(published)
    const shortlist = dataOf(await admin.call<ExcellentShortlist>('volunteer', 'excellentShortlist', { year: 2034 }))
    expect(shortlist.published).toEqual(published.published)
  })
})

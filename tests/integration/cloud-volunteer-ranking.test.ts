import type { RankingRow } from '../../src/contract'
import type { HoursDoc } from '../../src/cloud/storage/cloudbase/volunteer-repo-docs'
import { C } from '../../src/cloud/storage/cloudbase/schema'
import { openCloudActions } from '../support/cloud-actions'
import { dataOf } from '../support/test-host'

/**
 * The year's ranking on the cloud database costs the same round trips at 20 ledger rows as at 2,520:
 * the database adds the hours up per volunteer, where reading the rows took one more round trip per
 * thousand. The rows past the API's bookings are written straight into the stand-in, as a busy year
 * of shifts would leave them.
 */
test('the ranking costs the same round trips whatever the hours booked, and counts every row', async () => {
  const cloud = await openCloudActions()
  const admin = await cloud.signIn('admin', 'rank-admin')
  const [a, b] = [await cloud.signIn('volunteer', 'rank-a'), await cloud.signIn('volunteer', 'rank-b')]
  for (let i = 0; i < 20; i++) {
    const booking = { userId: (i % 2 ? b : a).user.id, minutes: 30, reason: '补录线下服务时长' }
    dataOf(await admin.call('volunteer', 'adjustHours', booking, `rank-hours-${i}`))
  }
  const year = new Date().getFullYear()
  const ranking = async () => {
    let rows: RankingRow[] = []
    const cost = await cloud.measure(async () => {
      rows = dataOf(await a.call<RankingRow[]>('volunteer', 'ranking', { year }))
    })
    return { cost: cost.roundTrips, minutes: new Map(rows.map((row) => [row.userId, row.minutes])) }
  }
  const few = await ranking()
  expect(few.minutes.get(a.user.id)).toBe(300)

  const [booked] = cloud.db.documents(C.hours) as unknown as HoursDoc[]
  const ledger = cloud.db.collection<HoursDoc>(C.hours)
  for (let i = 0; i < 2500; i++) {
    await ledger.add({ data: { ...booked, _id: `busy-year-${i}`, volunteerId: a.user.id, minutes: 1 } })
  }
  const many = await ranking()
  expect(many.minutes.get(a.user.id)).toBe(300 + 2500)
  expect(many.minutes.get(b.user.id)).toBe(300)
  expect(many.cost).toBe(few.cost)
})

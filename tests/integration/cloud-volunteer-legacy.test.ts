import type { Doc, Value } from '../../src/cloud/storage/cloudbase/db'
import { C } from '../../src/cloud/storage/cloudbase/schema'
import { openCloudStandIn } from '../support/repo-adapters'

/** A document as an earlier version wrote it, so with fields today's types no longer describe. */
type OldDoc = Doc & Record<string, Value>

const start = new Date('2026-03-02T01:00:00.000Z')
const hours = (n: number) => new Date(start.getTime() + n * 3600_000)

/**
 * Before a volunteer's open-shift marker held the shift, a start wrote the shift to `shifts` with
 * `endedAt: null` and a marker naming it: such a shift, still open when this version is deployed,
 * is found, ended, swept and booked as before.
 */
describe('volunteer shifts opened by an earlier version, on the cloud database', () => {
  async function olderOpenShift(volunteerId: string) {
    const { db, repos } = await openCloudStandIn()
    const shiftId = `legacy-${volunteerId}`
    await db.collection<OldDoc>(C.shifts).add({
      data: {
        _id: shiftId,
        volunteerId,
        station: '急诊',
        startedAt: start.toISOString(),
        endedAt: null,
        autoClosed: false,
      },
    })
    await db.collection<OldDoc>(C.openShifts).add({ data: { _id: volunteerId, shiftId } })
    return { db, volunteer: repos.volunteer, shiftId }
  }

  test('is found, blocks a second start, and ends booked', async () => {
    const { volunteer, shiftId } = await olderOpenShift('v-older')
    expect(await volunteer.findOpenShift('v-older')).toEqual({
      id: shiftId,
      station: '急诊',
      startedAt: start.toISOString(),
      endedAt: null,
      autoClosed: false,
      minutesAllTime: null,
    })
    expect(await volunteer.listOnShift(hours(1))).toEqual(['v-older'])
    expect(await volunteer.startShift('v-older', '门诊大厅', hours(1))).toBeNull()
    expect(await volunteer.endShift('v-older', hours(2))).toMatchObject({
      id: shiftId,
      minutes: 120,
      autoClosed: false,
    })
    expect(await volunteer.minutesAllTime('v-older')).toBe(120)
    expect(await volunteer.findOpenShift('v-older')).toBeNull()
    expect(await volunteer.startShift('v-older', '门诊大厅', hours(3))).toMatchObject({ station: '门诊大厅' })
    expect(await volunteer.findOpenShift('v-older')).toMatchObject({ station: '门诊大厅', minutesAllTime: 120 })
  })

  test('left open, is closed by the sweep at exactly 12 hours and flagged', async () => {
    const { db, volunteer, shiftId } = await olderOpenShift('v-forgot')
    expect(await volunteer.closeOverdueShifts(hours(11), null)).toBe(0)
    expect(await volunteer.closeOverdueShifts(hours(13), null)).toBe(1)
    expect(await volunteer.closeOverdueShifts(hours(14), null)).toBe(0)
    expect(db.documents(C.shifts)).toEqual([
      expect.objectContaining({ _id: shiftId, endedAt: hours(12).toISOString(), autoClosed: true }),
    ])
    expect(db.documents(C.openShifts)).toEqual([])
    expect(await volunteer.minutesAllTime('v-forgot')).toBe(720)
  })
})

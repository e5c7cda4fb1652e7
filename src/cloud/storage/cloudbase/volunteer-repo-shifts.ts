import { randomUUID } from 'node:crypto'
import { MAX_SHIFT_HOURS, type OnShiftVolunteer, type ShiftView } from '../../../contract'
import { HOUR_MS, MINUTE_MS } from '../../../contract/month'
import type { VolunteerShiftMethods } from '../../domain/volunteer/repo'
import { addOnce, byIds, readAll, type CloudDb } from './db'
import { C } from './schema'
import { volunteerNames, type HoursDoc, type OpenShiftDoc, type RequestDoc, type ShiftDoc } from './volunteer-repo-docs'

const SHIFT_MS = MAX_SHIFT_HOURS * HOUR_MS

const toShift = (doc: ShiftDoc): ShiftView => ({
  id: doc._id,
  station: doc.station,
  startedAt: doc.startedAt,
  endedAt: doc.endedAt,
  autoClosed: doc.autoClosed,
})

const shiftHours = (shift: ShiftDoc, endedAt: string): HoursDoc => ({
  _id: `shift:${shift._id}`,
  volunteerId: shift.volunteerId,
  kind: 'shift',
  minutes: Math.round((Date.parse(endedAt) - Date.parse(shift.startedAt)) / MINUTE_MS),
  shiftId: shift._id,
  reason: null,
  recordedBy: null,
  at: endedAt,
})

/**
 * The open shift its marker holds; `null` for a marker written before markers held their shift
 * (that shift is then a document of its own in `shifts`, with `endedAt: null`).
 */
function heldShift(marker: OpenShiftDoc): ShiftDoc | null {
  if (marker.station === undefined || marker.startedAt === undefined) return null
  const { shiftId, station, startedAt } = marker
  return { _id: shiftId, volunteerId: marker._id, station, startedAt, endedAt: null, autoClosed: false }
}

type Ending = (shift: ShiftDoc) => { endedAt: string; autoClosed: boolean }

/** The volunteer's booked minutes all time, summed from the hours ledger. */
export async function ledgerMinutes(db: CloudDb, volunteerId: string): Promise<number> {
  const rows = await readAll(db.collection<HoursDoc>(C.hours).where({ volunteerId }))
  return rows.reduce((total, row) => total + row.minutes, 0)
}

/**
 * After a booking while the volunteer may be on shift (an adjustment, an approved report): the open
 * shift's marker keeps their all-time minutes for the hall's star. Only a marker that keeps them (a
 * number: a range matches no marker without it) is moved; without a marker nothing is.
 */
export async function keepMinutesOnShift(db: CloudDb, volunteerId: string, minutes: number): Promise<void> {
  await db
    .collection<OpenShiftDoc>(C.openShifts)
    .where({ _id: volunteerId, minutesAllTime: db.command.gt(-Number.MAX_SAFE_INTEGER) })
    .update({ data: { minutesAllTime: db.command.inc(minutes) } })
}

/**
 * Shifts. An open shift lives on the volunteer's one marker (`_id` = the volunteer), so starting
 * one is a single `add` that a second start cannot repeat; it is written to `shifts` when it closes,
 * in the transaction that removes the marker and books its hours.
 */
export function createVolunteerShifts(db: CloudDb): VolunteerShiftMethods {
  const markers = () => db.collection<OpenShiftDoc>(C.openShifts)
  const shifts = () => db.collection<ShiftDoc>(C.shifts)

  const stillOpen = (shift: ShiftDoc | null | undefined) => (shift && shift.endedAt === null ? shift : null)

  /** Every open shift: one read of the markers (one per volunteer on duty), and of older markers' shifts if any. */
  async function allOpen(): Promise<ShiftDoc[]> {
    const all = await readAll(markers())
    const older = await byIds<ShiftDoc>(
      db,
      C.shifts,
      all.filter((marker) => !heldShift(marker)).map((marker) => marker.shiftId),
    )
    return all.flatMap((marker) => stillOpen(heldShift(marker) ?? older.get(marker.shiftId)) ?? [])
  }

  async function openOf(volunteerId: string): Promise<ShiftDoc | null> {
    const { data: marker } = await markers().doc(volunteerId).get()
    if (!marker) return null
    return heldShift(marker) ?? stillOpen((await shifts().doc(marker.shiftId).get()).data)
  }

  /**
   * Closes the volunteer's open shift (only `shiftId` when given) and books it, in one transaction;
   * `null` when it was closed meanwhile.
   */
  const closeShift = (volunteerId: string, shiftId: string | null, end: Ending) =>
    db.runTransaction(async (tx) => {
      const markerRef = tx.collection<OpenShiftDoc>(C.openShifts).doc(volunteerId)
      const { data: marker } = await markerRef.get()
      if (!marker || (shiftId !== null && marker.shiftId !== shiftId)) return null
      const shiftRef = tx.collection<ShiftDoc>(C.shifts).doc(marker.shiftId)
      const shift = heldShift(marker) ?? stillOpen((await shiftRef.get()).data)
      if (!shift) return null
      const { _id, ...closed } = { ...shift, ...end(shift) }
      await shiftRef.set({ data: closed })
      await markerRef.remove()
      const hours = shiftHours(shift, closed.endedAt)
      await tx.collection<HoursDoc>(C.hours).add({ data: hours })
      return { ...toShift({ _id, ...closed }), minutes: hours.minutes }
    })

  const onDuty = async (now: Date) => {
    const since = now.getTime() - SHIFT_MS
    return (await allOpen()).filter((shift) => Date.parse(shift.startedAt) > since)
  }

  return {
    async closeOverdueShifts(now, volunteerId) {
      const open = volunteerId ? [await openOf(volunteerId)].flatMap((shift) => shift ?? []) : await allOpen()
      let closed = 0
      for (const shift of open) {
        const endsAt = Date.parse(shift.startedAt) + SHIFT_MS
        if (endsAt > now.getTime()) continue
        const endedAt = new Date(endsAt).toISOString()
        if (await closeShift(shift.volunteerId, shift._id, () => ({ endedAt, autoClosed: true }))) closed++
      }
      return closed
    },

    async startShift(volunteerId, station, at) {
      const shiftId = randomUUID()
      const startedAt = at.toISOString()
      const minutesAllTime = await ledgerMinutes(db, volunteerId)
      if (!(await addOnce(markers(), { _id: volunteerId, shiftId, station, startedAt, minutesAllTime }))) return null
      return { id: shiftId, station, startedAt, endedAt: null, autoClosed: false }
    },

    async endShift(volunteerId, at) {
      // A shift ended after its 12 hours counts 12 hours and is flagged, as the sweep would have done.
      return closeShift(volunteerId, null, (shift) => {
        const started = Date.parse(shift.startedAt)
        const ended = Math.max(started, Math.min(at.getTime(), started + SHIFT_MS))
        return { endedAt: new Date(ended).toISOString(), autoClosed: at.getTime() > started + SHIFT_MS }
      })
    },

    async findOpenShift(volunteerId) {
      const { data: marker } = await markers().doc(volunteerId).get()
      if (!marker) return null
      const held = heldShift(marker)
      if (held) return { ...toShift(held), minutesAllTime: marker.minutesAllTime ?? null }
      const older = stillOpen((await shifts().doc(marker.shiftId).get()).data)
      return older ? { ...toShift(older), minutesAllTime: null } : null
    },

    async listOnShift(now) {
      return (await onDuty(now)).map((shift) => shift.volunteerId)
    },

    async listOnShiftVolunteers(now): Promise<OnShiftVolunteer[]> {
      const open = await onDuty(now)
      const ids = open.map((shift) => shift.volunteerId)
      const name = await volunteerNames(db, ids)
      const serving = ids.length
        ? await readAll(
            db.collection<RequestDoc>(C.helpRequests).where({ status: 'claimed', volunteerId: db.command.in(ids) }),
          )
        : []
      return open.map((shift) => ({
        userId: shift.volunteerId,
        ...name(shift.volunteerId),
        station: shift.station,
        serving: serving.filter((r) => r.volunteerId === shift.volunteerId).length,
      }))
    },

    async listAutoClosedShifts(since) {
      const { data } = await shifts()
        .where({ autoClosed: true, endedAt: db.command.gte(since.toISOString()) })
        .orderBy('endedAt', 'desc')
        .limit(100)
        .get()
      const name = await volunteerNames(
        db,
        data.map((doc) => doc.volunteerId),
      )
      return data.map((doc) => ({ ...toShift(doc), volunteerName: name(doc.volunteerId).name }))
    },
  }
}

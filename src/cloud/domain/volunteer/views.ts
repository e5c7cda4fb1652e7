import { CARE_NEEDS, type DeskRequest, type MyHelpRequest, type OpenHelpRequest } from '../../../contract'
import { isEscalated, maskName, minutesSince, nextStep } from './dispatch'
import type { HelpRecord } from './repo'

/** The patient's own request; `queuePosition` is their place in the dispatch order while waiting. */
export function toMyRequest(record: HelpRecord, now: Date, queuePosition: number | null): MyHelpRequest {
  const waiting = record.status === 'waiting'
  return {
    id: record.id,
    need: record.need,
    from: record.from,
    toDepartment: record.toDepartment,
    note: record.note,
    people: record.people,
    status: record.status,
    createdAt: record.createdAt,
    queuePosition: waiting ? queuePosition : null,
    waitingMinutes: waiting ? minutesSince(record.createdAt, now) : 0,
    volunteer: record.volunteer,
    rating: record.rating,
    nextStep: nextStep(record, now),
  }
}

function requestView(record: HelpRecord, now: Date, patientName: string): OpenHelpRequest {
  return {
    id: record.id,
    need: record.need,
    from: record.from,
    toDepartment: record.toDepartment,
    note: record.note,
    people: record.people,
    status: record.status,
    patientName,
    assigned: record.assigned,
    careNeeded: CARE_NEEDS.includes(record.need),
    waitingMinutes: record.status === 'waiting' ? minutesSince(record.createdAt, now) : 0,
    escalated: isEscalated(record, now),
    claimedAt: record.claimedAt,
  }
}

/** What a volunteer sees: the patient's surname only. */
export const toOpen = (record: HelpRecord, now: Date): OpenHelpRequest =>
  requestView(record, now, maskName(record.patientName))

/** What the service desk sees: the full name, to call the patient out at the desk. */
export function toDesk(record: HelpRecord, now: Date): DeskRequest {
  return {
    ...requestView(record, now, record.patientName || '患者'),
    volunteerName: record.volunteer?.name ?? null,
    minutesSinceClaim: record.claimedAt ? minutesSince(record.claimedAt, now) : null,
  }
}

import { CARE_NEEDS, type DeskRequest, type MyHelpRequest, type OpenHelpRequest } from '../../../contract'
import { isEscalated, maskName, minutesSince, nextStep } from './dispatch'
import type { HelpRecord } from './repo'

/** What every view of a request shows: the request itself, and how long it has waited so far. */
function requestBasics(record: HelpRecord, now: Date) {
  return {
    id: record.id,
    need: record.need,
    from: record.from,
    toDepartment: record.toDepartment,
    note: record.note,
    people: record.people,
    status: record.status,
    waitingMinutes: record.status === 'waiting' ? minutesSince(record.createdAt, now) : 0,
  }
}

/** The patient's own request; `queuePosition` is their place in the dispatch order while waiting. */
export function toMyRequest(record: HelpRecord, now: Date, queuePosition: number | null): MyHelpRequest {
  return {
    ...requestBasics(record, now),
    createdAt: record.createdAt,
    queuePosition: record.status === 'waiting' ? queuePosition : null,
    volunteer: record.volunteer,
    rating: record.rating,
    nextStep: nextStep(record, now),
  }
}

/** A request as those who serve it see it, with the patient named as `patientName`. */
function requestView(record: HelpRecord, now: Date, patientName: string): OpenHelpRequest {
  return {
    ...requestBasics(record, now),
    patientName,
    assigned: record.assigned,
    careNeeded: CARE_NEEDS.includes(record.need),
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

import type { HelpRecord } from '../../domain/volunteer/repo'
import { byIds, type CloudDb } from './db'
import type { DepartmentDoc, UserDoc } from './identity-repo'
import { C } from './schema'
import { approvedProfiles, namedBy, type RatingDoc, type RequestDoc } from './volunteer-repo-docs'

/**
 * Names the requests' people with one read of the accounts (patients and volunteers together) and,
 * when a volunteer is named, one of their registrations; departments only for requests stored
 * before their name was kept on them, ratings only when a request is completed.
 */
export async function helpRecords(db: CloudDb, docs: RequestDoc[]): Promise<HelpRecord[]> {
  const volunteerIds = docs.map((d) => d.volunteerId)
  const [people, profiles, departments, ratings] = await Promise.all([
    byIds<UserDoc>(db, C.users, [...docs.map((d) => d.patientId), ...volunteerIds]),
    approvedProfiles(db, volunteerIds),
    byIds<DepartmentDoc>(
      db,
      C.departments,
      docs.filter((d) => d.toDepartmentName === undefined).map((d) => d.toDepartmentId),
    ),
    byIds<RatingDoc>(
      db,
      C.ratings,
      docs.filter((d) => d.status === 'completed').map((d) => d._id),
    ),
  ])
  const volunteer = namedBy(people, profiles)
  return docs.map((doc) => {
    const rating = ratings.get(doc._id)
    return {
      id: doc._id,
      patientId: doc.patientId,
      patientName: people.get(doc.patientId)?.name ?? '',
      need: doc.need,
      from: doc.from,
      toDepartment: doc.toDepartmentName ?? departments.get(doc.toDepartmentId)?.name ?? '',
      note: doc.note,
      people: doc.people,
      status: doc.status,
      volunteerId: doc.volunteerId,
      volunteer: doc.volunteerId ? volunteer(doc.volunteerId) : null,
      createdAt: doc.createdAt,
      claimedAt: doc.claimedAt,
      assigned: Boolean(doc.assignedBy),
      rating: rating ? { stars: rating.stars, comment: rating.comment } : null,
    }
  })
}

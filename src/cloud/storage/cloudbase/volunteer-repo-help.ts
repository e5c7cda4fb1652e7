import type { HelpRecord } from '../../domain/volunteer/repo'
import { byIds, type CloudDb } from './db'
import type { DepartmentDoc, UserDoc } from './identity-repo'
import { C } from './schema'
import { approvedProfiles, namedBy, type RatingDoc, type RequestDoc } from './volunteer-repo-docs'

/**
 * Patients, departments and volunteers are named on the request as it is made and claimed; only
 * requests stored before their names were kept on them (or claimed without a name) read the
 * accounts, the registrations and the departments, each in one read. Ratings only when completed.
 */
export async function helpRecords(db: CloudDb, docs: RequestDoc[]): Promise<HelpRecord[]> {
  const volunteerIds = docs.filter((d) => typeof d.volunteerName !== 'string').map((d) => d.volunteerId)
  const unnamedPatients = docs.filter((d) => d.patientName === undefined).map((d) => d.patientId)
  const [people, profiles, departments, ratings] = await Promise.all([
    byIds<UserDoc>(db, C.users, [...unnamedPatients, ...volunteerIds]),
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
      patientName: doc.patientName ?? people.get(doc.patientId)?.name ?? '',
      need: doc.need,
      from: doc.from,
      toDepartment: doc.toDepartmentName ?? departments.get(doc.toDepartmentId)?.name ?? '',
      note: doc.note,
      people: doc.people,
      status: doc.status,
      volunteerId: doc.volunteerId,
      volunteer: !doc.volunteerId
        ? null
        : typeof doc.volunteerName === 'string'
          ? { name: doc.volunteerName, team: doc.volunteerTeam ?? null }
          : volunteer(doc.volunteerId),
      createdAt: doc.createdAt,
      claimedAt: doc.claimedAt,
      assigned: Boolean(doc.assignedBy),
      rating: rating ? { stars: rating.stars, comment: rating.comment } : null,
    }
  })
}

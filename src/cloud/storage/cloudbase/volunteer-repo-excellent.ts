import type { ExcellentVolunteer } from '../../../contract'
import type { VolunteerExcellentMethods } from '../../domain/volunteer/repo'
import { addOnce, type CloudDb, type Doc } from './db'
import { C } from './schema'

/** A published 优秀志愿者 list; `_id` is the year, so a year has one. */
export interface ExcellentListDoc extends Doc {
  year: number
  volunteers: ExcellentVolunteer[]
  publishedBy: string
  publishedAt: string
}

const toList = (doc: ExcellentListDoc) => ({ year: doc.year, volunteers: doc.volunteers, publishedAt: doc.publishedAt })

/** The published lists: the document id on the year keeps the first. */
export function createVolunteerExcellent(db: CloudDb): VolunteerExcellentMethods {
  const lists = () => db.collection<ExcellentListDoc>(C.excellentLists)
  const find = async (year: number | null) => {
    if (year !== null) {
      const { data } = await lists().doc(String(year)).get()
      return data ? toList(data) : null
    }
    const { data } = await lists().orderBy('year', 'desc').limit(1).get()
    return data[0] ? toList(data[0]) : null
  }
  return {
    async publishExcellent(year, list, publishedBy) {
      const created = await addOnce(lists(), { _id: String(year), year, publishedBy, ...list })
      const found = await find(year)
      if (!found) throw new Error('published list missing')
      return { publication: { publishedAt: found.publishedAt, volunteers: found.volunteers }, created }
    },
    findExcellent: find,
  }
}

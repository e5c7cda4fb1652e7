import type { ExcellentVolunteer } from '../../../contract'
import type { VolunteerExcellentMethods } from '../../domain/volunteer/repo'
import { iso, type Sql } from './sql'

interface ListRow {
  year: number
  volunteers: ExcellentVolunteer[]
  publishedAt: Date
}

const toList = (row: ListRow) => ({
  year: row.year,
  volunteers: row.volunteers,
  publishedAt: iso(row.publishedAt) ?? '',
})

/** The published 优秀志愿者 lists: the primary key on the year keeps the first. */
export function createVolunteerExcellent(sql: Sql): VolunteerExcellentMethods {
  const find = async (year: number | null) => {
    const [row] = await sql.query<ListRow>(
      `SELECT year, volunteers, published_at AS "publishedAt" FROM volunteer_excellent_lists
       WHERE $1::int IS NULL OR year = $1 ORDER BY year DESC LIMIT 1`,
      [year],
    )
    return row ? toList(row) : null
  }
  return {
    async publishExcellent(year, list, publishedBy) {
      const inserted = await sql.query(
        `INSERT INTO volunteer_excellent_lists (year, volunteers, published_by, published_at)
         VALUES ($1, $2::jsonb, $3, $4) ON CONFLICT (year) DO NOTHING RETURNING 1`,
        [year, JSON.stringify(list.volunteers), publishedBy, list.publishedAt],
      )
      const found = await find(year)
      if (!found) throw new Error('published list missing')
      return {
        publication: { publishedAt: found.publishedAt, volunteers: found.volunteers },
        created: inserted.length > 0,
      }
    },
    findExcellent: find,
  }
}

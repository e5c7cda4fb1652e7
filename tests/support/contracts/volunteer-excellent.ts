import { randomUUID } from 'node:crypto'
import type { ExcellentVolunteer } from '../../../src/contract'
import type { RepoHarness } from '../repo-adapters'

const at = new Date('2042-01-05T02:00:00.000Z')

const entry = (name: string, minutes: number): ExcellentVolunteer => ({
  userId: randomUUID(),
  name,
  team: '青年',
  minutes,
  services: 6,
  averageRating: 4.8,
})

/** The published 优秀志愿者 lists: one per year, the first publication kept whatever the races. */
export function volunteerExcellentContract(harness: () => RepoHarness): void {
  describe('volunteer excellent list', () => {
    const volunteer = () => harness().repos.volunteer

    it('keeps the first list of a year when ten publications race, and finds a year or the latest', async () => {
      const lists = Array.from({ length: 10 }, (_, i) => [entry(`候选${i}`, 3000 + i), entry(`同列${i}`, 2000)])
      const results = await Promise.all(
        lists.map((volunteers) =>
          volunteer().publishExcellent(2041, { publishedAt: at.toISOString(), volunteers }, randomUUID()),
        ),
      )
      expect(results.filter((r) => r.created)).toHaveLength(1)
      const winner = results.find((r) => r.created)!.publication
      expect(lists).toContainEqual(winner.volunteers)
      for (const result of results) expect(result.publication).toEqual(winner)
      expect(await volunteer().findExcellent(2041)).toEqual({ year: 2041, ...winner })

      expect(await volunteer().findExcellent(2040)).toBeNull()
      const later = {
        publishedAt: new Date(at.getTime() + 86_400_000).toISOString(),
        volunteers: [entry('后一年', 4000)],
      }
      expect(await volunteer().publishExcellent(2042, later, randomUUID())).toEqual({
        publication: later,
        created: true,
      })
      expect(await volunteer().findExcellent(null)).toEqual({ year: 2042, ...later })
    })
  })
}

import { shortlist } from '../../../../src/cloud/domain/volunteer/excellent'

const row = (userId: string, hours: number, served: number, averageRating: number | null) => ({
  userId,
  name: userId,
  team: null,
  minutes: hours * 60,
  served,
  averageRating,
})

describe('the 优秀志愿者 rule', () => {
  it('keeps those at or above 30 h, 5 services and a 4.5 rating; nobody is held back for having no rating', () => {
    const rows = [
      row('at-bar', 30, 5, 4.5),
      row('unrated', 40, 5, null),
      row('short', 29.9, 9, 5),
      row('few', 80, 4, 5),
      row('low', 80, 9, 4.49),
    ]
    expect(shortlist(rows).map((c) => c.userId)).toEqual(['unrated', 'at-bar'])
  })

  it('orders by hours, then services, then rating, and keeps ten', () => {
    const rows = [
      row('c', 50, 6, 4.6),
      row('a', 50, 7, 4.6),
      row('b', 50, 6, 4.9),
      row('top', 90, 5, 4.5),
      ...Array.from({ length: 10 }, (_, i) => row(`tail-${i}`, 31, 5, 5)),
    ]
    const ids = shortlist(rows).map((c) => c.userId)
    expect(ids.slice(0, 4)).toEqual(['top', 'a', 'b', 'c'])
    expect(ids).toHaveLength(10)
  })

  it('names services and rounds the rating to two places', () => {
    expect(shortlist([row('x', 30, 5, 4.666666)])[0]).toEqual({
      userId: 'x',
      name: 'x',
      team: null,
      minutes: 1800,
      services: 5,
      averageRating: 4.67,
    })
  })
})

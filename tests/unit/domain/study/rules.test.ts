import {
  attendeeStatus,
  audienceFrozenBy,
  checkOutWindow,
  creditEarned,
  defaultRequireCheckOut,
  expects,
  latestFrozenStart,
  missedCheckOut,
  rateOf,
  sumCredits,
} from '../../../../src/cloud/domain/study/rules'

const start = '2026-04-07T01:00:00.000Z'
const at = (minutes: number) => new Date(Date.parse(start) + minutes * 60_000).toISOString()
const terms = (requireCheckOut: boolean, credit = 3) => ({ startAt: start, endAt: at(180), credit, requireCheckOut })

describe('who is expected', () => {
  const nurse = { departmentId: 'icu', partyMember: false }
  const member = { departmentId: 'er', partyMember: true }
  it('follows the audience: everyone, party members, or the listed departments', () => {
    expect([expects('all', nurse), expects('party', nurse), expects('party', member)]).toEqual([true, false, true])
    expect([expects(['icu', 'ward'], nurse), expects(['ward'], nurse)]).toEqual([true, false])
    expect(expects(['icu'], { departmentId: null, partyMember: true })).toBe(false)
    expect(expects('all', undefined)).toBe(false)
  })
})

describe('when who is expected is frozen', () => {
  it('is when the check-in window opens, 30 minutes before the start, and not a moment before', () => {
    const startAt = new Date(start)
    expect(audienceFrozenBy(startAt, new Date(at(-31)))).toBe(false)
    expect(audienceFrozenBy(startAt, new Date(at(-30)))).toBe(true)
    expect(audienceFrozenBy(startAt, new Date(at(600)))).toBe(true)
  })
  it('covers every session starting up to 30 minutes from now, the same instant as the window', () => {
    const now = new Date(at(-30))
    expect(latestFrozenStart(now).toISOString()).toBe(start)
    expect(audienceFrozenBy(latestFrozenStart(now), now)).toBe(true)
    expect(audienceFrozenBy(new Date(latestFrozenStart(now).getTime() + 1), now)).toBe(false)
  })
})

describe('签退', () => {
  it('is required by default only for sessions over two hours', () => {
    expect(defaultRequireCheckOut(new Date(start), new Date(at(120)))).toBe(false)
    expect(defaultRequireCheckOut(new Date(start), new Date(at(121)))).toBe(true)
  })

  it('opens at the start and closes 30 minutes after the end', () => {
    expect(checkOutWindow(new Date(start), new Date(at(180)))).toEqual({ from: new Date(start), to: new Date(at(210)) })
  })
})

describe('credit earned', () => {
  it('is nothing without a check-in', () => {
    expect(creditEarned(terms(false), null)).toBe(0)
    expect(creditEarned(terms(true), null)).toBe(0)
  })

  it('is the whole credit for a check-in where 签退 is not required, however early one leaves', () => {
    expect(creditEarned(terms(false), { checkedInAt: at(20), checkedOutAt: null })).toBe(3)
    expect(creditEarned(terms(false), { checkedInAt: at(0), checkedOutAt: at(30) })).toBe(3)
  })

  it('is nothing without 签退 where it is required: skipping check-out no longer pays', () => {
    expect(creditEarned(terms(true), { checkedInAt: at(0), checkedOutAt: null })).toBe(0)
  })

  it('pro-rates an early check-out from the later of check-in and start, to tenths', () => {
    expect(creditEarned(terms(true), { checkedInAt: at(-20), checkedOutAt: at(90) })).toBe(1.5)
    expect(creditEarned(terms(true), { checkedInAt: at(30), checkedOutAt: at(90) })).toBe(1)
    expect(creditEarned(terms(true, 1), { checkedInAt: at(0), checkedOutAt: at(10) })).toBe(0.1)
    expect(creditEarned(terms(true), { checkedInAt: at(0), checkedOutAt: at(0) })).toBe(0)
  })

  it('is the whole credit for a check-out at or after the end', () => {
    expect(creditEarned(terms(true), { checkedInAt: at(15), checkedOutAt: at(180) })).toBe(3)
    expect(creditEarned(terms(true), { checkedInAt: at(0), checkedOutAt: at(200) })).toBe(3)
  })

  it('sums in tenths without binary fractions', () => {
    expect(sumCredits([0.1, 0.2])).toBe(0.3)
    expect(sumCredits([])).toBe(0)
  })
})

describe('未签退', () => {
  const stay = { checkedInAt: at(0), checkedOutAt: null }
  it('shows once the check-out window closed without one, only where 签退 is required', () => {
    expect(missedCheckOut(terms(true), stay, new Date(at(210)))).toBe(false)
    expect(missedCheckOut(terms(true), stay, new Date(at(211)))).toBe(true)
    expect(missedCheckOut(terms(false), stay, new Date(at(300)))).toBe(false)
    expect(missedCheckOut(terms(true), { ...stay, checkedOutAt: at(100) }, new Date(at(300)))).toBe(false)
    expect(missedCheckOut(terms(true), null, new Date(at(300)))).toBe(false)
  })
})

describe('status and rate', () => {
  it('tells present, late, excused and missing apart', () => {
    expect(attendeeStatus({ late: false }, true)).toBe('present')
    expect(attendeeStatus({ late: true }, false)).toBe('late')
    expect(attendeeStatus(null, true)).toBe('excused')
    expect(attendeeStatus(null, false)).toBe('missing')
  })

  it('rates attended over those due, excused left out, to three places', () => {
    expect(rateOf({ expected: 4, attended: 1, excused: 1 }).rate).toBe(0.333)
    expect(rateOf({ expected: 2, attended: 0, excused: 2 }).rate).toBeNull()
  })
})

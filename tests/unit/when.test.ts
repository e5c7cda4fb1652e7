import { formatClock, formatDate, formatDateTime, formatMonth } from '../../src/contract/when'

describe('the one date and time format', () => {
  it('writes a moment in China time, whatever the device zone', () => {
    // 18:00 UTC on the 26th is 02:00 on the 27th in Beijing: never "2026/11/26 18:00:00".
    expect(formatDateTime('2026-11-26T18:00:00Z')).toBe('11月27日 02:00')
    expect(formatDate('2026-11-26T18:00:00Z')).toBe('2026年11月27日')
    expect(formatClock('2026-11-26T18:05:00Z')).toBe('02:05')
    expect(formatDateTime(new Date('2026-03-02T01:30:00Z'))).toBe('3月2日 09:30')
  })

  it('reads a plain day as the China day it names', () => {
    expect(formatDate('2026-11-27')).toBe('2026年11月27日')
    expect(formatDate('2026-01-05')).toBe('2026年1月5日')
  })

  it('writes a month without a leading zero', () => {
    expect(formatMonth('2026-03')).toBe('2026年3月')
    expect(formatMonth('2026-11')).toBe('2026年11月')
  })
})

import { chinaDay, chinaTime, chinaTimeSpan, formatHours, fromChinaTime } from '../../src/contract/month'

test('a China-time clock and date read the same from an instant or its ISO text, across midnight UTC', () => {
  expect(chinaTime('2026-03-01T16:05:00.000Z')).toBe('00:05')
  expect(chinaTime(new Date('2026-03-01T16:05:00.000Z'))).toBe('00:05')
  expect(chinaDay(new Date('2026-03-01T16:05:00.000Z'))).toBe('2026-03-02')
  expect(chinaTime('2026-03-02T01:30:00.000Z')).toBe('09:30')
})

test('a China-time date and clock name one instant, and read back unchanged', () => {
  expect(fromChinaTime('2026-03-02', '09:30')).toBe('2026-03-02T01:30:00.000Z')
  expect(fromChinaTime('2026-03-02', '00:15')).toBe('2026-03-01T16:15:00.000Z')
  const at = fromChinaTime('2026-12-31', '23:59')
  expect([chinaDay(new Date(at)), chinaTime(at)]).toEqual(['2026-12-31', '23:59'])
})

test('a session span reads 月/日 and both clocks in China time', () => {
  expect(chinaTimeSpan('2026-03-02T01:30:00.000Z', '2026-03-02T02:30:00.000Z')).toBe('3月2日 09:30–10:30')
  // 23:00 UTC on 1 March is already 2 March in China.
  expect(chinaTimeSpan('2026-03-01T23:00:00.000Z', '2026-03-02T00:00:00.000Z')).toBe('3月2日 07:00–08:00')
})

test('service time reads in hours to a tenth', () => {
  expect(formatHours(750)).toBe('12.5 小时')
  expect(formatHours(20)).toBe('0.3 小时')
  expect(formatHours(0)).toBe('0.0 小时')
})

import { toCsv } from '../../src/cloud/core/csv'

test('writes a BOM, quotes what needs quoting and defuses formulas', () => {
  const csv = toCsv(
    ['科室', '意见'],
    [
      ['心内科', '态度很好, "非常"耐心'],
      ['骨科', '=HYPERLINK("x")'],
      ['儿科', null],
      ['眼科', -3],
    ],
  )
  expect(csv.startsWith('\uFEFF科室,意见\r\n')).toBe(true)
  expect(csv).toContain('心内科,"态度很好, ""非常""耐心"\r\n')
  expect(csv).toContain(`骨科,"'=HYPERLINK(""x"")"\r\n`)
  expect(csv).toContain('儿科,\r\n')
  expect(csv).toContain('眼科,-3\r\n')
})

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

describe('neutralises every cell a spreadsheet would read as a formula', () => {
  const cellOf = (value: string) => toCsv(['意见'], [[value]]).split('\r\n')[1]

  test.each([
    ['=', '=1+1', "'=1+1"],
    ['+', '+1+1', "'+1+1"],
    ['-', '-1+1', "'-1+1"],
    ['@', '@SUM(A1)', "'@SUM(A1)"],
    ['a tab', '\t=1+1', "'\t=1+1"],
    ['a carriage return', '\r=1+1', `"'\r=1+1"`],
    ['a full-width ＝', '＝1+1', "'＝1+1"],
    ['a full-width ＋', '＋1+1', "'＋1+1"],
    ['a full-width －', '－1+1', "'－1+1"],
    ['a full-width ＠', '＠SUM(A1)', "'＠SUM(A1)"],
  ])('a cell starting with %s', (_name, value, written) => {
    expect(cellOf(value)).toBe(written)
  })

  test('leaves other text and numbers alone', () => {
    expect(cellOf('态度很好=满意')).toBe('态度很好=满意')
    expect(toCsv(['分'], [[-3]]).split('\r\n')[1]).toBe('-3')
  })
})

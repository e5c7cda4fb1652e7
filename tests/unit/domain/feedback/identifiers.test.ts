import { identifierKind, MASK, maskIdentifiers } from '../../../../src/cloud/domain/feedback/identifiers'

describe('phone and ID-card numbers in a praise', () => {
  it.each([
    ['我的电话13912345678，谢谢', 'phone'],
    ['电话139 1234 5678。', 'phone'],
    ['电话139-1234-5678。', 'phone'],
    ['手机+86 139 1234 5678', 'phone'],
    ['全角１３９１２３４５６７８也算', 'phone'],
    ['科室座机0571-87654321', 'phone'],
    ['身份证110101199003071234', 'idCard'],
    ['身份证11010119900307123X号', 'idCard'],
    ['身份证 1101 0119 9003 0712 34', 'idCard'],
    ['老身份证110101900307123', 'idCard'],
  ])('masks the number in "%s"', (text, kind) => {
    const masked = maskIdentifiers(text)
    expect(masked.found).toEqual([kind])
    expect(masked.text).toContain(MASK)
    expect(masked.text).not.toMatch(/[0-9０-９]{4}/)
  })

  it('keeps the rest of the sentence as written', () => {
    expect(maskIdentifiers('2026-06-01 护士很耐心，我的电话139 1234 5678。').text).toBe(
      '2026-06-01 护士很耐心，我的电话****。',
    )
    expect(maskIdentifiers('张护士，身份证110101199003071234，谢谢您').text).toBe('张护士，身份证****，谢谢您')
  })

  it('masks a local number only when the words before it say it is one', () => {
    expect(maskIdentifiers('有事打电话 8765 4321').found).toEqual(['phone'])
    expect(maskIdentifiers('住在12床，等了20260601这天').found).toEqual([])
  })

  it('leaves dates, beds, counts and times alone', () => {
    const text = '6月1日住院，3床，2026-06-01 出院，前后12天，10:30复查，体温37.5度'
    expect(maskIdentifiers(text)).toEqual({ text, found: [] })
  })

  it('masks a number glued to a date rather than let it through', () => {
    const masked = maskIdentifiers('2026-06-01 13912345678')
    expect(masked.found).toEqual(['phone'])
    expect(masked.text).not.toContain('1234')
  })

  it('finds both kinds in one text', () => {
    expect(maskIdentifiers('电话13912345678，身份证110101199003071234').found.sort()).toEqual(['idCard', 'phone'])
  })

  it('tells a harmless run from a number', () => {
    expect(identifierKind('12')).toBeNull()
    expect(identifierKind('20260601')).toBeNull()
    expect(identifierKind('13912345678')).toBe('phone')
    expect(identifierKind('110101199003071234')).toBe('idCard')
  })
})

import type { CsvExport, MyHelpRequest } from '../../src/contract'
import { parseCsv } from '../../src/cloud/core/csv'
import { dataOf, errorOf, type SignedIn } from '../support/test-host'
import { volunteerWorld } from '../support/volunteer-world'

// The national volunteer record as CSV: the volunteer's own, and every volunteer's for the upload.
const HEADER = [
  '姓名',
  '联系电话',
  '服务队',
  '记录类别',
  '日期',
  '服务类型',
  '服务地点',
  '内容',
  '服务时长（小时）',
  '评价',
  '确认人',
]
const world = volunteerWorld('2033-04-07T01:00:00Z')

async function approvedVolunteer(id: string, name: string, phone: string) {
  const person = await world.host.signIn('patient', id)
  const form = { name, phone, team: '青年', skills: ['轮椅协助'], availability: '周末' }
  dataOf(await person.call('volunteer', 'register', form))
  dataOf(await world.admin.call('volunteer', 'approve', { userId: person.user.id }))
  return person
}

/** The CSV as a spreadsheet reads it: header, then one object per line. */
function table(exported: CsvExport) {
  expect(exported.csv.startsWith('\uFEFF')).toBe(true)
  expect(exported.filename).toMatch(/\.csv$/)
  const [header, ...rows] = parseCsv(exported.csv).map((record) => record.cells)
  expect(header).toEqual(HEADER)
  return rows.map((cells) => Object.fromEntries(HEADER.map((name, i) => [name, cells[i]])))
}

describe('national record export', () => {
  let chen: SignedIn
  let zhou: SignedIn

  beforeAll(async () => {
    chen = await approvedVolunteer('nr-chen', '陈志远', '13800001111')
    zhou = await approvedVolunteer('nr-zhou', '周=公式', '13800002222')
    // 陈: a shift with one guidance request in it, an adjustment, training and an award.
    dataOf(await chen.call('volunteer', 'startShift', { station: '门诊大厅' }))
    const patient = await world.host.signIn('patient', 'nr-patient')
    const request = dataOf(
      await patient.call<MyHelpRequest>('volunteer', 'request', {
        need: '轮椅协助',
        from: '门诊大厅',
        to: world.departmentId,
        people: 1,
      }),
    )
    dataOf(await chen.call('volunteer', 'claim', { requestId: request.id }))
    world.advance(25)
    dataOf(await chen.call('volunteer', 'complete', { requestId: request.id }))
    dataOf(await patient.call('volunteer', 'rate', { requestId: request.id, stars: 5 }))
    world.advance(95)
    dataOf(await chen.call('volunteer', 'endShift'))
    const userId = chen.user.id
    dataOf(await world.admin.call('volunteer', 'adjustHours', { userId, minutes: 90, reason: '补录社区义诊' }))
    const section = { userId, date: '2033-03-01', detail: '院内组织' }
    dataOf(
      await world.admin.call('volunteer', 'addRecordSection', { ...section, section: 'training', title: '急救培训' }),
    )
    dataOf(await world.admin.call('volunteer', 'addRecordSection', { ...section, section: 'award', title: '月度之星' }))
    // 周: one adjustment whose reason a spreadsheet would run as a formula.
    const formula = { userId: zhou.user.id, minutes: 60, reason: '=HYPERLINK("http://x")' }
    dataOf(await world.admin.call('volunteer', 'adjustHours', formula))
  })

  it('gives a volunteer their own record in every section, and nobody else’s', async () => {
    const rows = table(dataOf(await chen.call<CsvExport>('volunteer', 'exportMyRecord')))
    expect(rows.map((row) => row['记录类别'])).toEqual(['基本信息', '服务', '服务', '服务', '培训', '表彰', '评价'])
    expect(new Set(rows.map((row) => row['姓名']))).toEqual(new Set(['陈志远']))
    expect(rows[0]).toMatchObject({ 联系电话: '13800001111', 服务队: '青年', 日期: '2033-04-07' })

    const services = rows.filter((row) => row['记录类别'] === '服务')
    expect(services.map((row) => row['服务类型'])).toEqual(['导诊服务', '院内值班', '时长补录'])
    expect(services[0]).toMatchObject({ 服务地点: '门诊大厅', 评价: '患者评分 5 星', '服务时长（小时）': '' })
    expect(services[0]['内容']).toContain('用时 25 分钟')
    expect(services[1]).toMatchObject({ '服务时长（小时）': '2.0', 服务地点: '门诊大厅' })
    expect(services[2]).toMatchObject({ '服务时长（小时）': '1.5', 内容: '补录社区义诊' })
    // The hours column adds up to the recorded hours: a request's time is inside its shift.
    const hours = services.reduce((sum, row) => sum + Number(row['服务时长（小时）'] || 0), 0)
    expect(hours).toBeCloseTo(3.5)
    expect(rows[4]).toMatchObject({ 日期: '2033-03-01', 内容: '急救培训：院内组织' })
    expect(rows[5]['内容']).toBe('月度之星：院内组织')
    expect(rows[6]['内容']).toBe('未评星，累计服务 3.5 小时')
    expect(rows[6]['评价']).toBe('患者平均评分 5（1 次）')

    const zhouRows = table(dataOf(await zhou.call<CsvExport>('volunteer', 'exportMyRecord')))
    expect(zhouRows.map((row) => row['记录类别'])).toEqual(['基本信息', '服务', '评价'])
    expect(JSON.stringify(zhouRows)).not.toMatch(/陈志远|13800001111|社区义诊/)
  })

  it('gives the administrator one line per service of the year, for every volunteer, with formulas defused', async () => {
    const rows = table(dataOf(await world.admin.call<CsvExport>('volunteer', 'exportNationalRecords', { year: 2033 })))
    expect(new Set(rows.map((row) => row['记录类别']))).toEqual(new Set(['服务']))
    const chenRows = rows.filter((row) => row['姓名'] === '陈志远')
    expect(chenRows.map((row) => row['服务类型'])).toEqual(['导诊服务', '院内值班', '时长补录'])
    const zhouRows = rows.filter((row) => row['联系电话'] === '13800002222')
    expect(zhouRows).toHaveLength(1)
    expect(zhouRows[0]['姓名']).toBe('周=公式')
    expect(zhouRows[0]['内容']).toBe(`'=HYPERLINK("http://x")`)

    const lastYear = table(
      dataOf(await world.admin.call<CsvExport>('volunteer', 'exportNationalRecords', { year: 2032 })),
    )
    expect(lastYear.filter((row) => ['陈志远', '周=公式'].includes(row['姓名']))).toEqual([])
  })

  it('is the administrator’s alone to export everyone, and a volunteer’s alone to export their own', async () => {
    expect(errorOf(await chen.call('volunteer', 'exportNationalRecords', { year: 2033 })).code).toBe('FORBIDDEN')
    expect(errorOf(await world.admin.call('volunteer', 'exportMyRecord')).code).toBe('FORBIDDEN')
    expect(errorOf(await world.admin.call('volunteer', 'exportNationalRecords', { year: 1999 })).code).toBe(
      'INVALID_INPUT',
    )
  })
})

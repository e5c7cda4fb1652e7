import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import type { ExcellentList } from '../../src/contract'
import { chinaYear } from '../../src/contract/month'
import { setUpH5Session } from '../support/browser'
import { dataOf } from '../support/test-host'
import { departments, excellentCandidate } from '../support/world'

const h5 = setUpH5Session()

const visible = (page: Page) => page.locator('.rx-page:visible')

test('a volunteer downloads their own record in the national record’s fields, as CSV with a BOM', async () => {
  const admin = await h5.host.signIn('admin', 'e2e-nr-admin')
  const person = await h5.host.signIn('patient', 'e2e-nr-v')
  const form = { name: '郑志愿', phone: '13912340000', team: '青年', skills: [], availability: '周末' }
  dataOf(await person.call('volunteer', 'register', form))
  dataOf(await admin.call('volunteer', 'approve', { userId: person.user.id }))
  dataOf(await admin.call('volunteer', 'adjustHours', { userId: person.user.id, minutes: 90, reason: '社区义诊补录' }))

  const page = await h5.signedInPage(person.token)
  await page.goto(`${h5.host.url}/#/pages/volunteer/record/index`)
  const button = visible(page).getByText('导出我的志愿服务记录（CSV，全国志愿服务信息系统字段）')
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()])
  expect(download.suggestedFilename()).toMatch(/^志愿服务记录-郑志愿-.*\.csv$/)
  const csv = readFileSync(await download.path(), 'utf8')
  expect(csv.startsWith('\uFEFF姓名,联系电话,服务队,记录类别')).toBe(true)
  const lines = csv.trim().split('\r\n')
  expect(lines.map((line) => line.split(',')[3])).toEqual(['记录类别', '基本信息', '服务', '评价'])
  expect(lines[2]).toContain('社区义诊补录')
})

test('the administrator publishes the year’s 优秀志愿者 from the shortlist, and the hall shows them', async () => {
  const admin = await h5.host.signIn('admin', 'e2e-ex-admin')
  const where = await departments(admin)
  const candidate = await excellentCandidate(h5.host, admin, 'e2e-ex', where.home)
  const year = chinaYear(new Date())

  const adminPage = await h5.signedInPage(admin.token)
  await adminPage.goto(`${h5.host.url}/#/pages/volunteer/admin/index`)
  await visible(adminPage).getByText('评选规则：', { exact: false }).first().waitFor()
  await visible(adminPage)
    .getByText(new RegExp(`^发布 ${year} 年优秀志愿者名单（\\d+ 人）$`))
    .click()
  await visible(adminPage).getByText('已发布 ·', { exact: false }).waitFor()

  const published = dataOf(await admin.call<ExcellentList>('volunteer', 'excellent', { year }))
  const listed = published.published?.volunteers.find((v) => v.userId === candidate.user.id)
  expect(listed).toBeDefined()

  const page = await h5.signedInPage(candidate.token)
  await page.goto(`${h5.host.url}/#/pages/volunteer/hall/index`)
  const card = visible(page).locator('.rx-card', { hasText: `${year} 年优秀志愿者` })
  await card.getByText('200.0 小时 · 5 次 · 暂无评分', { exact: false }).first().waitFor()
  await card.getByText('评选规则：', { exact: false }).waitFor()
})

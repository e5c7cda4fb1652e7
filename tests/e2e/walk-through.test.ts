import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { setUpH5Session } from '../support/browser'
import { consentToTreatmentText, dataOf } from '../support/test-host'

/** What issue 15's walk-through found, checked as the people who use each page, at 375×812. */
const h5 = setUpH5Session()
/** Screenshots to look at by eye; the gallery in docs/ is `npm run screenshots`. */
const SHOTS = process.env.WALK_THROUGH_SHOTS ?? resolve(tmpdir(), 'renxin-walk-through')

const visible = (page: Page) => page.locator('.rx-page:visible')

async function phone(token: string, route: string): Promise<Page> {
  const page = await h5.pageAs(token, route)
  await page.setViewportSize({ width: 375, height: 812 })
  return page
}

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: resolve(SHOTS, `${name}.png`) })
}

/** Nothing on the page is wider than the screen. */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)

test('a complaint names each missing field next to it, scrolls there, and clears a mark once it is edited', async () => {
  const patient = await consentToTreatmentText(await h5.host.signIn('patient', 'e2e-walk-form'))
  const page = await phone(patient.token, '/pages/feedback/submit/index')
  await visible(page).getByText('我要投诉', { exact: true }).click()
  await visible(page).locator('textarea').fill('候诊两个多小时无人解释，询问时态度生硬。')
  await visible(page).getByText('提交投诉', { exact: true }).click()

  const department = visible(page).locator('.rx-field', { hasText: '科室' }).first()
  await department.getByText('请选择科室', { exact: true }).waitFor()
  expect(await visible(page).getByText('编号格式不正确').count()).toBe(0)
  const categories = visible(page).locator('.rx-field', { hasText: '遇到的问题' })
  await categories.getByText('请至少选择一个类别').waitFor()
  await shot(page, 'complaint-errors')

  await department.getByText('心内科', { exact: true }).click()
  await expectGone(department.getByText('请选择科室', { exact: true }))
  await categories.getByText('请至少选择一个类别').waitFor()
})

test('暖语手册 fits the screen, searches as one types, and groups the list by scene', async () => {
  const staff = await h5.host.signIn('staff', 'e2e-walk-phrases')
  const page = await phone(staff.token, '/pages/feedback/phrases/index')
  const search = visible(page).locator('.fb-search__input input')
  await search.waitFor()
  await visible(page).locator('.fb-scene-title').first().waitFor()
  const box = await visible(page).locator('.fb-search__input').boundingBox()
  expect(box?.width).toBeGreaterThan(250)
  expect(await overflow(page)).toBeLessThanOrEqual(0)
  const all = await visible(page).locator('.fb-kind').count()
  const scenes = await visible(page).locator('.fb-scene-title').count()
  expect(scenes).toBeGreaterThan(3)

  await search.pressSequentially('排队', { delay: 50 })
  await expectFewer(page, all)
  await shot(page, 'phrases-search')
  for (const text of await visible(page).locator('.rx-card:has(.fb-kind)').allInnerTexts()) expect(text).toContain('排')
})

test('H5 shows a title bar with a back button on a page opened from a tab', async () => {
  const patient = await h5.host.signIn('patient', 'e2e-walk-nav')
  const page = await phone(patient.token, '/pages/tabs/care/index')
  await visible(page).getByText('我的表扬与投诉', { exact: true }).click()
  await visible(page).getByText('去表扬/投诉', { exact: true }).waitFor()
  const bar = page.locator('#taro-navigation-bar')
  await bar.getByText('我的表扬与投诉', { exact: true }).waitFor()
  const back = bar.locator('.taro-navigation-bar-back')
  expect(await back.isVisible()).toBe(true)
  await shot(page, 'mine-empty-with-title-bar')
  await back.click()
  await visible(page).getByText('您好，欢迎来到仁心服务').waitFor()
})

test('服务明星评选 in 大字模式: names, labels and scores never break mid-word', async () => {
  // Last month (the page's default) gets an approved praise naming the longest-named member of staff.
  const now = new Date()
  h5.host.setClock(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15, 3)))
  const [member] = await h5.host.host.store.sql.query<{ employeeNo: string; departmentId: string }>(
    `SELECT employee_no AS "employeeNo", department_id AS "departmentId" FROM staff_roster
     ORDER BY char_length(name) DESC, employee_no LIMIT 1`,
  )
  const patient = await consentToTreatmentText(await h5.host.signIn('patient', 'e2e-walk-stars-patient'))
  const admin = await h5.host.signIn('admin', 'e2e-walk-stars')
  const praise = dataOf(
    await patient.call<{ id: string }>('feedback', 'submit', {
      kind: 'praise',
      departmentId: member.departmentId,
      staff: { employeeNo: member.employeeNo },
      categories: ['耐心解释'],
      text: '医生把检查结果一项项讲给我听，非常耐心，谢谢。',
      anonymous: false,
    }),
  )
  dataOf(await admin.call('feedback', 'approvePraise', { id: praise.id }))
  h5.host.setClock(null)
  // Signed in again at today's time: the token from last month has run out.
  const viewer = await h5.host.signIn('admin', 'e2e-walk-stars')
  dataOf(await viewer.call('identity', 'setPrefs', { largeText: true }))
  const page = await phone(viewer.token, '/pages/feedback/stars/index')
  await visible(page).getByRole('note', { name: '计分规则' }).waitFor()
  await shot(page, 'stars-large-text')
  const rows = visible(page).locator('.star-row')
  await rows.first().waitFor()
  expect(await overflow(page)).toBeLessThanOrEqual(0)
  const broken = await visible(page)
    .locator('.star-row__name, .star-row__label, .star-row__score, .star-row__part, .star-formula__term')
    .evaluateAll((nodes) =>
      nodes
        .filter((node) => {
          const range = document.createRange()
          range.selectNodeContents(node)
          const lines = new Set(Array.from(range.getClientRects(), (rect) => Math.round(rect.top)))
          return lines.size > 1
        })
        .map((node) => node.textContent),
    )
  expect(broken).toEqual([])
  await shot(page, 'stars-large-text')
})

async function expectGone(locator: ReturnType<Page['locator']>) {
  await locator.waitFor({ state: 'detached' })
}

async function expectFewer(page: Page, than: number) {
  for (let i = 0; i < 50; i++) {
    const now = await visible(page).locator('.fb-kind').count()
    if (now > 0 && now < than) return
    await page.waitForTimeout(100)
  }
  throw new Error(`the list did not narrow as the person typed (still ${than})`)
}

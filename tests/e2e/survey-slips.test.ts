import type { Page } from 'playwright-core'
import { setUpH5Session } from '../support/browser'
import { chinaDate, VISIT_HEADER } from '../support/survey'

const h5 = setUpH5Session()

const SHORT_CODE = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$/

/** Counts calls to the browser's print dialog instead of opening it. */
async function catchPrint(page: Page) {
  await page.evaluate(() => {
    const counted = window as unknown as { printed: number }
    counted.printed = 0
    window.print = () => void counted.printed++
  })
}
const printed = (page: Page) => page.evaluate(() => (window as unknown as { printed: number }).printed)

test('an admin imports visits, sees the refused line, and prints one slip per visit on A4; a single slip too', async () => {
  const admin = await h5.host.signIn('admin', 'e2e-slips-admin')
  const page = await h5.pageAs(admin.token, '/pages/survey/visits/index')
  const today = chinaDate(new Date())
  const csv = [
    VISIT_HEADER,
    `SLIP-1,门诊,眼科,${today},张医生`,
    `SLIP-2,门诊,眼科,${today},`,
    `SLIP-3,住院,骨科,${today},`,
    `SLIP-4,门诊,没有的科,${today},`,
  ].join('\n')
  await page.locator('.visits-csv textarea').fill(csv)
  await page.getByText('导入', { exact: true }).click()
  const summary = page.getByLabel('导入结果')
  await summary.getByText('新增 3 条').waitFor()
  await summary.getByText('第5行：没有名为“没有的科”的科室').waitFor()
  await page.getByText('待打印凭条 3 张').waitFor()

  const slips = page.locator('.slip')
  expect(await slips.count()).toBe(3)
  await page.locator('.slip__qr[src^="data:image/png;base64,"]').nth(2).waitFor({ state: 'attached' })
  for (const code of await page.locator('.slip__code').allInnerTexts()) expect(code).toMatch(SHORT_CODE)
  expect(await slips.allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('骨科 · 住院')]))
  expect((await slips.allInnerTexts()).join('')).not.toContain('张医生')
  await page.screenshot({ path: 'test-results/survey-slips.png', fullPage: true })

  await catchPrint(page)
  await page.getByText('打印评价码（A4，每页8张）').click()
  expect(await printed(page)).toBe(1)
  // What the print dialog would print: the slips, and none of the controls.
  await page.emulateMedia({ media: 'print' })
  expect(await page.locator('.visits-controls').isVisible()).toBe(false)
  expect(await slips.first().isVisible()).toBe(true)
  await page.emulateMedia({ media: 'screen' })

  await page.getByText('清空', { exact: true }).click()
  expect(await slips.count()).toBe(0)
  await page.locator('input[placeholder="如 MZ20261130001"]').fill('SLIP-2')
  await page.getByText('生成这一张', { exact: true }).click()
  await page.getByText('待打印凭条 1 张').waitFor()
  await page.locator('.slip__qr[src^="data:image/png;base64,"]').waitFor({ state: 'attached' })
  expect(await slips.count()).toBe(1)
  await catchPrint(page)
  await page.getByText('打印评价码（A4，每页8张）').click()
  expect(await printed(page)).toBe(1)
})

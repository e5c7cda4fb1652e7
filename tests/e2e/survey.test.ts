import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import type { Board, VisitCode } from '../../src/contract'
import { setUpH5Session } from '../support/browser'
import { departmentsByName, importVisits, submitScore } from '../support/survey'
import { dataOf } from '../support/test-host'

const h5 = setUpH5Session()

const DEPARTMENT = '骨科'
/** Enough earlier answers for the department-month to show a rate rather than 样本不足. */
const EARLIER = 30

async function pageAs(token: string, path: string): Promise<Page> {
  const page = await h5.pageAs(token, `/pages/survey/${path}/index`)
  return page
}

const choose = (page: Page, item: string, label: string) =>
  page.getByRole('radiogroup', { name: item, exact: true }).getByRole('radio', { name: label, exact: true }).click()

const codeInput = (page: Page) => page.locator('.code-entry__input input')

const departmentRow = (page: Page) => page.locator('.rx-page:visible').getByLabel(DEPARTMENT, { exact: true })

test('a patient types the short code, answers and leaves a number; the manager calls only the one who consented', async () => {
  const admin = await h5.host.signIn('admin')
  const department = (await departmentsByName(admin)).get(DEPARTMENT)
  if (!department) throw new Error(`no ${DEPARTMENT}`)
  const codes = await importVisits(admin, 'E2E-SV', DEPARTMENT, EARLIER + 2)
  for (let i = 0; i < EARLIER; i++) dataOf(await submitScore(h5.host, codes[i], `e2e-sv-${i}`, 5))
  const { shortCode } = dataOf(await admin.call<VisitCode>('survey', 'visitCode', { visitId: `E2E-SV-${EARLIER}` }))
  // Typed as a patient copies it from paper: lower case, with the hyphen printed on the slip.
  const typed = `${shortCode.slice(0, 4).toLowerCase()}-${shortCode.slice(4)}`

  const manager = await h5.host.signIn('manager', 'e2e-sv-manager', department.id)
  const board = await pageAs(manager.token, 'board')
  await departmentRow(board).getByText('100.0%').waitFor()
  dataOf(await submitScore(h5.host, codes[EARLIER + 1], 'e2e-sv-anonymous', 1))

  const patient = await h5.host.signIn('patient', 'e2e-sv-patient')
  const page = await pageAs(patient.token, 'rate')
  await codeInput(page).fill(typed)
  await page.getByText('开始评价', { exact: true }).click()
  await page.getByText('门诊患者满意度调查').waitFor()

  const items = await page
    .getByRole('radiogroup')
    .evaluateAll((groups) => groups.map((g) => g.getAttribute('aria-label') ?? ''))
  const callBack = items.find((label) => label.startsWith('如果这次就医')) ?? ''
  const scaleItems = items.filter((label) => !label.startsWith('您是否愿意') && label !== callBack)
  expect(scaleItems).toHaveLength(11)
  for (const item of scaleItems) {
    if (item === '总体满意度') continue
    await choose(page, item, item === '候诊时间' ? '非常不满意' : '满意')
  }
  await choose(page, items.find((label) => label.startsWith('您是否愿意')) ?? '', '6')
  await page.getByText('同意并填写', { exact: true }).click()
  await page.locator('taro-textarea-core textarea').fill('候诊时间太长')
  await page.getByText('6 / 500').waitFor()
  await page.getByLabel('答题进度').getByText('已答 10 / 11 题').waitFor()
  await choose(page, callBack, '愿意接受回访')
  await page.getByText('这份评价对本科室负责人和医院管理员不再匿名').waitFor()
  await page.locator('input[placeholder="11位手机号"]').fill('13912345678')

  // Sent with 总体满意度 unanswered: the server names it and the page marks it.
  await page.getByText('提交评价', { exact: true }).click()
  await page.locator('.sv-question--missing').getByText('请为“总体满意度”打分').waitFor()
  await choose(page, '总体满意度', '不满意')
  await page.getByLabel('答题进度').getByText('已答 11 / 11 题').waitFor()
  await page.getByText('提交评价', { exact: true }).click()
  await page.getByText('感谢您的评价！').waitFor()
  await page.getByText('您反映的问题已转给科室负责人').waitFor()

  await page.getByText('评价另一次就诊', { exact: true }).click()
  await codeInput(page).fill(shortCode)
  await page.getByText('开始评价', { exact: true }).click()
  await page.getByRole('alert').getByText('本次就诊已评价').first().waitFor()

  const alerts = await pageAs(manager.token, 'alerts')
  const anonymous = alerts.locator('.alert-card', { hasText: '匿名评价，未留联系方式' })
  await anonymous.getByText('跟进', { exact: true }).click()
  const offered = anonymous.getByRole('radiogroup', { name: '跟进方式' }).getByRole('radio')
  expect(await offered.allInnerTexts()).toEqual(['已解释说明', '已改进流程'])

  const card = alerts.locator('.alert-card', { hasText: '候诊时间太长' })
  await card.getByText(`${DEPARTMENT} · 门诊`).waitFor()
  await card.getByText('患者同意回访：').waitFor()
  await card.getByText('13912345678').waitFor()
  const lowItems = card.locator('.alert-card__low')
  await lowItems.getByText('候诊时间（1分）').waitFor()
  await lowItems.getByText('总体满意度（2分）').waitFor()

  await card.getByText('跟进', { exact: true }).click()
  await card.getByText('记录跟进', { exact: true }).click()
  await card.getByText('请选择跟进方式').waitFor()
  await choose(alerts, '跟进方式', '已电话回访')
  await card.locator('taro-textarea-core textarea').fill('已致电患者，说明候诊安排并致歉')
  await card.getByText('记录跟进', { exact: true }).click()
  await card.locator('.alert-history').getByText('已电话回访 — 已致电患者，说明候诊安排并致歉').waitFor()
  await card.getByText('处理完毕，关闭', { exact: true }).click()
  await card.waitFor({ state: 'detached' })
  await alerts.getByRole('tab', { name: '已关闭' }).click()
  await alerts.locator('.alert-card', { hasText: '候诊时间太长' }).getByText('已关闭', { exact: true }).waitFor()

  const dashboard = await pageAs(manager.token, 'dashboard')
  await dashboard.getByText(`${DEPARTMENT} · `, { exact: false }).first().waitFor()
  await dashboard.locator('.rx-card', { hasText: '最近的意见' }).getByText('候诊时间太长').waitFor()
  await dashboard.getByText('导出 CSV（Excel 可打开）').click()
  const [download] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByText('下载文件').click()])
  const csv = readFileSync(await download.path(), 'utf8')
  expect(download.suggestedFilename()).toMatch(new RegExp(`^满意度_${DEPARTMENT}_.*\\.csv$`))
  expect(csv.startsWith('\uFEFF月份,科室,类型,项目,非常满意')).toBe(true)
  expect(csv).toContain(`,${DEPARTMENT},门诊,总体满意度,30,0,0,1,1,0,32,4.78,93.8%`)

  await board.reload()
  await departmentRow(board).getByText('93.8%').waitFor()
  const figures = dataOf(await manager.call<Board>('survey', 'board'))
  expect(figures.departments.find((d) => d.departmentId === department.id)?.current).toMatchObject({
    answered: EARLIER + 2,
    satisfied: EARLIER,
  })
})

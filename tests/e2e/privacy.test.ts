import type { Page } from 'playwright-core'
import type { UserView } from '../../src/contract'
import { setUpH5Session } from '../support/browser'
import { eventually } from '../support/eventually'
import { dataOf } from '../support/test-host'

const h5 = setUpH5Session()

const visible = (page: Page) => page.locator('.rx-page:visible')
const sheet = (page: Page) => page.getByRole('dialog', { name: '用户隐私保护指引' })

test('on first use H5 shows the privacy sheet; the policy can be read before agreeing; the answer is kept', async () => {
  const patient = await h5.host.signIn('patient', 'e2e-privacy-first')
  const page = await h5.signedInPage(patient.token, { firstUse: true })
  await page.goto(`${h5.host.url}/#/pages/tabs/care/index`)

  await sheet(page).waitFor()
  await sheet(page)
    .getByText(/摄像头/)
    .waitFor()
  await sheet(page).getByText('查看《个人信息保护政策》', { exact: true }).click()
  await visible(page).getByRole('region', { name: '差评回访电话' }).waitFor()
  // The sheet stays with the page underneath, out of the way of the policy.
  await sheet(page).waitFor({ state: 'hidden' })

  await page.goBack()
  // Back on the tab: the policy page leaves the screen before its texts stop matching the tab's.
  await visible(page).getByRole('region', { name: '差评回访电话' }).waitFor({ state: 'hidden' })
  await sheet(page).getByText('同意并继续', { exact: true }).click()
  await sheet(page).waitFor({ state: 'hidden' })
  await visible(page).getByText('满意度评价', { exact: true }).click()
  await visible(page).getByText('开始评价', { exact: true }).waitFor()

  await page.reload()
  await visible(page).getByText('开始评价', { exact: true }).waitFor()
  expect(await sheet(page).count()).toBe(0)
})

test('from 我的 a person reads the policy, sees all their data, and is asked for 单独同意 once', async () => {
  const patient = await h5.host.signIn('patient', 'e2e-privacy-policy')
  const page = await h5.pageAs(patient.token, '/pages/tabs/care/index')
  await visible(page).getByRole('region', { name: '大字模式' }).waitFor()

  await page.locator('.taro-tabbar__tabbar').getByText('我的', { exact: true }).click()
  await visible(page).getByText('个人信息保护政策', { exact: true }).click()
  for (const kind of ['微信账户', '志愿者报名', '表扬与投诉', '学习签到与请假', '管理操作记录']) {
    await visible(page).getByRole('region', { name: kind }).getByText('保存多久：').waitFor()
  }
  await visible(page).getByText('查看我的全部个人信息', { exact: true }).click()
  await visible(page)
    .getByLabel('我的个人信息')
    .getByText(/测试用户e2e-privacy-policy/)
    .waitFor()
  await visible(page).getByText('当前：尚未询问').waitFor()

  await page.goto(`${h5.host.url}/#/pages/feedback/submit/index`)
  await visible(page).getByText('填写文字前，请您单独同意').waitFor()
  expect(await visible(page).locator('textarea').count()).toBe(0)
  await visible(page).getByText('同意并填写', { exact: true }).click()
  await visible(page).locator('textarea').waitFor()
  await eventually(async () => {
    expect(dataOf(await patient.call<UserView>('identity', 'me')).prefs.sensitiveText).toBe('granted')
  })

  // Remembered on the server: another form, after a reload, does not ask again.
  await page.goto(`${h5.host.url}/#/pages/volunteer/help/index`)
  await page.reload()
  await visible(page).getByText('呼叫志愿者', { exact: true }).first().waitFor()
  await visible(page).locator('textarea').first().waitFor()
  expect(await visible(page).getByText('填写文字前，请您单独同意').count()).toBe(0)
})

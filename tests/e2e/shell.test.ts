import type { Page } from 'playwright-core'
import { setUpH5Session } from '../support/browser'
import type { UserView } from '../../src/contract'
import { eventually } from '../support/eventually'
import { dataOf } from '../support/test-host'

const h5 = setUpH5Session()
let page: Page

async function pageFontSize(p: Page): Promise<number> {
  const size = await p
    .locator('.rx-page')
    .first()
    .evaluate((el) => getComputedStyle(el).fontSize)
  return parseFloat(size)
}

test('a patient sees the four tabs, turns on 大字模式, and it survives a reload', async () => {
  const patient = await h5.host.signIn('patient', 'e2e-shell')
  page = await h5.signedInPage(patient.token)

  await page.goto(`${h5.host.url}/#/pages/tabs/care/index`)
  for (const tab of ['就医服务', '志愿服务', '学习签到', '我的']) {
    await page.locator('.taro-tabbar__tabbar').getByText(tab, { exact: true }).waitFor()
  }
  await page.getByText('满意度评价').waitFor()

  await page.locator('.taro-tabbar__tabbar').getByText('我的', { exact: true }).click()
  await page.getByText('测试用户e2e-shell').waitFor()
  await page.getByLabel('我的身份').getByText('患者', { exact: true }).waitFor()
  const normal = await pageFontSize(page)

  await page.locator('.rx-page:visible taro-switch-core').click()
  await page.locator('.rx-page--large:visible').waitFor()
  expect(await pageFontSize(page)).toBeGreaterThan(normal * 1.2)
  await eventually(async () => {
    const me = dataOf(await patient.call<UserView>('identity', 'me'))
    expect(me.prefs.largeText).toBe(true)
  })

  // A new device: nothing on it yet but the session, so the setting comes from the server.
  await page.evaluate(() => localStorage.removeItem('renxin.largeText'))
  await page.reload()
  await page.locator('.rx-page--large:visible').waitFor()
  await page.locator('.taro-tabbar__tabbar').getByText('就医服务', { exact: true }).click()
  await page.locator('.rx-page--large:visible').getByText('满意度评价').waitFor()
})

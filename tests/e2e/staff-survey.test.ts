import type { CampaignView } from '../../src/contract'
import { setUpH5Session } from '../support/browser'
import { staffAnswersFor, staffCampaignInput } from '../support/staff-survey'
import { dataOf } from '../support/test-host'

const h5 = setUpH5Session()

test('staff answer a pulse, and a manager sees a department of 12 answers but not one of 9', async () => {
  const { host } = h5
  const admin = await host.signIn('admin')
  const campaign = dataOf(
    await admin.call<CampaignView>('staffSurvey', 'createCampaign', staffCampaignInput('e2e 职工满意度')),
  )
  const departments = dataOf(await admin.call<{ id: string; name: string }[]>('identity', 'departments'))
  const idOf = (name: string) => departments.find((d) => d.name === name)?.id ?? ''
  const [big, small] = [idOf('骨科'), idOf('耳鼻喉科')]

  // One of the twelve answers in the browser, from the card on the 学习签到 tab.
  const nurse = await host.signIn('staff', 'e2e-pulse-0', big)
  const page = await h5.pageAs(nurse.token, '/pages/tabs/study/index')
  await page.getByText('参与调查', { exact: true }).click()
  await page.getByText('总体满意度', { exact: true }).waitFor()
  for (const question of await page.locator('.sv-question').all()) {
    const choices = question.getByRole('radio')
    if ((await choices.count()) === 11) await choices.nth(8).click()
    else await choices.first().click()
  }
  await page.getByText('提交问卷', { exact: true }).click()
  await page.getByText('感谢参与', { exact: true }).waitFor()

  const answer = async (departmentId: string, id: string) => {
    const person = await host.signIn('staff', id, departmentId)
    dataOf(await person.call('staffSurvey', 'submit', staffAnswersFor(campaign.id, 4)))
  }
  for (let i = 1; i < 12; i++) await answer(big, `e2e-pulse-${i}`)
  for (let i = 0; i < 9; i++) await answer(small, `e2e-small-${i}`)

  const bigManager = await host.signIn('manager', 'e2e-big-manager', big)
  const bigPage = await h5.pageAs(bigManager.token, '/pages/staff-survey/results/index')
  const bigCard = bigPage.locator('.rx-card', { hasText: '骨科' })
  await bigCard.getByText('总体满意度', { exact: true }).waitFor()
  expect(await bigCard.locator('.ss-figure__value').first().innerText()).toBe('12')

  const smallManager = await host.signIn('manager', 'e2e-small-manager', small)
  const smallPage = await h5.pageAs(smallManager.token, '/pages/staff-survey/results/index')
  const smallCard = smallPage.locator('.rx-card', { hasText: '耳鼻喉科' })
  await smallCard.getByText('不足10人，为保护匿名仅显示人数', { exact: true }).waitFor()
  expect(await smallCard.locator('.ss-figure__value').first().innerText()).toBe('9')
  expect(await smallCard.getByText('总体满意度', { exact: true }).count()).toBe(0)
})

import type { Page } from 'playwright-core'
import type { MyHelpRequest, ServiceReport } from '../../src/contract'
import { setUpH5Session } from '../support/browser'
import { dataOf, type SignedIn } from '../support/test-host'

// The hall polls every 10 s; allow for a slow, shared machine.
const POLLED = { timeout: 30_000 }

const h5 = setUpH5Session()

const visible = (page: Page) => page.locator('.rx-page:visible')
const tap = (page: Page, text: string) => visible(page).getByText(text, { exact: true }).click()
const typeInto = (page: Page, placeholder: string, text: string) =>
  visible(page).locator(`input[placeholder="${placeholder}"]`).fill(text)

/** An approved volunteer of `team`, named by their registration. */
async function member(tag: string, name: string, team: string): Promise<SignedIn> {
  const admin = await h5.host.signIn('admin', 'e2e-rec-admin')
  const person = await h5.host.signIn('patient', tag)
  const form = { name, phone: '13912345678', team, skills: [], availability: '周末' }
  dataOf(await person.call('volunteer', 'register', form))
  dataOf(await admin.call('volunteer', 'approve', { userId: person.user.id }))
  return h5.host.signIn('volunteer', tag)
}

test('the desk assigns a waiting wheelchair request to a volunteer on shift, who sees it first', async () => {
  const volunteer = await h5.host.signIn('volunteer', 'e2e-assign-v')
  const admin = await h5.host.signIn('admin', 'e2e-assign-admin')
  const page = await h5.signedInPage(volunteer.token)
  await page.goto(`${h5.host.url}/#/pages/volunteer/hall/index`)
  await tap(page, '门诊大厅')
  await tap(page, '上岗')
  await visible(page).getByText('值班中 · 门诊大厅', { exact: false }).waitFor()

  const departments = dataOf(await admin.call<{ id: string; name: string }[]>('identity', 'departments'))
  const to = departments.find((d) => d.name === '骨科')!.id
  const ask = async (tag: string, need: string) =>
    dataOf(
      await (
        await h5.host.signIn('patient', tag)
      ).call<MyHelpRequest>('volunteer', 'request', {
        need,
        from: '门诊大厅',
        to,
        people: 1,
      }),
    )
  await ask('e2e-assign-guide', '导诊带路')
  const wheelchair = await ask('e2e-assign-wheelchair', '轮椅协助')

  // The newer wheelchair request is listed before the older guide request.
  const cards = visible(page).locator('[aria-label$="呼叫"]')
  await visible(page).getByLabel('导诊带路呼叫').waitFor(POLLED)
  expect(await cards.first().getAttribute('aria-label')).toBe('轮椅协助呼叫')
  await expect(cards.first().innerText()).resolves.toContain('测**')

  dataOf(await admin.call('volunteer', 'assign', { requestId: wheelchair.id, volunteerId: volunteer.user.id }))
  await visible(page).getByText('我正在服务').waitFor(POLLED)
  const serving = visible(page).getByLabel('轮椅协助呼叫').first()
  await serving.getByText('服务台指派').waitFor()
  await serving.getByText('完成服务', { exact: true }).waitFor()
})

test('a volunteer reports an external service, their leader approves it, and the record and star update', async () => {
  const admin = await h5.host.signIn('admin', 'e2e-rec-admin')
  const leader = await member('e2e-report-leader', '钱队长', '党员')
  dataOf(await admin.call('volunteer', 'setTeamLeader', { team: '党员', userId: leader.user.id, leader: true }))
  const volunteer = await member('e2e-report-v', '孙志愿', '党员')
  // 99 hours already: the approved 2 hours reach 一星.
  const reason = '历史服务补录'
  dataOf(await admin.call('volunteer', 'adjustHours', { userId: volunteer.user.id, minutes: 5940, reason }))

  const page = await h5.signedInPage(volunteer.token)
  await page.goto(`${h5.host.url}/#/pages/volunteer/report/index`)
  await typeInto(page, '如：滨江社区卫生服务中心', '滨江社区卫生服务中心')
  await typeInto(page, '如：高血压健康讲座', '高血压健康讲座')
  await typeInto(page, '如 2.5', '2')
  await tap(page, '提交上报')
  await visible(page).getByText('待审核', { exact: false }).waitFor()

  const leaderPage = await h5.signedInPage(leader.token)
  await leaderPage.goto(`${h5.host.url}/#/pages/volunteer/report/index`)
  const entry = visible(leaderPage).getByLabel('审核孙志愿的上报')
  await entry.getByText('高血压健康讲座', { exact: false }).waitFor()
  await entry.getByText('通过', { exact: true }).click()
  await entry.waitFor({ state: 'detached' })
  const mine = dataOf(await volunteer.call<ServiceReport[]>('volunteer', 'myReports'))
  expect(mine.map((r) => r.status)).toEqual(['approved'])

  await page.goto(`${h5.host.url}/#/pages/volunteer/record/index`)
  await visible(page).getByText('一星志愿者 · 再服务 199 小时升星').waitFor()
  await visible(page).getByText('滨江社区卫生服务中心 · 高血压健康讲座').waitFor()
})

test('a certificate is issued and then verified on its public page', async () => {
  const admin = await h5.host.signIn('admin', 'e2e-rec-admin')
  const volunteer = await member('e2e-cert-v', '周证明', '青年')
  dataOf(await admin.call('volunteer', 'adjustHours', { userId: volunteer.user.id, minutes: 150, reason: '社区义诊' }))
  const page = await h5.signedInPage(volunteer.token)
  await page.goto(`${h5.host.url}/#/pages/volunteer/certificate/index`)
  const certificate = visible(page).getByLabel('志愿服务证明')
  await certificate.getByText('兹证明 周证明', { exact: false }).waitFor()
  await certificate.getByText('累计服务时长 2.5 小时', { exact: false }).waitFor()
  const text = await certificate.innerText()
  const number = /证明编号：(ZYFW-ALL-[A-Z2-9]{16})/.exec(text)?.[1]
  expect(number).toBeDefined()
  await expect(certificate.locator('img').count()).resolves.toBe(1)

  // Someone else opens the link the QR holds.
  const stranger = await h5.host.signIn('patient', 'e2e-cert-stranger')
  const checkPage = await h5.signedInPage(stranger.token)
  await checkPage.goto(`${h5.host.url}/#/pages/volunteer/verify/index?number=${number}`)
  await visible(checkPage).getByText('证明有效').waitFor()
  await visible(checkPage).getByText('服务时长：2.5 小时').waitFor()
  expect(await visible(checkPage).innerText()).not.toContain('周证明')

  const tampered = `${number!.slice(0, -1)}${number!.endsWith('A') ? 'B' : 'A'}`
  await checkPage.goto(`${h5.host.url}/#/pages/volunteer/verify/index?number=${tampered}`)
  await visible(checkPage).getByText('查无此证明，编号可能有误或被改动').waitFor()
})

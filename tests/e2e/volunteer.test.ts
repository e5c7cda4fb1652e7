import type { Page } from 'playwright-core'
import type { MyHelpRequest } from '../../src/contract'
import { setUpH5Session } from '../support/browser'
import { eventually } from '../support/eventually'
import { dataOf } from '../support/test-host'

// The hall polls every 10 s and the patient's page every 5 s; allow for a slow, shared machine.
const POLLED = { timeout: 30_000 }

const h5 = setUpH5Session()

const visible = (page: Page) => page.locator('.rx-page:visible')
const tap = (page: Page, text: string) => visible(page).getByText(text, { exact: true }).click()
// Taro's <Input> puts the placeholder on its wrapper and on the real <input>; type into the real one.
const typeInto = (page: Page, placeholder: string, text: string) =>
  visible(page).locator(`input[placeholder="${placeholder}"]`).fill(text)

test('a patient asks for wheelchair help; a volunteer on shift claims and completes it; the patient rates', async () => {
  const patient = await h5.host.signIn('patient', 'e2e-vol-patient')
  const volunteer = await h5.host.signIn('volunteer', 'e2e-vol-helper')
  const patientPage = await h5.signedInPage(patient.token)
  const volunteerPage = await h5.signedInPage(volunteer.token)

  // The volunteer starts a shift at the outpatient hall; nobody is waiting yet.
  await volunteerPage.goto(`${h5.host.url}/#/pages/volunteer/hall/index`)
  await tap(volunteerPage, '门诊大厅')
  await tap(volunteerPage, '上岗')
  await visible(volunteerPage).getByText('值班中 · 门诊大厅').waitFor()
  await visible(volunteerPage).getByText('暂时没有等待的患者').waitFor()

  // The patient arrives from the care tab's 呼叫志愿者 entry and asks for a wheelchair.
  await patientPage.goto(`${h5.host.url}/#/pages/tabs/care/index`)
  await tap(patientPage, '呼叫志愿者')
  await visible(patientPage).getByText('您需要什么帮助').waitFor()
  await tap(patientPage, '轮椅协助')
  await tap(patientPage, '门诊大厅')
  await tap(patientPage, '骨科')
  await tap(patientPage, '呼叫志愿者')
  await visible(patientPage).getByText('等待中', { exact: true }).waitFor()
  await visible(patientPage).getByText('排队第 1 位').waitFor()

  // The hall picks it up on its own, marked 轮椅, and the volunteer claims it.
  const card = visible(volunteerPage).getByLabel('轮椅协助呼叫')
  await card.getByText('轮椅', { exact: true }).waitFor(POLLED)
  await card.getByText('从 门诊大厅 到 骨科').waitFor()
  await card.getByText('接单', { exact: true }).click()
  await visible(volunteerPage).getByText('我正在服务').waitFor()

  // The patient sees who is coming, and no phone number anywhere.
  await visible(patientPage).getByText('已接单', { exact: true }).waitFor(POLLED)
  await visible(patientPage)
    .getByText(/志愿者 测试用户e2e-vol-helper/)
    .waitFor()
  expect(await visible(patientPage).innerText()).not.toMatch(/1\d{10}/)

  await visible(volunteerPage).getByText('完成服务', { exact: true }).click()
  await visible(volunteerPage).getByText('我正在服务').waitFor({ state: 'detached' })

  // Completion reaches the patient, who rates it once.
  await visible(patientPage).getByText('已完成', { exact: true }).waitFor(POLLED)
  await tap(patientPage, '★★★★★')
  await visible(patientPage).locator('textarea').fill('推轮椅很稳，谢谢')
  await tap(patientPage, '提交评价')
  await visible(patientPage).getByText('您的评价：★★★★★ 推轮椅很稳，谢谢').waitFor()
  await expect(visible(patientPage).getByText('提交评价', { exact: true }).count()).resolves.toBe(0)

  await eventually(async () => {
    const request = dataOf(await patient.call<MyHelpRequest>('volunteer', 'myRequest'))
    expect(request).toMatchObject({ status: 'completed', rating: { stars: 5, comment: '推轮椅很稳，谢谢' } })
  })
})

test('a person registers as a volunteer, an admin approves with the full phone in view, and the person sees it', async () => {
  const applicant = await h5.host.signIn('patient', 'e2e-vol-applicant')
  const admin = await h5.host.signIn('admin', 'e2e-vol-admin')
  const applicantPage = await h5.signedInPage(applicant.token)
  const adminPage = await h5.signedInPage(admin.token)

  await applicantPage.goto(`${h5.host.url}/#/pages/volunteer/register/index`)
  const form = visible(applicantPage)
  await typeInto(applicantPage, '请填写真实姓名', '赵小青')
  await typeInto(applicantPage, '仅管理员可见', '13800138000')
  await tap(applicantPage, '青年服务队')
  await tap(applicantPage, '手语')
  await tap(applicantPage, '方言')
  await typeInto(applicantPage, '如“周二、周四上午”', '周六全天')
  await tap(applicantPage, '提交报名')
  await form.getByText('报名已提交，等待审核').waitFor()
  await form.getByText('赵小青 · 青年服务队 · 138****8000').waitFor()
  await form.getByText('特长：手语、方言').waitFor()

  await adminPage.goto(`${h5.host.url}/#/pages/volunteer/admin/index`)
  const entry = visible(adminPage).locator('.rx-field', { hasText: '赵小青 · 青年服务队 · 13800138000' })
  await entry.getByText('可服务：周六全天', { exact: false }).waitFor()
  await entry.getByText('通过', { exact: true }).click()
  await entry.waitFor({ state: 'detached' })

  await applicantPage.reload()
  await visible(applicantPage).getByText('您已是注册志愿者').waitFor()
  await eventually(async () => {
    const me = dataOf(await applicant.call<{ roles: string[] }>('identity', 'me'))
    expect(me.roles).toContain('volunteer')
  })
})

import type { Page } from 'playwright-core'
import type { FeedbackDetail, FeedbackItem } from '../../src/contract'
import { setUpH5Session } from '../support/browser'
import { eventually } from '../support/eventually'
import { consentToTreatmentText, dataOf, type SignedIn } from '../support/test-host'

const h5 = setUpH5Session()
let cardio: string

beforeAll(async () => {
  const patient = await h5.host.signIn('patient')
  const departments = dataOf(await patient.call<{ id: string; name: string }[]>('identity', 'departments'))
  cardio = departments.find((d) => d.name === '心内科')!.id
})

async function pageAs(user: SignedIn, path: string): Promise<Page> {
  const page = await h5.pageAs(user.token, `/pages/feedback/${path}`)
  return page
}

const visible = (page: Page) => page.locator('.rx-page:visible')

test('a patient files a complaint, the manager accepts and replies, the patient sees the reply and confirms', async () => {
  const patient = await h5.host.signIn('patient', 'e2e-fb-patient')
  const manager = await h5.host.signIn('manager', 'e2e-fb-manager', cardio)
  const complaintText = '候诊两个多小时无人解释，询问时护士态度生硬。'
  const replyText = '经科室核实，当班护士沟通不当，已批评教育并向您致歉。'

  const patientPage = await h5.pageAs(patient.token, `/pages/tabs/care/index`)
  await visible(patientPage).getByText('表扬与投诉', { exact: true }).click()
  await visible(patientPage).getByText('我要投诉', { exact: true }).click()
  await visible(patientPage).getByText('心内科', { exact: true }).click()
  await visible(patientPage).getByText('态度生硬', { exact: true }).click()
  await visible(patientPage).getByText('同意并填写', { exact: true }).click()
  await visible(patientPage).locator('taro-textarea-core textarea').fill(complaintText)
  await visible(patientPage).getByText('提交投诉', { exact: true }).click()
  await visible(patientPage).getByText('我的表扬与投诉', { exact: true }).waitFor()
  await visible(patientPage).getByText('待受理').waitFor()
  const [mine] = dataOf(await patient.call<FeedbackItem[]>('feedback', 'mine'))
  expect(mine).toMatchObject({ kind: 'complaint', status: 'submitted', text: complaintText, departmentName: '心内科' })

  const managerPage = await pageAs(manager, 'queue/index')
  await visible(managerPage).getByText(complaintText).click()
  await visible(managerPage).getByText('受理', { exact: true }).click()
  await visible(managerPage).getByText('回复患者').waitFor()
  await visible(managerPage).getByText('经核实属实', { exact: true }).click()
  await visible(managerPage).locator('taro-textarea-core textarea').fill(replyText)
  await visible(managerPage).getByText('提交回复', { exact: true }).click()
  await visible(managerPage).getByText('科室回复').waitFor()

  await patientPage.goto(`${h5.host.url}/#/pages/feedback/detail/index?id=${mine.id}`)
  await visible(patientPage).getByText(replyText).first().waitFor()
  await visible(patientPage).getByLabel('5星').click()
  await visible(patientPage).getByText('已办结').waitFor()
  await eventually(async () => {
    const detail = dataOf(await patient.call<FeedbackDetail>('feedback', 'detail', { id: mine.id }))
    expect(detail).toMatchObject({ status: 'closed', rating: 5, reply: { text: replyText, upheld: true } })
    expect(detail.history.map((h) => h.action)).toEqual(['submit', 'accept', 'reply', 'confirm'])
  })
})

test('a praise approved by the admin appears on the wall', async () => {
  const patient = await consentToTreatmentText(await h5.host.signIn('patient', 'e2e-fb-praise'))
  const admin = await h5.host.signIn('admin', 'e2e-fb-admin')
  const praiseText = '夜里按铃护士马上就来，耐心给我换药，非常感谢。'
  dataOf(
    await patient.call('feedback', 'submit', {
      kind: 'praise',
      departmentId: cardio,
      categories: ['热情暖心'],
      text: praiseText,
      anonymous: false,
    }),
  )

  const wallBefore = await pageAs(patient, 'wall/index')
  await visible(wallBefore).getByText('表扬墙', { exact: true }).waitFor()
  expect(await visible(wallBefore).getByText(praiseText).count()).toBe(0)

  const adminPage = await pageAs(admin, 'review/index')
  const card = visible(adminPage).locator('.rx-card', { hasText: praiseText })
  await card.getByText('通过上墙', { exact: true }).click()
  await card.waitFor({ state: 'detached' })

  await wallBefore.reload()
  await visible(wallBefore).getByText(praiseText).waitFor()
})

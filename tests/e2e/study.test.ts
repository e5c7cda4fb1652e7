import { setUpH5Session } from '../support/browser'
import { eventually } from '../support/eventually'

const h5 = setUpH5Session()

const page = (path: string, query = '') => `${h5.host.url}/#/pages/study/${path}/index${query}`

test('an organizer shows the rotating code, a colleague types it in, and the live view counts them', async () => {
  const admin = await h5.host.signIn('admin')
  const organizer = await h5.signedInPage(admin.token)
  await organizer.goto(page('organize'))
  await organizer.getByText('发起学习活动', { exact: true }).click()

  // The form starts at the next half hour, so check-in is already open.
  await organizer.getByText('业务学习', { exact: true }).click()
  await organizer.getByRole('textbox', { name: '学习主题' }).fill('院感防控专题学习')
  await organizer.getByRole('textbox', { name: '地点', exact: true }).fill('学术报告厅')
  await organizer.getByText('发布', { exact: true }).click()
  const card = organizer.locator('.rx-card', { hasText: '院感防控专题学习' })
  await card.getByText('签到二维码', { exact: true }).click()

  const code = organizer.locator('.qr-screen__code')
  await code.waitFor()
  const image = await organizer.locator('.qr-screen__image img').getAttribute('src')
  expect(image).toMatch(/^data:image\/svg\+xml;base64,/)
  await organizer.getByText(/\d+ 秒后刷新/).waitFor()
  const sessionId = new URL(organizer.url().replace('#/', '')).searchParams.get('id')
  expect(sessionId).toMatch(/^[0-9a-f-]{36}$/)

  const colleague = await h5.host.signIn('staff', 'e2e-study')
  const staffPage = await h5.signedInPage(colleague.token)
  await staffPage.goto(page('check-in'))
  const keys = staffPage.locator('.check-in__keys')
  await keys.waitFor()
  // Read the code only now: it is good for this 15 s slot and the next.
  const shown = (await code.innerText()).trim()
  expect(shown).toMatch(/^\d{6}$/)
  for (const digit of shown) await keys.getByText(digit, { exact: true }).click()
  await staffPage.getByText('签到成功', { exact: true }).waitFor()
  await staffPage.getByText('院感防控专题学习', { exact: true }).waitFor()

  await organizer.goto(page('live', `?id=${sessionId}`))
  const checkedIn = organizer.locator('.study-number').first()
  await checkedIn.waitFor()
  await eventually(async () => expect(await checkedIn.innerText()).toBe('1'))
  await organizer.getByText('心内科', { exact: true }).click()
  await organizer.getByText('测试用户e2e-study', { exact: true }).waitFor()
})

import type { QrCodeView, SessionView } from '../../src/contract'
import { setUpH5Session } from '../support/browser'
import { dataOf } from '../support/test-host'

const h5 = setUpH5Session()

test('a session with 2 CME credits is checked into and out of, and the credit shows in the record', async () => {
  const { host } = h5
  const admin = await host.signIn('admin')
  // Started five minutes ago, ending in 40 s: check-in is open now and 签退 earns the whole credit after the end.
  const endAt = Date.now() + 40_000
  const session = dataOf(
    await admin.call<SessionView>('study', 'createSession', {
      type: '业务学习',
      title: '继续教育：院感防控',
      location: '学术报告厅',
      startAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      endAt: new Date(endAt).toISOString(),
      audience: 'all',
      creditHours: 0.5,
      cmeCredits: 2,
      requireCheckOut: true,
    }),
  )
  const doctor = await host.signIn('staff', 'e2e-cme')
  const page = await h5.pageAs(doctor.token, '/pages/study/check-in/index')
  const keys = page.locator('.check-in__keys')
  await keys.waitFor()
  const { shortCode } = dataOf(await admin.call<QrCodeView>('study', 'qrCode', { sessionId: session.id }))
  for (const digit of shortCode) await keys.getByText(digit, { exact: true }).click()
  await page.getByText('签到成功', { exact: true }).waitFor()

  await page.waitForTimeout(Math.max(0, endAt - Date.now() + 1000))
  await page.goto(`${host.url}/#/pages/study/upcoming/index`)
  const card = page.locator('.rx-card', { hasText: '继续教育：院感防控' })
  await card.getByText('签退', { exact: true }).click()
  await card.getByText('已签退', { exact: true }).waitFor()

  await page.goto(`${host.url}/#/pages/study/record/index`)
  const cme = page.locator('.rx-card', { hasText: '继续医学教育' })
  await cme.waitFor()
  expect(await cme.locator('.study-number').first().innerText()).toBe('2')

  // The printable yearly record lists the session and the total.
  await cme.getByText('学分证明（可打印）', { exact: true }).click()
  const paper = page.locator('.study-certificate')
  await paper.getByText('继续医学教育学分证明', { exact: true }).waitFor()
  await paper.getByText(/获得Ⅱ类学分共 2 分/).waitFor()
  await paper.getByText(/继续教育：院感防控/).waitFor()

  // On paper, as the volunteer certificate (src/styles/_print.scss): the year switch and the hint are
  // left off, the title stays centred.
  expect(await page.locator('.study-no-print').count()).toBeGreaterThan(0)
  await page.emulateMedia({ media: 'print' })
  for (const screenOnly of await page.locator('.study-no-print').all()) expect(await screenOnly.isVisible()).toBe(false)
  const title = paper.locator('.study-certificate__title')
  expect(await title.evaluate((element) => getComputedStyle(element).textAlign)).toBe('center')
  await page.emulateMedia({ media: 'screen' })
  expect(await page.locator('.study-no-print').first().isVisible()).toBe(true)
})

import type { Browser, Page } from 'playwright-core'
import type { QrCodeView, SessionView } from '../../src/contract'
import { wgs84ToGcj02 } from '../../src/services/presence/gcj02'
import { signInPage, setUpH5Session } from '../support/browser'
import { eventually } from '../support/eventually'
import { dataOf, type SignedIn } from '../support/test-host'

const h5 = setUpH5Session()
const page = (path: string, query = '') => `${h5.host.url}/#/pages/study/${path}/index${query}`

/** Where the browser says it is (WGS-84, as browsers report); the fence is kept in GCJ-02 like WeChat's map. */
const HALL_WGS84 = { latitude: 31.2, longitude: 121.45 }

async function phoneAt(browser: Browser, token: string, where: { latitude: number; longitude: number } | null) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
    ...(where ? { geolocation: { ...where, accuracy: 20 }, permissions: ['geolocation'] } : {}),
  })
  const phone = await context.newPage()
  await signInPage(phone, h5.host.url, token)
  return phone
}

async function typeCode(phone: Page, sessionId: string, admin: SignedIn) {
  await phone.goto(page('check-in'))
  const keys = phone.locator('.check-in__keys')
  await keys.waitFor()
  // Read the code only now: it is good for this 15 s slot and the next.
  const qr = dataOf(await admin.call<QrCodeView>('study', 'qrCode', { sessionId }))
  for (const digit of qr.shortCode) await keys.getByText(digit, { exact: true }).click()
}

test('inside the fence checks in, outside is refused, and one without a location is confirmed by the organizer', async () => {
  const admin = await h5.host.signIn('admin')
  const start = new Date(Date.now() + 10 * 60_000)
  const session = dataOf(
    await admin.call<SessionView>('study', 'createSession', {
      type: '业务学习',
      title: '现场核验演练',
      location: '学术报告厅',
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + 60 * 60_000).toISOString(),
      audience: 'all',
      creditHours: 1,
      fence: { ...wgs84ToGcj02(HALL_WGS84.latitude, HALL_WGS84.longitude), radiusMeters: 150 },
    }),
  )

  const inside = await h5.host.signIn('staff', 'e2e-presence-inside')
  const near = await phoneAt(h5.browser, inside.token, { latitude: 31.2003, longitude: 121.45 })
  await typeCode(near, session.id, admin)
  await near.getByText('签到成功', { exact: true }).waitFor()

  const outside = await h5.host.signIn('staff', 'e2e-presence-outside')
  const far = await phoneAt(h5.browser, outside.token, { latitude: 31.21, longitude: 121.45 })
  await typeCode(far, session.id, admin)
  await far.getByText(/不在签到地点附近/).waitFor()

  const unplaced = await h5.host.signIn('staff', 'e2e-presence-unplaced')
  const noLocation = await phoneAt(h5.browser, unplaced.token, null)
  await typeCode(noLocation, session.id, admin)
  await noLocation.getByText(/请当面请组织者/).waitFor()

  const organizer = await h5.signedInPage(admin.token)
  await organizer.goto(page('live', `?id=${session.id}`))
  await organizer.getByText('心内科', { exact: true }).click()
  const row = organizer.locator('.study-table__row', { hasText: '测试用户e2e-presence-unplaced' })
  await row.getByText('确认到场', { exact: true }).click()
  await eventually(async () => expect(await row.innerText()).toContain('组织者确认'))
  await organizer
    .locator('.study-table__row', { hasText: '测试用户e2e-presence-inside' })
    .getByText(/现场核验/)
    .waitFor()
})

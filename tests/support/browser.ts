import { chromium, type Browser, type Page } from 'playwright-core'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { startTestHost, type TestHost } from './test-host'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** The H5 build the e2e tests drive; scripts/test.mjs builds it first. */
export const H5_DIR = resolve(__dirname, '../../dist-h5')

export function assertH5Built() {
  if (!existsSync(resolve(H5_DIR, 'index.html'))) throw new Error('dist-h5 is missing: run `npm run build:h5` first')
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** A phone-sized page, as most patients see the H5 build. */
export async function openPhonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
  })
  return context.newPage()
}

/**
 * Signs the page in as a dev user by putting the host's token where the app keeps it. Unless
 * `firstUse`, the device has already answered the privacy sheet, as a returning user's has.
 */
export async function signInPage(page: Page, baseUrl: string, token: string, { firstUse = false } = {}) {
  // Any page of the host's origin that is not the app, so the app never starts without the token.
  await page.goto(`${baseUrl}/health`)
  await page.evaluate(
    ({ value, firstUse }) => {
      // Taro H5 storage wraps values as {data: value}.
      localStorage.setItem('renxin.token', JSON.stringify({ data: value }))
      if (!firstUse) localStorage.setItem('renxin.privacyAnswer', JSON.stringify({ data: 'agree' }))
    },
    { value: token, firstUse },
  )
}

/** The host serving the H5 build and the browser of one e2e file. */
export class H5Session {
  host!: TestHost
  browser!: Browser

  /** A phone-sized page signed in with `token`, not yet showing the app. */
  async signedInPage(token: string, options: { firstUse?: boolean } = {}): Promise<Page> {
    const page = await openPhonePage(this.browser)
    await signInPage(page, this.host.url, token, options)
    return page
  }

  /** A phone-sized page signed in with `token`, opened at `route` (the app path after `#`). */
  async pageAs(token: string, route: string): Promise<Page> {
    const page = await this.signedInPage(token)
    await page.goto(`${this.host.url}/#${route}`)
    return page
  }
}

/** Starts the host and browser before the file's tests and closes both after them. */
export function setUpH5Session(): H5Session {
  const session = new H5Session()
  beforeAll(async () => {
    assertH5Built()
    session.host = await startTestHost({ staticDir: H5_DIR })
    session.browser = await launchBrowser()
  })
  afterAll(async () => {
    await session.browser?.close()
    await session.host?.close()
  })
  return session
}

import type { Browser } from 'playwright-core'
import { assertH5Built, H5_DIR, launchBrowser } from '../support/browser'
import { openAuditPage, PageAuditor, totals, visitName, type Findings, type Mode } from '../support/page-audit/audit'
import { appRoutes, auditVisits, signInDemoUsers, type Visit } from '../support/page-audit/routes'
import { startTestHost, type TestHost } from '../support/test-host'

// Every route of src/app.config.ts, as the role that uses it, at 375×812, in normal mode and in
// 大字模式. One browser page walks them all, so the whole audit takes well under a minute and a half.
let host: TestHost
let browser: Browser
const findings: Findings[] = []
let visits: Visit[] = []

beforeAll(async () => {
  assertH5Built()
  host = await startTestHost({ staticDir: H5_DIR })
  browser = await launchBrowser()
  const users = await signInDemoUsers(host)
  visits = await auditVisits(users)
  const auditor = new PageAuditor(await openAuditPage(browser), host, users)
  const started = Date.now()
  for (const mode of ['normal', 'large'] as Mode[]) {
    await auditor.setMode(mode)
    for (const visit of visits) findings.push(await auditor.inspect(visit, mode, await auditor.open(visit, mode)))
  }
  console.log(`page audit, ${((Date.now() - started) / 1000).toFixed(1)} s:`, totals(findings))
  // Generous for a busy shared machine: the walk took 59 s on one running eight builds and suites.
}, 300_000)

afterAll(async () => {
  await browser?.close()
  await host?.close()
})

/** Each page's findings of one kind, named, so a failure says where to look. */
function report(pick: (f: Findings) => string[]): Record<string, string[]> {
  return Object.fromEntries(findings.filter((f) => pick(f).length > 0).map((f) => [visitName(f), pick(f)]))
}

test('every route of the app config is visited in both modes, as a patient at least where nobody else uses it', () => {
  const routes = appRoutes()
  expect(routes.length).toBeGreaterThan(30)
  for (const route of routes) {
    for (const mode of ['normal', 'large']) {
      expect(findings.some((f) => f.visit.route === route && f.mode === mode)).toBe(true)
    }
  }
  expect(findings.filter((f) => f.visit.query !== '').length).toBeGreaterThanOrEqual(2 * 6)
})

test('no page throws an uncaught script error or fails to load', () => {
  expect(report((f) => f.errors)).toEqual({})
})

test('nothing is wider than the screen', () => {
  expect(report((f) => f.wide)).toEqual({})
})

test('no serious or critical axe-core WCAG 2 A/AA violation', () => {
  expect(report((f) => f.violations)).toEqual({})
})

test('every control is at least 44×44 px', () => {
  expect(report((f) => f.smallTargets)).toEqual({})
})

test('in 大字模式 the main controls are at least 60×60 px', () => {
  expect(report((f) => f.smallMain)).toEqual({})
})

test('no short label breaks inside a word', () => {
  expect(report((f) => f.brokenWords)).toEqual({})
})

test('in 大字模式 no visible text is under 18 px, and lines are spaced at least 1.3×', () => {
  expect(report((f) => f.smallText)).toEqual({})
  expect(report((f) => f.tightLines)).toEqual({})
})

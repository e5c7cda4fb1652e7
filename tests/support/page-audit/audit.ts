import axe from 'axe-core'
import type { Browser, Page } from 'playwright-core'
import type { Role } from '../../../src/contract'
import { signInPage } from '../browser'
import type { TestHost } from '../test-host'
import { CONTROLS, LABELS, MAIN_CONTROLS, measureInPage, type Measured } from './measure'
import type { DemoUsers, Visit } from './routes'

export type Mode = 'normal' | 'large'

export interface Findings extends Measured {
  visit: Visit
  mode: Mode
  /** Uncaught script errors while the page opened. */
  errors: string[]
  /** Serious and critical axe-core WCAG 2 A/AA violations, one line per element. */
  violations: string[]
}

/** The phone the issue measured on: 375×812, in Chinese. */
export async function openAuditPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' })
  // Run under tsx (npm run screenshots), esbuild names functions with a helper the page lacks.
  await context.addInitScript('window.__name = (f) => f')
  return context.newPage()
}

/** The page element of `route` that Taro shows; every other page (kept in the stack) is skipped. */
function markCurrentPage(route: string): boolean {
  let found = false
  for (const page of Array.from(document.querySelectorAll('.taro_page'))) {
    const current = page.id.split('?')[0] === route && getComputedStyle(page).display !== 'none'
    if (current) page.removeAttribute('data-audit-skip')
    else page.setAttribute('data-audit-skip', '')
    found ||= current
  }
  return found
}

/** Shown, with its shell, and done loading. */
function pageReady(route: string): boolean {
  const page = Array.from(document.querySelectorAll('.taro_page')).find(
    (p) => p.id.split('?')[0] === route && getComputedStyle(p).display !== 'none',
  )
  return !!page?.querySelector('.rx-page') && !page.querySelector('.rx-state--loading')
}

/**
 * Walks the app as one user at a time: a full load when the user changes (the app reads the token
 * at start), then Taro's own hash navigation, which is fast and leaves no stale page in view.
 */
export class PageAuditor {
  private signedInAs: string | null = null
  private readonly errors: string[] = []

  constructor(
    private readonly page: Page,
    private readonly host: TestHost,
    private readonly users: DemoUsers,
  ) {
    page.on('pageerror', (error) => this.errors.push(error.message))
  }

  /** Sets 大字模式 on the server for every demo user, as the person would in 我的. */
  async setMode(mode: Mode) {
    for (const user of Object.values(this.users)) {
      const reply = await user.call('identity', 'setPrefs', { largeText: mode === 'large' })
      if (reply.status !== 200) throw new Error(`setPrefs failed: ${JSON.stringify(reply.body)}`)
    }
    this.signedInAs = null
  }

  /** Opens the visit's page and waits until it has loaded (or 10 s, which is itself a finding). */
  async open(visit: Visit, mode: Mode): Promise<string[]> {
    const hash = `#${visit.route}${visit.query}`
    const who = `${visit.role}-${mode}`
    this.errors.length = 0
    if (this.signedInAs !== who) {
      await signInPage(this.page, this.host.url, this.users[visit.role as Role].token)
      await this.page.evaluate(
        (large) => localStorage.setItem('renxin.largeText', JSON.stringify({ data: large })),
        mode === 'large',
      )
      await this.page.goto(`${this.host.url}/${hash}`)
      await this.page.addScriptTag({ content: axe.source })
      this.signedInAs = who
    } else {
      await this.page.evaluate((target) => (location.hash = target), hash)
    }
    const problems: string[] = []
    try {
      await this.page.waitForFunction(pageReady, visit.route, { timeout: 10_000 })
    } catch {
      problems.push('the page did not finish loading within 10 s')
    }
    // Two frames, so layout and fonts have settled after the last render.
    await this.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
    if (!(await this.page.evaluate(markCurrentPage, visit.route))) problems.push('the page is not shown')
    return problems
  }

  /** Measures the open page. */
  async inspect(visit: Visit, mode: Mode, problems: string[] = []): Promise<Findings> {
    const measured = await this.page.evaluate(measureInPage, {
      large: mode === 'large',
      controls: CONTROLS,
      mainControls: MAIN_CONTROLS,
      labels: LABELS,
    })
    const violations = await this.page.evaluate(async () => {
      const result = await window.axe.run(
        { exclude: [['[data-audit-skip]']] },
        { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] },
      )
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .flatMap((v) => v.nodes.map((node) => `${v.id} (${v.impact}) ${node.target.join(' ')}`))
    })
    return { visit, mode, ...measured, violations, errors: [...problems, ...this.errors] }
  }
}

declare global {
  interface Window {
    axe: typeof axe
  }
}

/** The audit's figures: how many of each kind of finding over all pages. */
export function totals(findings: Findings[]) {
  const sum = (pick: (f: Findings) => string[]) => findings.reduce((n, f) => n + pick(f).length, 0)
  return {
    pages: findings.length,
    errors: sum((f) => f.errors),
    wide: sum((f) => f.wide),
    violations: sum((f) => f.violations),
    smallTargets: sum((f) => f.smallTargets),
    smallMain: sum((f) => f.smallMain),
    smallText: sum((f) => f.smallText),
    tightLines: sum((f) => f.tightLines),
    brokenWords: sum((f) => f.brokenWords),
  }
}

export const visitName = (f: { visit: Visit; mode: Mode }) => `${f.visit.role} ${f.mode} ${f.visit.route}`

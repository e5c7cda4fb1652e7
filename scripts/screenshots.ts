// `npm run screenshots`: every page of the app, as the role that uses it, in normal mode and in 大字模式,
// at 375×812, into docs/screenshots/ with an index.md. It walks the same routes as the page audit
// (tests/e2e/page-audit.test.ts) on the seeded demo data. SKIP_H5_BUILD=1 reuses dist-h5.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { H5_DIR, launchBrowser } from '../tests/support/browser'
import { openAuditPage, PageAuditor, type Mode } from '../tests/support/page-audit/audit'
import { auditVisits, signInDemoUsers, type Visit } from '../tests/support/page-audit/routes'
import createTemplate from '../tests/support/template-db'
import { startTestHost } from '../tests/support/test-host'

const OUT = resolve(__dirname, '../docs/screenshots')
const MODES: Mode[] = ['normal', 'large']
const MODE_LABELS: Record<Mode, string> = { normal: '标准', large: '大字模式' }

/** `/pages/feedback/submit/index` → `feedback-submit`. */
const slug = (route: string) =>
  route
    .replace(/^\/pages\//, '')
    .replace(/\/index$/, '')
    .replace(/\//g, '-')
const fileOf = (visit: Visit, mode: Mode) => `${visit.role}-${mode}-${slug(visit.route)}.png`

function buildH5() {
  if (process.env.SKIP_H5_BUILD === '1' && existsSync(join(H5_DIR, 'index.html'))) return
  console.log('building the H5 app…')
  const build = spawnSync('npx', ['taro', 'build', '--type', 'h5'], { encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`H5 build failed:\n${build.stdout}\n${build.stderr}`)
}

function indexOf(visits: Visit[]): string {
  const rows = visits.map((visit) => {
    const cells = MODES.map((mode) => `<img src="${fileOf(visit, mode)}" width="180" alt="${visit.route} ${mode}">`)
    return `| \`${visit.route}\` | ${visit.role} | ${cells.join(' | ')} |`
  })
  return [
    '# 页面截图 (375×812)',
    '',
    'Written by `npm run screenshots` on the seeded demo data: every route of `src/app.config.ts`, as the role',
    'that uses it, in both modes. The page audit in `tests/e2e/page-audit.test.ts` checks the same pages.',
    '',
    `| 页面 | 身份 | ${MODES.map((m) => MODE_LABELS[m]).join(' | ')} |`,
    `|---|---|${MODES.map(() => '---').join('|')}|`,
    ...rows,
    '',
  ].join('\n')
}

async function main() {
  buildH5()
  await createTemplate()
  const host = await startTestHost({ staticDir: H5_DIR })
  const browser = await launchBrowser()
  try {
    const users = await signInDemoUsers(host)
    const visits = await auditVisits(users)
    const page = await openAuditPage(browser)
    const auditor = new PageAuditor(page, host, users)
    mkdirSync(OUT, { recursive: true })
    for (const old of readdirSync(OUT).filter((name) => name.endsWith('.png'))) rmSync(join(OUT, old))
    for (const mode of MODES) {
      await auditor.setMode(mode)
      for (const visit of visits) {
        const problems = await auditor.open(visit, mode)
        if (problems.length > 0) console.warn(`${visit.route} (${visit.role}, ${mode}): ${problems.join('; ')}`)
        await page.screenshot({ path: join(OUT, fileOf(visit, mode)) })
      }
    }
    writeFileSync(join(OUT, 'index.md'), indexOf(visits))
    console.log(`${visits.length * MODES.length} screenshots in docs/screenshots/`)
  } finally {
    await browser.close()
    await host.close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})

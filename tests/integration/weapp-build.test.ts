import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

// What WeChat DevTools checks before it will preview or upload, checked on our own build.
const ROOT = resolve(__dirname, '../..')
const DIST = join(ROOT, 'dist')
const MB = 1024 * 1024

interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
  lazyCodeLoading?: string
  preloadRule?: Record<string, { network?: string; packages: string[] }>
  tabBar: { list: { pagePath: string; iconPath?: string; selectedIconPath?: string }[] }
}

function bytesUnder(path: string, skip: string[] = []): number {
  if (skip.includes(path)) return 0
  const info = statSync(path)
  if (!info.isDirectory()) return info.size
  return readdirSync(path).reduce((sum, name) => sum + bytesUnder(join(path, name), skip), 0)
}

function pngSize(path: string): { width: number; height: number } {
  const png = readFileSync(path)
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

let app: AppJson

beforeAll(() => {
  // Built as it ships: under jest's NODE_ENV=test Taro leaves native components' attributes out of base.wxml.
  const env = { ...process.env, NODE_ENV: 'production' }
  execFileSync('npx', ['taro', 'build', '--type', 'weapp'], { cwd: ROOT, stdio: 'pipe', env })
  app = JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8'))
})

test('every page of the main package and the subpackages is complete', () => {
  const pages = [
    ...app.pages,
    ...(app.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`)),
  ]
  for (const page of pages) {
    for (const ext of ['js', 'json', 'wxml']) expect(existsSync(join(DIST, `${page}.${ext}`))).toBe(true)
    const config = JSON.parse(readFileSync(join(DIST, `${page}.json`), 'utf8')) as {
      usingComponents?: Record<string, string>
    }
    for (const component of Object.values(config.usingComponents ?? {})) {
      const base = component.startsWith('/') ? join(DIST, component) : join(DIST, dirname(page), component)
      expect(existsSync(`${base}.js`) || existsSync(join(base, 'index.js'))).toBe(true)
    }
  }
})

test('tab bar: 2 to 5 tabs on main-package pages, icons present, small and square', () => {
  expect(app.tabBar.list.length).toBeGreaterThanOrEqual(2)
  expect(app.tabBar.list.length).toBeLessThanOrEqual(5)
  for (const tab of app.tabBar.list) {
    expect(app.pages).toContain(tab.pagePath)
    for (const icon of [tab.iconPath, tab.selectedIconPath]) {
      const file = join(DIST, icon ?? '')
      expect(statSync(file).size).toBeLessThan(40 * 1024)
      const { width, height } = pngSize(file)
      expect(width).toBe(height)
    }
  }
})

test('package sizes stay inside WeChat limits: main and each subpackage ≤ 2 MB, all ≤ 20 MB', () => {
  const subRoots = (app.subPackages ?? []).map((p) => join(DIST, p.root.replace(/\/$/, '')))
  expect(bytesUnder(DIST, subRoots)).toBeLessThan(2 * MB)
  for (const root of subRoots) expect(bytesUnder(root)).toBeLessThan(2 * MB)
  expect(bytesUnder(DIST)).toBeLessThan(20 * MB)
})

test('the rate page a mini-program code opens is built, and reads `scene` from its launch options', () => {
  const survey = app.subPackages?.find((p) => p.root.replace(/\/$/, '') === 'pages/survey')
  expect(survey?.pages).toContain('rate/index')
  const page = readFileSync(join(DIST, 'pages/survey/rate/index.js'), 'utf8')
  // `useRouter().params` are the page's onLoad options; WeChat puts a mini-program code's scene there.
  expect(page).toMatch(/\.scene\b/)
  expect(page).toContain('?scene=')
})

test('the weapp declares its privacy check and answers WeChat with the consent sheet', () => {
  expect((app as AppJson & { __usePrivacyCheck__?: boolean }).__usePrivacyCheck__).toBe(true)
  const mainScripts = ['app.js', 'common.js', 'vendors.js', 'taro.js']
    .filter((name) => existsSync(join(DIST, name)))
    .map((name) => readFileSync(join(DIST, name), 'utf8'))
    .join('\n')
  expect(mainScripts).toContain('onNeedPrivacyAuthorization')
  // The sheet's agree button: WeChat lets the waiting API go on only after this button was tapped.
  expect(mainScripts).toMatch(/openType:\s*"agreePrivacyAuthorization"/)
  expect(mainScripts).toContain('privacy-agree')
  expect(readFileSync(join(DIST, 'base.wxml'), 'utf8')).toMatch(/bindagreeprivacyauthorization/i)
  expect(app.subPackages?.find((p) => p.root.replace(/\/$/, '') === 'pages/identity')?.pages).toContain('privacy/index')
})

test('cold start: components load on demand and every tab preloads its subpackages on Wi-Fi', () => {
  expect(app.lazyCodeLoading).toBe('requiredComponents')
  const roots = (app.subPackages ?? []).map((p) => p.root.replace(/\/$/, ''))
  const subBytes = (root: string) => bytesUnder(join(DIST, root))
  for (const tab of app.tabBar.list) {
    const rule = app.preloadRule?.[tab.pagePath]
    expect(rule?.network).toBe('wifi')
    expect(rule?.packages.length).toBeGreaterThan(0)
    for (const root of rule?.packages ?? []) expect(roots).toContain(root)
    // WeChat refuses more than 2 MB of preloading from one page.
    expect((rule?.packages ?? []).reduce((sum, root) => sum + subBytes(root), 0)).toBeLessThan(2 * MB)
  }
})

test('the WeChat questionnaire ships the native rating that tests/component/rx-rating.test.ts drives', () => {
  const config = JSON.parse(readFileSync(join(DIST, 'pages/survey/rate/index.json'), 'utf8')) as {
    usingComponents?: Record<string, string>
  }
  expect(config.usingComponents?.['rx-rating']).toBe('../../../components/native/rx-rating/index')
  for (const ext of ['js', 'json', 'wxml', 'wxss']) {
    expect(existsSync(join(DIST, `components/native/rx-rating/index.${ext}`))).toBe(true)
  }
  expect(readFileSync(join(DIST, 'base.wxml'), 'utf8')).toMatch(/<rx-rating [^>]*na="\{\{i\.na\}\}"[^>]*bindchange=/)
})

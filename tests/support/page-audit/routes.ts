import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import ts from 'typescript'
import type { CampaignView, FeedbackItem, Role, SessionView } from '../../../src/contract'
import { staffCampaignInput } from '../staff-survey'
import { consentToTreatmentText, dataOf, type SignedIn, type TestHost } from '../test-host'
import { complaintInput, departments, studySession, visitCode } from '../world'

const APP_CONFIG = resolve(__dirname, '../../../src/app.config.ts')

interface AppConfig {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
  tabBar?: { list: { pagePath: string }[] }
}

/** The app's config as the build sees it: the file evaluated with Taro's `defineAppConfig` as identity. */
function readAppConfig(): AppConfig {
  const { outputText } = ts.transpileModule(readFileSync(APP_CONFIG, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
  })
  const module = { exports: {} as { default?: AppConfig } }
  new Function('module', 'exports', 'defineAppConfig', outputText)(module, module.exports, (c: AppConfig) => c)
  if (!module.exports.default) throw new Error('src/app.config.ts exports no default config')
  return module.exports.default
}

/** Every route of the app (main package and subpackages), as `/pages/…/index`. */
export function appRoutes(): string[] {
  const config = readAppConfig()
  const sub = (config.subPackages ?? []).flatMap(({ root, pages }) => pages.map((page) => `${root}/${page}`))
  return [...config.pages, ...sub].map((path) => `/${path}`)
}

export function tabRoutes(): Set<string> {
  return new Set((readAppConfig().tabBar?.list ?? []).map((tab) => `/${tab.pagePath}`))
}

/**
 * Who uses a page, where that is not a patient. A tab is seen by everyone, so it is audited both as
 * a patient and as the role that sees the most on it. A new page is audited as a patient until
 * listed here.
 */
const USERS: Record<string, Role[]> = {
  '/pages/tabs/care/index': ['patient', 'admin'],
  '/pages/tabs/volunteer/index': ['patient', 'volunteer'],
  '/pages/tabs/study/index': ['patient', 'staff'],
  '/pages/tabs/me/index': ['patient', 'admin'],
  '/pages/survey/dashboard/index': ['manager'],
  '/pages/survey/alerts/index': ['manager'],
  '/pages/survey/visits/index': ['admin'],
  '/pages/feedback/queue/index': ['manager'],
  '/pages/feedback/review/index': ['admin'],
  '/pages/feedback/my-praise/index': ['staff'],
  '/pages/feedback/stars/index': ['admin'],
  '/pages/study/upcoming/index': ['staff'],
  '/pages/study/check-in/index': ['staff'],
  '/pages/study/record/index': ['staff'],
  '/pages/study/organize/index': ['manager'],
  '/pages/study/session-form/index': ['manager'],
  '/pages/study/qr/index': ['manager'],
  '/pages/study/live/index': ['manager'],
  '/pages/study/stats/index': ['admin'],
  '/pages/volunteer/hall/index': ['volunteer'],
  '/pages/volunteer/record/index': ['volunteer'],
  '/pages/volunteer/ranking/index': ['volunteer'],
  '/pages/volunteer/admin/index': ['admin'],
  '/pages/volunteer/report/index': ['volunteer'],
  '/pages/volunteer/certificate/index': ['volunteer'],
  '/pages/identity/roster/index': ['admin'],
  '/pages/staff-survey/answer/index': ['staff'],
  '/pages/staff-survey/results/index': ['admin'],
  '/pages/voice/lexicon/index': ['admin'],
  '/pages/voice/heat/index': ['manager'],
}

export interface Visit {
  route: string
  role: Role
  /** `?id=…` for a page that shows one record, else empty. */
  query: string
}

const ROLE_ORDER: Role[] = ['patient', 'volunteer', 'staff', 'manager', 'admin']

/** The seeded demo users, one per role, signed in on the host. */
export type DemoUsers = Record<Role, SignedIn>

export async function signInDemoUsers(host: TestHost): Promise<DemoUsers> {
  const users = await Promise.all(ROLE_ORDER.map((role) => host.signIn(role)))
  return Object.fromEntries(ROLE_ORDER.map((role, i) => [role, users[i]])) as DemoUsers
}

/**
 * Real records for the pages that show one: the patient's own complaint, a session the manager
 * organised, an open staff campaign and a fresh visit code.
 */
async function recordQueries(users: DemoUsers): Promise<Record<string, string>> {
  const { patient, manager, admin } = users
  const where = await departments(admin)
  const mine = dataOf(await patient.call<FeedbackItem[]>('feedback', 'mine'))
  // A complaint is free text about treatment, so writing one needs the patient's 单独同意 first.
  const complaint =
    mine[0] ??
    dataOf(
      await (
        await consentToTreatmentText(patient)
      ).call<FeedbackItem>('feedback', 'submit', complaintInput(where.home)),
    )
  const organized = dataOf(await manager.call<SessionView[]>('study', 'organized'))
  const session = organized[0] ?? (await studySession(manager, [manager.user.departmentId ?? where.home.id]))
  const campaign = dataOf(
    await admin.call<CampaignView>('staffSurvey', 'createCampaign', staffCampaignInput('页面检查 职工满意度')),
  )
  const code = await visitCode(admin, `AUDIT-${Date.now()}`, where.home)
  return {
    '/pages/feedback/detail/index': `?id=${complaint.id}`,
    '/pages/study/session-form/index': `?id=${session.id}`,
    '/pages/study/qr/index': `?id=${session.id}`,
    '/pages/study/live/index': `?id=${session.id}`,
    '/pages/staff-survey/answer/index': `?id=${campaign.id}`,
    '/pages/survey/rate/index': `?code=${code}`,
  }
}

/**
 * Every route of the app, once per role that uses it, with a real record where it needs one;
 * grouped by role, since changing user costs a full page load.
 */
export async function auditVisits(users: DemoUsers): Promise<Visit[]> {
  const queries = await recordQueries(users)
  const visits = appRoutes().flatMap((route) =>
    (USERS[route] ?? ['patient']).map((role) => ({ route, role, query: queries[route] ?? '' })),
  )
  return visits.sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role))
}

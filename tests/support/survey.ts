import type { Department, ImportVisitsResult, OpenVisitResult } from '../../src/contract'
import { dataOf, type SignedIn, type TestHost } from './test-host'

export const VISIT_HEADER = 'visit_id,type,department,visit_date,doctor'

/** China-time date `daysAgo` days before `at`, as visits are dated. */
export function chinaDate(at: Date, daysAgo = 0): string {
  return new Date(at.getTime() + 8 * 3600 * 1000 - daysAgo * 24 * 3600 * 1000).toISOString().slice(0, 10)
}

export async function departmentsByName(user: SignedIn): Promise<Map<string, Department>> {
  const list = dataOf(await user.call<Department[]>('identity', 'departments'))
  return new Map(list.map((d) => [d.name, d]))
}

/** The id of a department by name, failing the test where the hospital has none of that name. */
export function departmentIdIn(departments: Map<string, { id: string }>, name: string): string {
  const found = departments.get(name)
  if (!found) throw new Error(`no department ${name}`)
  return found.id
}

/** Imports `count` fresh visits of one department dated today; returns their codes in order. */
export async function importVisits(
  admin: SignedIn,
  prefix: string,
  department: string,
  count: number,
  type: 'outpatient' | 'inpatient' = 'outpatient',
): Promise<string[]> {
  const today = chinaDate(new Date())
  const lines = Array.from({ length: count }, (_, i) => `${prefix}-${i},${type},${department},${today},`)
  const result = dataOf(
    await admin.call<ImportVisitsResult>('survey', 'importVisits', { csv: [VISIT_HEADER, ...lines].join('\n') }),
  )
  if (result.added !== count) throw new Error(`import added ${result.added}: ${JSON.stringify(result.errors)}`)
  return result.codes.map((c) => c.code)
}

/** Every item answered with `score` (overall with `overall`), 不适用 nowhere. */
export function answersFor(opened: OpenVisitResult, score: number, overall = score): Record<string, number | null> {
  return Object.fromEntries(
    opened.questionnaire.items.map((item) => [item.id, item.id === 'overall' ? overall : score]),
  )
}

export async function submitScore(host: TestHost, code: string, patientId: string, score: number, overall = score) {
  const patient = await host.signIn('patient', patientId)
  const opened = dataOf(await patient.call<OpenVisitResult>('survey', 'openVisit', { code }))
  return patient.call('survey', 'submit', { code, answers: answersFor(opened, score, overall), recommend: 9 })
}

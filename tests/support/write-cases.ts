import type { ActionName, FunctionName, OpenVisitResult } from '../../src/contract'
import { answersFor, chinaDate, VISIT_HEADER } from './survey'
import { dataOf, type SignedIn, type TestHost } from './test-host'
import {
  applicant,
  claimedRequest,
  helpRequestInput,
  onShift,
  openAlert,
  registration,
  visitCode,
  waitingRequest,
  type Departments,
} from './world'

export interface WriteWorld {
  host: TestHost
  admin: SignedIn
  where: Departments
}

/** Who calls, with what: an input the action accepts and carries out, made fresh for `tag`. */
export interface WriteCase {
  as: SignedIn
  input: unknown
}

type Setup = (w: WriteWorld, tag: string) => Promise<WriteCase>

/** A setup for every write action (`write: true`); the suites fail for one without. */
export type WriteCases = { [F in FunctionName]: Partial<Record<ActionName<F>, Setup>> }

let rosterPick = 0

/** A roster entry nobody has asked to bind yet. */
async function freeEmployee(host: TestHost) {
  const [entry] = await host.host.store.sql.query<{ employeeNo: string; name: string }>(
    `SELECT employee_no AS "employeeNo", name FROM staff_roster
     WHERE employee_no NOT IN (SELECT employee_no FROM staff_bindings)
     ORDER BY employee_no DESC OFFSET $1 LIMIT 1`,
    [rosterPick++],
  )
  if (!entry) throw new Error('the roster ran out of free employees')
  return entry
}

async function pendingStaff(host: TestHost, tag: string) {
  const patient = await host.signIn('patient', tag)
  dataOf(await patient.call('identity', 'bindStaff', await freeEmployee(host)))
  return patient
}

const asAdmin = (w: WriteWorld, input: unknown): WriteCase => ({ as: w.admin, input })

export const WRITE_CASES: WriteCases = {
  identity: {
    setPrefs: async (w, tag) => ({ as: await w.host.signIn('patient', tag), input: { largeText: true } }),
    bindStaff: async (w, tag) => ({ as: await w.host.signIn('patient', tag), input: await freeEmployee(w.host) }),
    approveStaff: async (w, tag) => asAdmin(w, { userId: (await pendingStaff(w.host, tag)).user.id, approve: true }),
    setRole: async (w, tag) =>
      asAdmin(w, {
        userId: (await w.host.signIn('patient', tag)).user.id,
        role: 'manager',
        grant: true,
        departmentId: w.where.home.id,
      }),
    deleteMe: async (w, tag) => {
      const patient = await w.host.signIn('patient', tag)
      dataOf(await patient.call('volunteer', 'register', registration('将删除', '13700001111')))
      return { as: patient, input: { confirm: true } }
    },
  },
  survey: {
    importVisits: async (w, tag) =>
      asAdmin(w, { csv: `${VISIT_HEADER}\n${tag}-1,outpatient,${w.where.home.name},${chinaDate(new Date())},` }),
    submit: async (w, tag) => {
      const code = await visitCode(w.admin, tag, w.where.home)
      const patient = await w.host.signIn('patient', tag)
      const opened = dataOf(await patient.call<OpenVisitResult>('survey', 'openVisit', { code }))
      return { as: patient, input: { code, answers: answersFor(opened, 4), recommend: 9, comment: '护士很耐心' } }
    },
    followUp: async (w, tag) =>
      asAdmin(w, { alertId: await openAlert(w.host, w.admin, tag, w.where.home), action: 'called', note: '已回访' }),
    closeAlert: async (w, tag) =>
      asAdmin(w, { alertId: await openAlert(w.host, w.admin, tag, w.where.home), note: '已处理' }),
  },
  volunteer: {
    register: async (w, tag) => ({ as: await w.host.signIn('patient', tag), input: registration('李志愿') }),
    approve: async (w, tag) => asAdmin(w, { userId: (await applicant(w.host, tag)).user.id }),
    reject: async (w, tag) => asAdmin(w, { userId: (await applicant(w.host, tag)).user.id, reason: '资料不全' }),
    startShift: async (w, tag) => ({ as: await w.host.signIn('volunteer', tag), input: { station: '急诊' } }),
    endShift: async (w, tag) => ({ as: await onShift(w.host, tag), input: {} }),
    sweep: async (w) => asAdmin(w, {}),
    request: async (w, tag) => ({ as: await w.host.signIn('patient', tag), input: helpRequestInput(w.where.home) }),
    cancel: async (w, tag) => {
      const { patient, requestId } = await waitingRequest(w.host, tag, w.where.home)
      return { as: patient, input: { requestId } }
    },
    rate: async (w, tag) => {
      const { patient, requestId } = await claimedRequest(w.host, tag, w.where.home, true)
      return { as: patient, input: { requestId, stars: 5, comment: '很热心' } }
    },
    claim: async (w, tag) => {
      const { requestId } = await waitingRequest(w.host, `${tag}-patient`, w.where.home)
      return { as: await onShift(w.host, `${tag}-volunteer`), input: { requestId } }
    },
    release: async (w, tag) => {
      const { volunteer, requestId } = await claimedRequest(w.host, tag, w.where.home)
      return { as: volunteer, input: { requestId } }
    },
    complete: async (w, tag) => {
      const { volunteer, requestId } = await claimedRequest(w.host, tag, w.where.home)
      return { as: volunteer, input: { requestId } }
    },
    adjustHours: async (w, tag) =>
      asAdmin(w, { userId: (await w.host.signIn('volunteer', tag)).user.id, minutes: 45, reason: '补录义诊服务' }),
  },
}

export function writeCase(fn: string, action: string): Setup | undefined {
  const cases: Partial<Record<string, Partial<Record<string, Setup>>>> = WRITE_CASES
  return cases[fn]?.[action]
}

import type {
  AlertView,
  Department,
  FeedbackItem,
  FunctionName,
  MyHelpRequest,
  QrCodeView,
  SessionView,
} from '../../src/contract'
import { departmentsByName, importVisits, submitScore } from './survey'
import { consentToTreatmentText, dataOf, post, type Reply, type SignedIn, type TestHost } from './test-host'

/** The department the hardening suites act on, and another one for "manager of another department". */
export const HOME_DEPARTMENT = '心内科'
export const OTHER_DEPARTMENT = '呼吸内科'

/** A phone number that only the roles allowed to see it may ever receive in full. */
export const APPLICANT_PHONE = '13912345678'

export const CALLER_KINDS = [
  'anonymous',
  'patient',
  'volunteer',
  'staff',
  'managerSame',
  'managerOther',
  'admin',
] as const
export type CallerKind = (typeof CALLER_KINDS)[number]

export type Caller = Pick<SignedIn, 'call'>

/** Calls without a token, as someone who never signed in. */
export function anonymous(host: TestHost): Caller {
  return {
    call: async <T>(fn: string, action: string, data?: unknown, requestId?: string) =>
      (await post(`${host.url}/fn/${fn}`, JSON.stringify({ action, data, requestId }))) as Reply<T>,
  }
}

export interface Departments {
  home: Department
  other: Department
}

export async function departments(user: SignedIn): Promise<Departments> {
  const byName = await departmentsByName(user)
  const pick = (name: string) => {
    const department = byName.get(name)
    if (!department) throw new Error(`no department ${name} in the seed`)
    return department
  }
  return { home: pick(HOME_DEPARTMENT), other: pick(OTHER_DEPARTMENT) }
}

/** One signed-in user per caller kind; `tag` keeps suites' users apart. */
export async function signInCallers(host: TestHost, tag: string, where: Departments) {
  const callers: Record<CallerKind, Caller> = {
    anonymous: anonymous(host),
    patient: await host.signIn('patient', `${tag}-patient`),
    volunteer: await host.signIn('volunteer', `${tag}-volunteer`),
    staff: await host.signIn('staff', `${tag}-staff`, where.home.id),
    managerSame: await host.signIn('manager', `${tag}-manager-same`, where.home.id),
    managerOther: await host.signIn('manager', `${tag}-manager-other`, where.other.id),
    admin: await host.signIn('admin', `${tag}-admin`),
  }
  return callers
}

export const registration = (name: string, phone = APPLICANT_PHONE) => ({
  name,
  phone,
  team: '青年',
  skills: ['手语'],
  availability: '周二上午',
})

/** A patient with a pending volunteer registration. */
export async function applicant(host: TestHost, id: string, phone = APPLICANT_PHONE) {
  const user = await host.signIn('patient', id)
  dataOf(await user.call('volunteer', 'register', registration('张申请', phone)))
  return user
}

export const helpRequestInput = (to: Department) => ({ need: '导诊带路', from: '门诊大厅', to: to.id, people: 1 })

/** A waiting help request of a fresh patient. */
export async function waitingRequest(host: TestHost, id: string, to: Department) {
  const patient = await host.signIn('patient', id)
  const request = dataOf(await patient.call<MyHelpRequest>('volunteer', 'request', helpRequestInput(to)))
  return { patient, requestId: request.id }
}

/** A volunteer on shift. */
export async function onShift(host: TestHost, id: string) {
  const volunteer = await host.signIn('volunteer', id)
  await volunteer.call('volunteer', 'startShift', { station: '门诊大厅' })
  return volunteer
}

/** A request claimed by a volunteer on shift; `completed` takes it to the end. */
export async function claimedRequest(host: TestHost, id: string, to: Department, completed = false) {
  const { patient, requestId } = await waitingRequest(host, `${id}-patient`, to)
  const volunteer = await onShift(host, `${id}-volunteer`)
  dataOf(await volunteer.call('volunteer', 'claim', { requestId }))
  if (completed) dataOf(await volunteer.call('volunteer', 'complete', { requestId }))
  return { patient, volunteer, requestId }
}

/** A volunteer far above the 优秀志愿者 bar this year: 200 h and five completed requests, unrated. */
export async function excellentCandidate(host: TestHost, admin: SignedIn, id: string, to: Department) {
  let volunteer: SignedIn | null = null
  for (let i = 0; i < 5; i++) volunteer = (await claimedRequest(host, id, to, true)).volunteer
  if (!volunteer) throw new Error('no volunteer')
  for (let i = 0; i < 2; i++) {
    dataOf(
      await admin.call('volunteer', 'adjustHours', {
        userId: volunteer.user.id,
        minutes: 6000,
        reason: '补录义诊服务',
      }),
    )
  }
  return volunteer
}

/** A fresh visit code of the department. */
export async function visitCode(admin: SignedIn, prefix: string, department: Department): Promise<string> {
  const [code] = await importVisits(admin, prefix, department.name, 1)
  return code
}

/** An open low-score alert of the department. */
export async function openAlert(host: TestHost, admin: SignedIn, prefix: string, department: Department) {
  const code = await visitCode(admin, prefix, department)
  const openIds = async () =>
    dataOf(await admin.call<AlertView[]>('survey', 'alerts', { departmentId: department.id, filter: 'open' })).map(
      (a) => a.id,
    )
  const before = new Set(await openIds())
  dataOf(await submitScore(host, code, `${prefix}-patient`, 1))
  // Alerts keep the day only, so the new one is the one that was not there before.
  const added = (await openIds()).find((id) => !before.has(id))
  if (!added) throw new Error('the low score raised no alert')
  return added
}

/** `fn.action` of every action the cloud exposes. */
export function actionKeys(functions: Record<FunctionName, Record<string, unknown>>): string[] {
  return Object.entries(functions).flatMap(([fn, actions]) => Object.keys(actions).map((action) => `${fn}.${action}`))
}

export const complaintInput = (to: Department) => ({
  kind: 'complaint',
  departmentId: to.id,
  categories: ['态度生硬'],
  text: '候诊两个小时没有人解释，询问时态度很冲。',
  anonymous: false,
})

export const praiseInput = (to: Department, employeeNo?: string) => ({
  kind: 'praise',
  departmentId: to.id,
  ...(employeeNo ? { staff: { employeeNo } } : {}),
  categories: ['耐心解释'],
  text: '护士很耐心地讲解了用药方法，谢谢！',
  anonymous: true,
})

/** Feedback a fresh patient just submitted: a complaint unless `input` says otherwise. */
export async function submittedFeedback(host: TestHost, id: string, to: Department, input = complaintInput(to)) {
  const patient = await consentToTreatmentText(await host.signIn('patient', id))
  const item = dataOf(await patient.call<FeedbackItem>('feedback', 'submit', input))
  return { patient, id: item.id }
}

/** A complaint the department has accepted and answered: its patient may now confirm or reopen it. */
export async function repliedComplaint(host: TestHost, handler: SignedIn, id: string, to: Department) {
  const submitted = await submittedFeedback(host, id, to)
  dataOf(await handler.call('feedback', 'accept', { id: submitted.id }))
  dataOf(
    await handler.call('feedback', 'reply', {
      id: submitted.id,
      text: '已核实情况并向您致歉，今后改进。',
      upheld: true,
    }),
  )
  return submitted
}

/** A member of staff of the department, from the roster. */
export async function rosterStaffOf(host: TestHost, department: Department): Promise<string> {
  const [entry] = await host.host.store.sql.query<{ employeeNo: string }>(
    'SELECT employee_no AS "employeeNo" FROM staff_roster WHERE department_id = $1 ORDER BY employee_no LIMIT 1',
    [department.id],
  )
  if (!entry) throw new Error(`no staff in ${department.name}`)
  return entry.employeeNo
}

const MINUTE_MS = 60_000
const DAY_MS = 24 * 60 * MINUTE_MS

/** A study session of `audience` starting `startInMinutes` from now (real time), as `organizer`. */
export async function studySession(
  organizer: SignedIn,
  audience: 'all' | string[],
  { startInMinutes = DAY_MS / MINUTE_MS, hours = 1 }: { startInMinutes?: number; hours?: number } = {},
) {
  const start = Date.now() + startInMinutes * MINUTE_MS
  return dataOf(await organizer.call<SessionView>('study', 'createSession', studySessionInput(audience, start, hours)))
}

export const studySessionInput = (audience: 'all' | string[], start = Date.now() + DAY_MS, hours = 1) => ({
  type: '业务学习',
  title: '院感防控培训',
  location: '学术报告厅',
  startAt: new Date(start).toISOString(),
  endAt: new Date(start + hours * 60 * MINUTE_MS).toISOString(),
  audience,
  creditHours: 1,
})

/** A staff member checked in, by the organizer's current QR code, to a session that has just started (so 签退 is open). */
export async function checkedIn(host: TestHost, organizer: SignedIn, id: string, hours = 1) {
  const session = await studySession(organizer, 'all', { startInMinutes: -1, hours })
  const qr = dataOf(await organizer.call<QrCodeView>('study', 'qrCode', { sessionId: session.id }))
  const staff = await host.signIn('staff', id)
  dataOf(await staff.call('study', 'checkIn', { payload: qr.payload }))
  return { staff, sessionId: session.id }
}

import { CLOUD_FUNCTIONS } from '../../src/cloud/registry'
import type { ErrorCode, FeedbackItem, MyHelpRequest, OpenVisitResult, QrCodeView } from '../../src/contract'
import { monthOf } from '../../src/contract/month'
import {
  EXPECTED,
  matrixRow,
  ROLE_MATRIX,
  type MatrixMakers,
  type MatrixWorld,
  type Outcome,
} from '../support/role-matrix'
import { staffCampaignInput } from '../support/staff-survey'
import { answersFor } from '../support/survey'
import {
  consentToTreatmentText,
  dataOf,
  startTestHost,
  type Reply,
  type SignedIn,
  type TestHost,
} from '../support/test-host'
import {
  actionKeys,
  APPLICANT_PHONE,
  applicant,
  CALLER_KINDS,
  complaintInput,
  departments,
  excellentCandidate,
  helpRequestInput,
  onShift,
  openAlert,
  praiseInput,
  rosterStaffOf,
  signInCallers,
  studySession,
  submittedFeedback,
  visitCode,
  waitingRequest,
  type Caller,
  type CallerKind,
  type Departments,
} from '../support/world'

let host: TestHost
let callers: Record<CallerKind, Caller>
let world: MatrixWorld
/** Every reply each caller got, for the privacy scan at the end. */
const seen = {} as Record<CallerKind, string[]>
for (const kind of CALLER_KINDS) seen[kind] = []

const ROSTER_SIZE = 20
/** The team the matrix volunteer leads. */
const LED_TEAM = '青年'
let serial = 0
const fresh = (what: string) => `rm-${what}-${++serial}`

/** What the rows' fresh inputs are made with, through the host as people would. */
function makers(setupAdmin: SignedIn, organizer: SignedIn, where: Departments, liveSessionId: string): MatrixMakers {
  const roster = Array.from({ length: ROSTER_SIZE }, (_, i) => ({ employeeNo: `RMB${100 + i}`, name: `矩阵职工${i}` }))
  const helper = onShift(host, 'rm-helper-volunteer')
  const complaint: MatrixMakers['complaint'] = async (state) => {
    const { id } = await submittedFeedback(host, fresh('complainant'), where.home)
    if (state !== 'submitted') dataOf(await organizer.call('feedback', 'accept', { id }))
    if (state === 'replied') {
      dataOf(await organizer.call('feedback', 'reply', { id, text: '已核实情况并向您致歉，今后改进。', upheld: false }))
    }
    return id
  }
  const unboundEmployee = async () => {
    const employee = roster.shift()
    if (!employee) throw new Error('the matrix ran out of roster entries')
    return employee
  }
  const requestOf = async (as: CallerKind) => {
    const caller = callers[as]
    const mine = await caller.call<MyHelpRequest | null>('volunteer', 'myRequest', {})
    const open = mine.body.ok ? mine.body.data : null
    if (open && (open.status === 'waiting' || open.status === 'claimed')) return open.id
    return dataOf(await caller.call<MyHelpRequest>('volunteer', 'request', helpRequestInput(where.home))).id
  }
  return {
    complaint,
    praise: async () => (await submittedFeedback(host, fresh('praiser'), where.home, praiseInput(where.home))).id,
    unboundEmployee,
    async staffApplicant() {
      const user = await host.signIn('patient', fresh('staff-applicant'))
      dataOf(await user.call('identity', 'bindStaff', await unboundEmployee()))
      return user.user.id
    },
    volunteerApplicant: async () => (await applicant(host, fresh('volunteer-applicant'))).user.id,
    alert: () => openAlert(host, setupAdmin, fresh('ALERT').toUpperCase(), where.home),
    async surveyAnswer() {
      const code = await visitCode(setupAdmin, fresh('VISIT').toUpperCase(), where.home)
      const opened = dataOf(await setupAdmin.call<OpenVisitResult>('survey', 'openVisit', { code }))
      return { code, answers: answersFor(opened, 4), recommend: 8 }
    },
    openRequestOf: async (as) => (as === 'anonymous' ? world.requestId : requestOf(as)),
    async completedRequestOf(as) {
      if (as === 'anonymous') return world.requestId
      const requestId = await requestOf(as)
      const volunteer = await helper
      dataOf(await volunteer.call('volunteer', 'claim', { requestId }))
      dataOf(await volunteer.call('volunteer', 'complete', { requestId }))
      return requestId
    },
    async claimedByVolunteer() {
      const { requestId } = await waitingRequest(host, fresh('requester'), where.home)
      dataOf(await callers.volunteer.call('volunteer', 'claim', { requestId }))
      return requestId
    },
    session: async () => (await studySession(organizer, [where.home.id])).id,
    async leave() {
      const sessionId = (await studySession(organizer, [where.home.id])).id
      const staff = await host.signIn('staff', fresh('on-leave'), where.home.id)
      dataOf(await staff.call('study', 'requestLeave', { sessionId, reason: '夜班后休息' }))
      return { sessionId, userId: staff.user.id }
    },
    freshStaff: async () => (await host.signIn('staff', fresh('present'), where.home.id)).user.id,
    async checkedInToLive() {
      const staff = await host.signIn('staff', fresh('checked-in'), where.home.id)
      const payload = dataOf(await organizer.call<QrCodeView>('study', 'qrCode', { sessionId: liveSessionId })).payload
      const { checkedInAt } = dataOf(await staff.call<{ checkedInAt: string }>('study', 'checkIn', { payload }))
      return { userId: staff.user.id, checkedInAt }
    },
    livePayload: async () =>
      dataOf(await organizer.call<QrCodeView>('study', 'qrCode', { sessionId: liveSessionId })).payload,
    async assignment() {
      const { requestId } = await waitingRequest(host, fresh('assigned-requester'), where.home)
      return { requestId, volunteerId: (await onShift(host, fresh('assignee'))).user.id }
    },
    async serviceReport() {
      const reporter = await host.signIn('volunteer', fresh('reporter'))
      const report = { date: '2026-03-01', place: '社区卫生服务中心', content: '健康讲座', hours: 2, team: LED_TEAM }
      return dataOf(await reporter.call<{ id: string }>('volunteer', 'reportService', report)).id
    },
    excellentCandidate: async () =>
      (await excellentCandidate(host, setupAdmin, fresh('excellent'), where.home)).user.id,
    async lexiconPhrase() {
      const phrase = `矩阵词${++serial}`
      dataOf(await setupAdmin.call('voice', 'saveLexiconEntry', { phrase, kind: 'term', theme: null, weight: 0.2 }))
      return phrase
    },
  }
}

beforeAll(async () => {
  host = await startTestHost()
  const setupAdmin = await host.signIn('admin', 'rm-setup-admin')
  const where = await departments(setupAdmin)
  callers = await signInCallers(host, 'rm', where)
  const code = await visitCode(setupAdmin, 'RM-VISIT', where.home)
  const organizer = await host.signIn('manager', 'rm-setup-manager', where.home.id)
  const roster = Array.from({ length: ROSTER_SIZE }, (_, i) => `RMB${100 + i},矩阵职工${i},${where.home.name},医师,否`)
  dataOf(
    await setupAdmin.call('identity', 'importRoster', { text: ['工号,姓名,科室,职称,党员', ...roster].join('\n') }),
  )
  // Everyone signed in has given 单独同意, so a refusal below is the role table's, not the consent rule's.
  for (const kind of CALLER_KINDS) if (kind !== 'anonymous') await consentToTreatmentText(callers[kind])
  const complaint = dataOf(await callers.patient.call<FeedbackItem>('feedback', 'submit', complaintInput(where.home)))
  const repliedOfPatient = async () => {
    const { id } = dataOf(await callers.patient.call<FeedbackItem>('feedback', 'submit', complaintInput(where.home)))
    dataOf(await organizer.call('feedback', 'accept', { id }))
    dataOf(await organizer.call('feedback', 'reply', { id, text: '已核实情况并向您致歉，今后改进。', upheld: false }))
    return id
  }
  const starEmployeeNo = await rosterStaffOf(host, where.home)
  const praised = await submittedFeedback(host, 'rm-star-praiser', where.home, praiseInput(where.home, starEmployeeNo))
  dataOf(await setupAdmin.call('feedback', 'approvePraise', { id: praised.id }))
  const live = await studySession(organizer, [where.home.id], { startInMinutes: 5, hours: 3 })
  // The matrix volunteer leads a team (to decide its reports) and has served (to be certified).
  const volunteerId = dataOf(await callers.volunteer.call<{ id: string }>('identity', 'me', {})).id
  dataOf(await setupAdmin.call('volunteer', 'setTeamLeader', { team: LED_TEAM, userId: volunteerId, leader: true }))
  dataOf(
    await setupAdmin.call('volunteer', 'adjustHours', { userId: volunteerId, minutes: 90, reason: '补录服务时长' }),
  )
  const campaign = dataOf(await setupAdmin.call<{ id: string }>('staffSurvey', 'createCampaign', staffCampaignInput()))
  world = {
    where,
    visitId: 'RM-VISIT-0',
    code,
    alertId: await openAlert(host, setupAdmin, 'RM-ALERT', where.home),
    requestId: (await waitingRequest(host, 'rm-requester', where.home)).requestId,
    applicantId: (await applicant(host, 'rm-applicant')).user.id,
    year: new Date().getFullYear(),
    complaintId: complaint.id,
    confirmId: await repliedOfPatient(),
    reopenId: await repliedOfPatient(),
    starEmployeeNo,
    thisMonth: monthOf(new Date()),
    sessionId: (await studySession(organizer, [where.home.id])).id,
    liveSessionId: live.id,
    liveStartAt: new Date(live.startAt),
    campaignId: campaign.id,
    make: makers(setupAdmin, organizer, where, live.id),
  }
})
afterAll(async () => {
  await host.close()
})

/** `allowed` only for a success: any other answer, NOT_FOUND and CONFLICT included, is named. */
function outcomeOf(reply: Reply): Outcome | ErrorCode {
  return reply.body.ok ? 'allowed' : reply.body.error.code
}

test('every action of every cloud function has a row, and every row an action', () => {
  const actions = actionKeys(CLOUD_FUNCTIONS)
  expect(actions.filter((key) => !matrixRow(...(key.split('.') as [string, string])))).toEqual([])
  expect(actionKeys(ROLE_MATRIX).filter((key) => !actions.includes(key))).toEqual([])
})

describe.each(Object.keys(CLOUD_FUNCTIONS))('%s', (fn) => {
  test.each(Object.keys(CLOUD_FUNCTIONS[fn as keyof typeof CLOUD_FUNCTIONS]))(
    '%s answers each role as the table says',
    async (action) => {
      const row = matrixRow(fn, action)
      if (!row) throw new Error(`no role-matrix row for ${fn}.${action}`)
      const actual: Partial<Record<CallerKind, string>> = {}
      const playing = row.freshCallers ? await signInCallers(host, fresh(action), world.where) : callers
      if (row.at) host.setClock(row.at(world))
      try {
        for (const kind of CALLER_KINDS) {
          if (row.onShift && kind === 'volunteer') {
            await playing.volunteer.call('volunteer', 'startShift', { station: '门诊大厅' })
          }
          const reply = await playing[kind].call(fn, action, await row.input?.(world, kind))
          actual[kind] = outcomeOf(reply)
          seen[kind].push(JSON.stringify(reply.body))
        }
      } finally {
        if (row.at) host.setClock(null)
      }
      expect(actual).toEqual(EXPECTED[row.access])
    },
  )
})

test('a full phone number reaches only the admin, across every reply of the matrix', () => {
  for (const kind of CALLER_KINDS) {
    const leaked = seen[kind].filter((body) => body.includes(APPLICANT_PHONE))
    if (kind === 'admin') expect(leaked.length).toBeGreaterThan(0)
    else expect(leaked).toEqual([])
  }
})

import { CLOUD_FUNCTIONS } from '../../src/cloud/registry'
import { EXPECTED, matrixRow, ROLE_MATRIX, type MatrixWorld, type Outcome } from '../support/role-matrix'
import type { FeedbackItem } from '../../src/contract'
import { dataOf, startTestHost, type Reply, type TestHost } from '../support/test-host'
import {
  actionKeys,
  APPLICANT_PHONE,
  applicant,
  CALLER_KINDS,
  complaintInput,
  departments,
  openAlert,
  praiseInput,
  signInCallers,
  studySession,
  submittedFeedback,
  visitCode,
  waitingRequest,
  type Caller,
  type CallerKind,
} from '../support/world'

let host: TestHost
let callers: Record<CallerKind, Caller>
let world: MatrixWorld
/** Every reply each caller got, for the privacy scan at the end. */
const seen = {} as Record<CallerKind, string[]>
for (const kind of CALLER_KINDS) seen[kind] = []

beforeAll(async () => {
  host = await startTestHost()
  const setupAdmin = await host.signIn('admin', 'rm-setup-admin')
  const where = await departments(setupAdmin)
  callers = await signInCallers(host, 'rm', where)
  const code = await visitCode(setupAdmin, 'RM-VISIT', where.home)
  const organizer = await host.signIn('manager', 'rm-setup-manager', where.home.id)
  const complaint = dataOf(await callers.patient.call<FeedbackItem>('feedback', 'submit', complaintInput(where.home)))
  world = {
    where,
    visitId: 'RM-VISIT-0',
    code,
    alertId: await openAlert(host, setupAdmin, 'RM-ALERT', where.home),
    requestId: (await waitingRequest(host, 'rm-requester', where.home)).requestId,
    applicantId: (await applicant(host, 'rm-applicant')).user.id,
    year: new Date().getFullYear(),
    complaintId: complaint.id,
    praiseId: (await submittedFeedback(host, 'rm-praiser', where.home, praiseInput(where.home))).id,
    sessionId: (await studySession(organizer, [where.home.id])).id,
    cancelSessionId: (await studySession(organizer, [where.home.id])).id,
  }
})
afterAll(async () => {
  await host.close()
})

function outcomeOf(reply: Reply): Outcome | 'INTERNAL' {
  if (reply.body.ok) return 'allowed'
  const { code } = reply.body.error
  return code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' || code === 'INTERNAL' ? code : 'allowed'
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
      for (const kind of CALLER_KINDS) {
        if (row.onShift && kind === 'volunteer') {
          await callers.volunteer.call('volunteer', 'startShift', { station: '门诊大厅' })
        }
        const reply = await callers[kind].call(fn, action, row.input?.(world))
        actual[kind] = outcomeOf(reply)
        seen[kind].push(JSON.stringify(reply.body))
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

import { createHash } from 'node:crypto'
import type { ActionName, FunctionName, OpenVisitResult, QrCodeView } from '../../src/contract'
import { chinaYear, monthOf } from '../../src/contract/month'
import { staffAnswersFor, staffCampaignInput } from './staff-survey'
import { answersFor, chinaDate, VISIT_HEADER } from './survey'
import { consentToTreatmentText, dataOf, type SignedIn, type TestHost } from './test-host'
import {
  applicant,
  checkedIn,
  claimedRequest,
  complaintInput,
  excellentCandidate,
  helpRequestInput,
  onShift,
  openAlert,
  praiseInput,
  registration,
  repliedComplaint,
  rosterStaffOf,
  studySession,
  studySessionInput,
  submittedFeedback,
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
    importRoster: async (w, tag) => {
      const employeeNo = `W${createHash('sha256').update(tag).digest('hex').slice(0, 8).toUpperCase()}`
      return asAdmin(w, { text: `工号,姓名,科室,职称,党员\n${employeeNo},写用例,${w.where.home.name},医师,否` })
    },
    setDepartmentKind: async (w) => asAdmin(w, { departmentId: w.where.other.id, kind: 'medtech' }),
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
      return {
        as: patient,
        input: { code, answers: answersFor(opened, 4), recommend: 9, comment: '护士很耐心', commentConsent: true },
      }
    },
    followUp: async (w, tag) =>
      asAdmin(w, { alertId: await openAlert(w.host, w.admin, tag, w.where.home), action: 'explained', note: '已说明' }),
    closeAlert: async (w, tag) =>
      asAdmin(w, { alertId: await openAlert(w.host, w.admin, tag, w.where.home), note: '已处理' }),
    publishImprovement: async (w, tag) =>
      asAdmin(w, { departmentId: w.where.home.id, said: `${tag}：候诊太久`, did: '上午增开两个诊室' }),
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
    assign: async (w, tag) => {
      const { requestId } = await waitingRequest(w.host, `${tag}-patient`, w.where.home)
      return asAdmin(w, { requestId, volunteerId: (await onShift(w.host, `${tag}-volunteer`)).user.id })
    },
    reportService: async (w, tag) => ({
      as: await w.host.signIn('volunteer', tag),
      input: { date: '2026-03-01', place: '社区卫生服务中心', content: `健康讲座（${tag}）`, hours: 2, team: '青年' },
    }),
    approveService: async (w, tag) => {
      const volunteer = await w.host.signIn('volunteer', tag)
      const report = dataOf(
        await volunteer.call<{ id: string }>('volunteer', 'reportService', {
          date: '2026-03-01',
          place: '社区卫生服务中心',
          content: `义诊（${tag}）`,
          hours: 3,
          team: '党员',
        }),
      )
      return asAdmin(w, { id: report.id, approve: true, note: '' })
    },
    certificate: async (w, tag) => {
      const volunteer = await w.host.signIn('volunteer', tag)
      dataOf(
        await w.admin.call('volunteer', 'adjustHours', {
          userId: volunteer.user.id,
          minutes: 120,
          reason: '补录义诊服务',
        }),
      )
      return { as: volunteer, input: {} }
    },
    revokeCertificates: async (w, tag) =>
      asAdmin(w, { userId: (await w.host.signIn('volunteer', tag)).user.id, reason: '志愿者资格撤销' }),
    setTeamLeader: async (w, tag) =>
      asAdmin(w, { team: '老年', userId: (await w.host.signIn('volunteer', tag)).user.id, leader: true }),
    publishExcellent: async (w, tag) => {
      const volunteer = await excellentCandidate(w.host, w.admin, tag, w.where.home)
      return asAdmin(w, { year: chinaYear(new Date()), userIds: [volunteer.user.id] })
    },
    addRecordSection: async (w, tag) =>
      asAdmin(w, {
        userId: (await w.host.signIn('volunteer', tag)).user.id,
        section: 'award',
        title: '优秀志愿者',
        date: '2026-01-15',
        detail: '年度表彰',
      }),
  },
  feedback: {
    savePhrase: async (w, tag) =>
      asAdmin(w, {
        scene: '诊室',
        situation: `患者询问检查结果（${tag}）`,
        recommended: ['我帮您看一下'],
        forbidden: ['自己看'],
      }),
    submit: async (w, tag) => ({
      as: await consentToTreatmentText(await w.host.signIn('patient', tag)),
      input: complaintInput(w.where.home),
    }),
    confirm: async (w, tag) => {
      const { patient, id } = await repliedComplaint(w.host, w.admin, tag, w.where.home)
      return { as: patient, input: { id, rating: 4 } }
    },
    reopen: async (w, tag) => {
      const { patient, id } = await repliedComplaint(w.host, w.admin, tag, w.where.home)
      return { as: patient, input: { id, reason: '回复没有解决问题' } }
    },
    accept: async (w, tag) => asAdmin(w, { id: (await submittedFeedback(w.host, tag, w.where.home)).id }),
    reply: async (w, tag) => {
      const { id } = await submittedFeedback(w.host, tag, w.where.home)
      dataOf(await w.admin.call('feedback', 'accept', { id }))
      return asAdmin(w, { id, text: '已核实情况并向您致歉，今后改进。', upheld: true })
    },
    // Early, so with the reason the patient will see.
    close: async (w, tag) =>
      asAdmin(w, {
        id: (await repliedComplaint(w.host, w.admin, tag, w.where.home)).id,
        reason: '患者留的电话多次无人接听，提前办结',
      }),
    sweep: async (w) => asAdmin(w, {}),
    approvePraise: async (w, tag) =>
      asAdmin(w, { id: (await submittedFeedback(w.host, tag, w.where.home, praiseInput(w.where.home))).id }),
    rejectPraise: async (w, tag) => {
      const { id } = await submittedFeedback(w.host, tag, w.where.home, praiseInput(w.where.home))
      return asAdmin(w, { id, reason: '内容重复' })
    },
    publishStars: async (w, tag) => {
      const employeeNo = await rosterStaffOf(w.host, w.where.home)
      const { id } = await submittedFeedback(w.host, tag, w.where.home, praiseInput(w.where.home, employeeNo))
      dataOf(await w.admin.call('feedback', 'approvePraise', { id }))
      return asAdmin(w, { month: monthOf(new Date()), picks: [{ departmentId: w.where.home.id, employeeNo }] })
    },
  },
  study: {
    createSession: async (w) => asAdmin(w, studySessionInput([w.where.home.id])),
    editSession: async (w) => {
      const session = await studySession(w.admin, 'all')
      return asAdmin(w, { ...studySessionInput([w.where.home.id]), title: '改期后的培训', sessionId: session.id })
    },
    cancelSession: async (w) => asAdmin(w, { sessionId: (await studySession(w.admin, 'all')).id }),
    decideLeave: async (w, tag) => {
      const session = await studySession(w.admin, 'all')
      const staff = await w.host.signIn('staff', tag)
      dataOf(await staff.call('study', 'requestLeave', { sessionId: session.id, reason: '外出会诊' }))
      return asAdmin(w, { sessionId: session.id, userId: staff.user.id, approve: true })
    },
    requestLeave: async (w, tag) => ({
      as: await w.host.signIn('staff', tag),
      input: { sessionId: (await studySession(w.admin, 'all')).id, reason: '夜班后休息' },
    }),
    checkIn: async (w, tag) => {
      const session = await studySession(w.admin, 'all', { startInMinutes: 5 })
      const qr = dataOf(await w.admin.call<QrCodeView>('study', 'qrCode', { sessionId: session.id }))
      return { as: await w.host.signIn('staff', tag), input: { payload: qr.payload } }
    },
    setCmeRequirement: async (w) => asAdmin(w, { year: 2031, total: 25, class2Min: 15, class2Max: 20 }),
    checkOut: async (w, tag) => {
      const { staff, sessionId } = await checkedIn(w.host, w.admin, tag, 3)
      return { as: staff, input: { sessionId } }
    },
    // Someone in the room whose phone could not show it: the organizer confirms them while the session runs.
    confirmPresence: async (w, tag) => {
      const session = await studySession(w.admin, 'all', { startInMinutes: -1 })
      const staff = await w.host.signIn('staff', tag)
      return asAdmin(w, { sessionId: session.id, userId: staff.user.id })
    },
    // A check-out the person never made, set to a moment after their check-in.
    correctCheckOut: async (w, tag) => {
      const { staff, sessionId } = await checkedIn(w.host, w.admin, tag, 3)
      return asAdmin(w, { sessionId, userId: staff.user.id, checkedOutAt: new Date().toISOString() })
    },
  },
  staffSurvey: {
    createCampaign: async (w) => asAdmin(w, staffCampaignInput()),
    submit: async (w, tag) => {
      const campaign = dataOf(await w.admin.call<{ id: string }>('staffSurvey', 'createCampaign', staffCampaignInput()))
      return { as: await w.host.signIn('staff', tag), input: staffAnswersFor(campaign.id) }
    },
  },
  voice: {
    saveLexiconEntry: async (w, tag) =>
      asAdmin(w, { phrase: `拽${tag.slice(-6)}`, kind: 'term', theme: 'courtesy', weight: -0.8 }),
    removeLexiconEntry: async (w, tag) => {
      const phrase = `拽${tag.slice(-6)}`
      dataOf(await w.admin.call('voice', 'saveLexiconEntry', { phrase, kind: 'term', theme: 'courtesy', weight: -0.8 }))
      return asAdmin(w, { phrase })
    },
  },
}

export function writeCase(fn: string, action: string): Setup | undefined {
  const cases: Partial<Record<string, Partial<Record<string, Setup>>>> = WRITE_CASES
  return cases[fn]?.[action]
}

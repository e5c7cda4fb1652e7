import type { ActionName, FunctionName } from '../../src/contract'
import { complaintInput, studySessionInput, type CallerKind, type Departments } from './world'

export type Outcome = 'allowed' | 'UNAUTHENTICATED' | 'FORBIDDEN'

/** Who may call: the columns of the matrix, written out rather than derived from the code under test. */
export type Access =
  | 'everyone'
  | 'volunteers'
  | 'volunteersAndAdmins'
  | 'staff'
  | 'organizers'
  | 'ownDepartment'
  | 'admins'
  | 'submitter'
  | 'submitterOrHandler'

const A = 'allowed'
const U = 'UNAUTHENTICATED'
const F = 'FORBIDDEN'

export const EXPECTED: Record<Access, Record<CallerKind, Outcome>> = {
  //             anonymous  patient volunteer staff managerSame managerOther admin
  everyone: row(U, A, A, A, A, A, A),
  volunteers: row(U, F, A, F, F, F, F),
  // Team leaders are volunteers; which team they lead is the handler's check.
  volunteersAndAdmins: row(U, F, A, F, F, F, A),
  staff: row(U, F, F, A, A, A, A),
  organizers: row(U, F, F, F, A, A, A),
  ownDepartment: row(U, F, F, F, A, F, A),
  admins: row(U, F, F, F, F, F, A),
  // Feedback the matrix's patient submitted to the home department: theirs, and its handlers'.
  submitter: row(U, A, F, F, F, F, F),
  submitterOrHandler: row(U, A, F, F, A, F, A),
}

function row(...outcomes: [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome]) {
  const [anonymous, patient, volunteer, staff, managerSame, managerOther, admin] = outcomes
  return { anonymous, patient, volunteer, staff, managerSame, managerOther, admin }
}

/** What the matrix inputs may point at: things of the home department, made before the run. */
export interface MatrixWorld {
  where: Departments
  visitId: string
  code: string
  alertId: string
  requestId: string
  applicantId: string
  year: number
  /** A complaint the matrix's patient submitted to the home department. */
  complaintId: string
  /** A praise awaiting review. */
  praiseId: string
  /** Sessions a manager of the home department organised for it; one to cancel. */
  sessionId: string
  cancelSessionId: string
}

export interface MatrixRow {
  access: Access
  /**
   * Valid enough to get past the role and department checks. "Allowed" may still answer
   * INVALID_INPUT, NOT_FOUND or CONFLICT: the cell asserts the caller was not turned away.
   */
  input?: (w: MatrixWorld) => unknown
  /** A volunteer must be on shift for the handler to get past its own duty check. */
  onShift?: true
}

export type RoleMatrix = { [F in FunctionName]: Record<ActionName<F>, MatrixRow> }

const range = (w: MatrixWorld) => ({ departmentId: w.where.home.id, from: `${w.year}-01`, to: `${w.year}-12` })
const request = (w: MatrixWorld) => ({ requestId: w.requestId })
const applicant = (w: MatrixWorld) => ({ userId: w.applicantId })
const complaint = (w: MatrixWorld) => ({ id: w.complaintId })
const praise = (w: MatrixWorld) => ({ id: w.praiseId })
const session = (w: MatrixWorld) => ({ sessionId: w.sessionId })
const month = (w: MatrixWorld) => `${w.year}-01`

export const ROLE_MATRIX: RoleMatrix = {
  identity: {
    me: { access: 'everyone' },
    setPrefs: { access: 'everyone', input: () => ({ largeText: true }) },
    departments: { access: 'everyone' },
    bindStaff: { access: 'everyone', input: () => ({ employeeNo: 'H9999', name: '无此人' }) },
    pendingStaff: { access: 'admins' },
    approveStaff: { access: 'admins', input: (w) => ({ userId: w.applicantId, approve: false }) },
    setRole: { access: 'admins', input: (w) => ({ userId: w.applicantId, role: 'admin', grant: false }) },
    auditLog: { access: 'admins', input: () => ({ limit: 5 }) },
    exportMyData: { access: 'everyone' },
    // Unconfirmed on purpose: the cell proves access without erasing the caller mid-matrix.
    deleteMe: { access: 'everyone', input: () => ({}) },
    // A header alone imports nothing: the cell proves access without changing the roster.
    importRoster: { access: 'admins', input: () => ({ text: '工号,姓名,科室,职称,党员' }) },
    // The home department's own kind: the cell proves access without moving it off the board.
    setDepartmentKind: { access: 'admins', input: (w) => ({ departmentId: w.where.home.id, kind: w.where.home.kind }) },
  },
  survey: {
    importVisits: { access: 'admins', input: () => ({ csv: 'visit_id,type,department,visit_date,doctor' }) },
    visitCode: { access: 'admins', input: (w) => ({ visitId: w.visitId }) },
    visitQr: { access: 'admins', input: (w) => ({ visitId: w.visitId }) },
    openVisit: { access: 'everyone', input: (w) => ({ code: w.code }) },
    submit: { access: 'everyone', input: (w) => ({ code: w.code, answers: {}, recommend: 8 }) },
    board: { access: 'everyone' },
    dashboard: { access: 'ownDepartment', input: range },
    export: { access: 'ownDepartment', input: range },
    alerts: { access: 'ownDepartment', input: (w) => ({ departmentId: w.where.home.id }) },
    followUp: {
      access: 'ownDepartment',
      input: (w) => ({ alertId: w.alertId, action: 'explained', note: '已在科室公示栏说明' }),
    },
    closeAlert: { access: 'ownDepartment', input: (w) => ({ alertId: w.alertId, note: '已处理' }) },
    publishImprovement: {
      access: 'ownDepartment',
      input: (w) => ({ departmentId: w.where.home.id, said: '候诊时间太长', did: '增开了两个上午诊室' }),
    },
    analyzeText: { access: 'organizers', input: () => ({ text: '医生很耐心，就是排队太久' }) },
  },
  volunteer: {
    register: { access: 'everyone', input: () => ({}) },
    myProfile: { access: 'everyone' },
    pending: { access: 'admins' },
    roster: { access: 'admins' },
    approve: { access: 'admins', input: applicant },
    reject: { access: 'admins', input: (w) => ({ userId: w.applicantId, reason: '资料不全' }) },
    startShift: { access: 'volunteers', input: () => ({ station: '门诊大厅' }) },
    endShift: { access: 'volunteers' },
    sweep: { access: 'admins' },
    request: { access: 'everyone', input: () => ({}) },
    cancel: { access: 'everyone', input: request },
    myRequest: { access: 'everyone' },
    rate: { access: 'everyone', input: (w) => ({ requestId: w.requestId, stars: 5 }) },
    open: { access: 'volunteers' },
    claim: { access: 'volunteers', input: request, onShift: true },
    release: { access: 'volunteers', input: request, onShift: true },
    complete: { access: 'volunteers', input: request, onShift: true },
    desk: { access: 'admins' },
    // The applicant is not on shift: the cell proves access, the handler answers CONFLICT.
    assign: { access: 'admins', input: (w) => ({ requestId: w.requestId, volunteerId: w.applicantId }) },
    reportService: {
      access: 'volunteers',
      input: () => ({ date: '2026-03-01', place: '社区卫生服务中心', content: '健康讲座', hours: 2, team: '青年' }),
    },
    myReports: { access: 'volunteers' },
    reportsToApprove: { access: 'volunteersAndAdmins' },
    // No such report: the cell proves access, the handler answers NOT_FOUND.
    approveService: {
      access: 'volunteersAndAdmins',
      input: () => ({ id: '00000000-0000-4000-8000-000000000000', approve: true }),
    },
    teamLeaders: { access: 'admins' },
    // The matrix volunteer has no hours: the cell proves access, the handler answers NOT_FOUND.
    certificate: { access: 'volunteers', input: () => ({}) },
    verifyCertificate: { access: 'everyone', input: () => ({ number: 'ZYFW-2026-NOSUCHNUMBER' }) },
    revokeCertificates: { access: 'admins', input: (w) => ({ userId: w.applicantId, reason: '资格撤销' }) },
    setTeamLeader: { access: 'admins', input: (w) => ({ team: '青年', userId: w.applicantId, leader: false }) },
    addRecordSection: {
      access: 'admins',
      input: (w) => ({ userId: w.applicantId, section: 'training', title: '服务礼仪培训', date: '2026-03-01' }),
    },
    adjustHours: { access: 'admins', input: (w) => ({ userId: w.applicantId, minutes: 30, reason: '补录服务时长' }) },
    myRecord: { access: 'volunteers' },
    ranking: { access: 'everyone', input: (w) => ({ year: w.year }) },
    exportRanking: { access: 'admins', input: (w) => ({ year: w.year }) },
  },
  feedback: {
    phrases: { access: 'everyone' },
    savePhrase: {
      access: 'admins',
      input: () => ({
        scene: '候诊',
        situation: '患者抱怨等候太久',
        recommended: ['让您久等了'],
        forbidden: ['急什么'],
      }),
    },
    submit: { access: 'everyone', input: (w) => complaintInput(w.where.home) },
    mine: { access: 'everyone' },
    detail: { access: 'submitterOrHandler', input: complaint },
    confirm: { access: 'submitter', input: (w) => ({ id: w.complaintId, rating: 5 }) },
    reopen: { access: 'submitter', input: (w) => ({ id: w.complaintId, reason: '回复没有解决问题' }) },
    queue: { access: 'organizers' },
    accept: { access: 'ownDepartment', input: complaint },
    reply: {
      access: 'ownDepartment',
      input: (w) => ({ id: w.complaintId, text: '已核实情况并向您致歉，今后改进。', upheld: false }),
    },
    close: { access: 'ownDepartment', input: complaint },
    sweep: { access: 'admins' },
    praiseReview: { access: 'admins' },
    approvePraise: { access: 'admins', input: praise },
    rejectPraise: { access: 'admins', input: (w) => ({ id: w.praiseId, reason: '内容重复' }) },
    myPraise: { access: 'staff' },
    wall: { access: 'everyone' },
    computeStars: { access: 'admins', input: (w) => ({ month: month(w) }) },
    publishStars: {
      access: 'admins',
      input: (w) => ({ month: month(w), picks: [{ departmentId: w.where.home.id, employeeNo: 'H9999' }] }),
    },
    stars: { access: 'everyone' },
  },
  study: {
    createSession: { access: 'ownDepartment', input: (w) => studySessionInput([w.where.home.id]) },
    editSession: {
      access: 'ownDepartment',
      input: (w) => ({ ...studySessionInput([w.where.home.id]), sessionId: w.sessionId }),
    },
    cancelSession: { access: 'ownDepartment', input: (w) => ({ sessionId: w.cancelSessionId }) },
    session: { access: 'ownDepartment', input: session },
    organized: { access: 'organizers' },
    decideLeave: { access: 'ownDepartment', input: (w) => ({ ...session(w), userId: w.applicantId, approve: true }) },
    qrCode: { access: 'ownDepartment', input: session },
    attendance: { access: 'ownDepartment', input: session },
    exportAttendance: { access: 'ownDepartment', input: session },
    stats: { access: 'organizers', input: (w) => ({ from: `${w.year}-01-01`, to: `${w.year}-12-31` }) },
    upcoming: { access: 'staff' },
    requestLeave: { access: 'staff', input: (w) => ({ ...session(w), reason: '夜班后休息' }) },
    checkIn: { access: 'staff', input: () => ({ shortCode: '000000' }) },
    checkOut: { access: 'staff', input: session },
    myRecord: { access: 'staff' },
    setCmeRequirement: {
      access: 'admins',
      input: (w) => ({ year: w.year, total: 25, class2Min: 15, class2Max: 20 }),
    },
    cmeProgress: { access: 'organizers', input: (w) => ({ year: w.year }) },
    exportCme: { access: 'organizers', input: (w) => ({ year: w.year }) },
  },
  staffSurvey: {
    createCampaign: {
      access: 'admins',
      input: (w) => ({ title: '职工满意度调查', opensOn: `${w.year}-01-01`, closesOn: `${w.year + 1}-12-31` }),
    },
    campaigns: { access: 'staff' },
    openCampaign: { access: 'staff', input: (w) => ({ campaignId: w.sessionId }) },
    submit: {
      access: 'staff',
      input: (w) => ({ campaignId: w.sessionId, answers: {}, recommend: 8 }),
    },
    results: { access: 'organizers', input: (w) => ({ campaignId: w.sessionId }) },
    exportResults: { access: 'organizers', input: (w) => ({ campaignId: w.sessionId }) },
  },
  voice: {
    topThemes: { access: 'ownDepartment', input: (w) => ({ departmentId: w.where.home.id, month: month(w) }) },
    tagsOf: { access: 'organizers', input: (w) => ({ source: 'complaint', ids: [w.complaintId] }) },
    heat: { access: 'organizers', input: (w) => ({ month: month(w) }) },
    heatComments: {
      access: 'ownDepartment',
      input: (w) => ({ month: month(w), departmentId: w.where.home.id, theme: 'waiting' }),
    },
    lexicon: { access: 'admins' },
    saveLexiconEntry: { access: 'admins', input: () => ({ phrase: '矩阵词', kind: 'term', theme: null, weight: 0.2 }) },
    // Absent, so NOT_FOUND for the admin: the cell proves access without emptying the lexicon.
    removeLexiconEntry: { access: 'admins', input: () => ({ phrase: '矩阵里没有的词' }) },
  },
}

/** The row of `fn.action`, or undefined when the table lacks it. */
export function matrixRow(fn: string, action: string): MatrixRow | undefined {
  const rows: Partial<Record<string, Record<string, MatrixRow>>> = ROLE_MATRIX
  return rows[fn]?.[action]
}

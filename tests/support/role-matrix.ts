import type { ActionName, FunctionName } from '../../src/contract'
import { staffAnswersFor } from './staff-survey'
import {
  CALLER_KINDS,
  complaintInput,
  helpRequestInput,
  registration,
  studySessionInput,
  type CallerKind,
  type Departments,
} from './world'

/** `allowed` is a success; CONFLICT only where the caller's own standing makes the action moot. */
export type Outcome = 'allowed' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'CONFLICT'

/** Who may call: the columns of the matrix, written out rather than derived from the code under test. */
export type Access =
  | 'everyone'
  | 'notYetStaff'
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
const C = 'CONFLICT'

export const EXPECTED: Record<Access, Record<CallerKind, Outcome>> = {
  //             anonymous  patient volunteer staff managerSame managerOther admin
  everyone: row(U, A, A, A, A, A, A),
  // Everyone may ask to be bound to the roster; staff already are, and are told so.
  notYetStaff: row(U, A, A, C, A, A, A),
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
  /** A session a manager of the home department organised for it. */
  sessionId: string
  /** A home-department session starting in a few minutes, three hours long: check-in is open. */
  liveSessionId: string
  liveStartAt: Date
  /** Two replied complaints of the matrix's patient: one to confirm, one to reopen. */
  confirmId: string
  reopenId: string
  /** An employee of the home department with a praise mention this month, and that month. */
  starEmployeeNo: string
  thisMonth: string
  /** A staff survey campaign open now. */
  campaignId: string
  make: MatrixMakers
}

/** Fresh things for the callers a row allows, so each of them can succeed in turn. */
export interface MatrixMakers {
  /** A complaint of a fresh patient to the home department, taken to `state` by its manager. */
  complaint(state: 'submitted' | 'accepted' | 'replied'): Promise<string>
  /** Praise of a fresh patient awaiting review. */
  praise(): Promise<string>
  /** A fresh patient waiting for the admin to decide on their staff binding or volunteer registration. */
  staffApplicant(): Promise<string>
  volunteerApplicant(): Promise<string>
  /** An open low-score alert of the home department. */
  alert(): Promise<string>
  /** A valid survey answer for a fresh visit of the home department. */
  surveyAnswer(): Promise<unknown>
  /** A roster entry of the home department no account is bound to. */
  unboundEmployee(): Promise<{ employeeNo: string; name: string }>
  /** The caller's open help request (asked for now when there is none). */
  openRequestOf(as: CallerKind): Promise<string>
  /** A help request of the caller that a volunteer has completed. */
  completedRequestOf(as: CallerKind): Promise<string>
  /** A waiting request the matrix's volunteer has claimed. */
  claimedByVolunteer(): Promise<string>
  /** A home-department session starting tomorrow. */
  session(): Promise<string>
  /** A pending leave of a fresh member of staff for a home-department session. */
  leave(): Promise<{ sessionId: string; userId: string }>
  /** A fresh member of staff of the home department, not checked in anywhere. */
  freshStaff(): Promise<string>
  /** A fresh member of staff checked in to the live session, without 签退. */
  checkedInToLive(): Promise<{ userId: string; checkedInAt: string }>
  /** The live session's QR payload as it is now. */
  livePayload(): Promise<string>
  /** A waiting request of the home department and a fresh volunteer on shift to assign it to. */
  assignment(): Promise<{ requestId: string; volunteerId: string }>
  /** A pending service report of a fresh volunteer, for the team the matrix volunteer leads. */
  serviceReport(): Promise<string>
  /** A lexicon phrase just saved, to remove. */
  lexiconPhrase(): Promise<string>
  /** A fresh volunteer on this year's 优秀志愿者 shortlist. */
  excellentCandidate(): Promise<string>
}

export interface MatrixRow {
  access: Access
  /**
   * A valid payload: every caller the row allows must succeed with it. It may make something
   * fresh for the caller (`w.make`), so that each allowed role finds the item in the state it needs.
   */
  input?: (w: MatrixWorld, as: CallerKind) => unknown
  /** A volunteer must be on shift for the handler to get past its own duty check. */
  onShift?: true
  /** The action changes who the caller is for good: each role is played by a fresh user. */
  freshCallers?: true
  /** The host clock while the row runs, when the action only makes sense at a particular time. */
  at?: (w: MatrixWorld) => Date
}

export type RoleMatrix = { [F in FunctionName]: Record<ActionName<F>, MatrixRow> }

const range = (w: MatrixWorld) => ({ departmentId: w.where.home.id, from: `${w.year}-01`, to: `${w.year}-12` })
const request = (w: MatrixWorld) => ({ requestId: w.requestId })
const applicant = (w: MatrixWorld) => ({ userId: w.applicantId })
const complaint = (w: MatrixWorld) => ({ id: w.complaintId })
const session = (w: MatrixWorld) => ({ sessionId: w.sessionId })
const campaign = (w: MatrixWorld) => ({ campaignId: w.campaignId })

export const ROLE_MATRIX: RoleMatrix = {
  identity: {
    me: { access: 'everyone' },
    setPrefs: { access: 'everyone', input: () => ({ largeText: true }) },
    departments: { access: 'everyone' },
    bindStaff: { access: 'notYetStaff', input: (w) => w.make.unboundEmployee() },
    pendingStaff: { access: 'admins' },
    approveStaff: { access: 'admins', input: async (w) => ({ userId: await w.make.staffApplicant(), approve: true }) },
    setRole: { access: 'admins', input: (w) => ({ userId: w.applicantId, role: 'admin', grant: false }) },
    auditLog: { access: 'admins', input: () => ({ limit: 5 }) },
    exportMyData: { access: 'everyone' },
    deleteMe: { access: 'everyone', input: () => ({ confirm: true }), freshCallers: true },
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
    submit: { access: 'everyone', input: (w) => w.make.surveyAnswer() },
    board: { access: 'everyone' },
    dashboard: { access: 'ownDepartment', input: range },
    export: { access: 'ownDepartment', input: range },
    alerts: { access: 'ownDepartment', input: (w) => ({ departmentId: w.where.home.id }) },
    followUp: {
      access: 'ownDepartment',
      input: (w) => ({ alertId: w.alertId, action: 'explained', note: '已在科室公示栏说明' }),
    },
    closeAlert: { access: 'ownDepartment', input: async (w) => ({ alertId: await w.make.alert(), note: '已处理' }) },
    publishImprovement: {
      access: 'ownDepartment',
      input: (w) => ({ departmentId: w.where.home.id, said: '候诊时间太长', did: '增开了两个上午诊室' }),
    },
    analyzeText: { access: 'organizers', input: () => ({ text: '医生很耐心，就是排队太久' }) },
  },
  volunteer: {
    // Each caller's own phone: the privacy scan below watches the applicant's.
    register: {
      access: 'everyone',
      input: (_w, as) => registration('矩阵志愿者', `1370000${String(CALLER_KINDS.indexOf(as)).padStart(4, '0')}`),
    },
    myProfile: { access: 'everyone' },
    pending: { access: 'admins' },
    roster: { access: 'admins' },
    approve: { access: 'admins', input: applicant },
    reject: {
      access: 'admins',
      input: async (w) => ({ userId: await w.make.volunteerApplicant(), reason: '资料不全' }),
    },
    startShift: { access: 'volunteers', input: () => ({ station: '门诊大厅' }) },
    endShift: { access: 'volunteers' },
    sweep: { access: 'admins' },
    request: { access: 'everyone', input: (w) => helpRequestInput(w.where.home) },
    cancel: { access: 'everyone', input: async (w, as) => ({ requestId: await w.make.openRequestOf(as) }) },
    myRequest: { access: 'everyone' },
    rate: {
      access: 'everyone',
      input: async (w, as) => ({ requestId: await w.make.completedRequestOf(as), stars: 5 }),
    },
    open: { access: 'volunteers' },
    claim: { access: 'volunteers', input: request, onShift: true },
    release: { access: 'volunteers', input: request, onShift: true },
    complete: {
      access: 'volunteers',
      input: async (w, as) => ({ requestId: as === 'volunteer' ? await w.make.claimedByVolunteer() : w.requestId }),
      onShift: true,
    },
    desk: { access: 'admins' },
    assign: { access: 'admins', input: (w) => w.make.assignment() },
    reportService: {
      access: 'volunteers',
      input: () => ({ date: '2026-03-01', place: '社区卫生服务中心', content: '健康讲座', hours: 2, team: '青年' }),
    },
    myReports: { access: 'volunteers' },
    reportsToApprove: { access: 'volunteersAndAdmins' },
    // The matrix volunteer leads the report's team.
    approveService: {
      access: 'volunteersAndAdmins',
      input: async (w) => ({ id: await w.make.serviceReport(), approve: true }),
    },
    teamLeaders: { access: 'admins' },
    // The matrix volunteer has hours: an adjustment made before the run.
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
    exportMyRecord: { access: 'volunteers' },
    exportNationalRecords: { access: 'admins', input: (w) => ({ year: w.year }) },
    excellentShortlist: { access: 'admins', input: (w) => ({ year: w.year }) },
    publishExcellent: {
      access: 'admins',
      input: async (w) => ({ year: w.year, userIds: [await w.make.excellentCandidate()] }),
    },
    excellent: { access: 'everyone' },
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
    confirm: { access: 'submitter', input: (w) => ({ id: w.confirmId, rating: 5 }) },
    reopen: { access: 'submitter', input: (w) => ({ id: w.reopenId, reason: '回复没有解决问题' }) },
    queue: { access: 'organizers' },
    accept: { access: 'ownDepartment', input: async (w) => ({ id: await w.make.complaint('submitted') }) },
    reply: {
      access: 'ownDepartment',
      input: async (w) => ({
        id: await w.make.complaint('accepted'),
        text: '已核实情况并向您致歉，今后改进。',
        upheld: false,
      }),
    },
    close: {
      access: 'ownDepartment',
      input: async (w) => ({ id: await w.make.complaint('replied'), reason: '患者留的电话多次无人接听，提前办结' }),
    },
    sweep: { access: 'admins' },
    praiseReview: { access: 'admins' },
    approvePraise: { access: 'admins', input: async (w) => ({ id: await w.make.praise() }) },
    rejectPraise: { access: 'admins', input: async (w) => ({ id: await w.make.praise(), reason: '内容重复' }) },
    myPraise: { access: 'staff' },
    wall: { access: 'everyone' },
    computeStars: { access: 'admins', input: (w) => ({ month: w.thisMonth }) },
    publishStars: {
      access: 'admins',
      input: (w) => ({ month: w.thisMonth, picks: [{ departmentId: w.where.home.id, employeeNo: w.starEmployeeNo }] }),
    },
    stars: { access: 'everyone' },
  },
  study: {
    createSession: { access: 'ownDepartment', input: (w) => studySessionInput([w.where.home.id]) },
    editSession: {
      access: 'ownDepartment',
      input: (w) => ({ ...studySessionInput([w.where.home.id]), sessionId: w.sessionId }),
    },
    cancelSession: { access: 'ownDepartment', input: async (w) => ({ sessionId: await w.make.session() }) },
    session: { access: 'ownDepartment', input: session },
    organized: { access: 'organizers' },
    decideLeave: { access: 'ownDepartment', input: async (w) => ({ ...(await w.make.leave()), approve: true }) },
    qrCode: { access: 'ownDepartment', input: (w) => ({ sessionId: w.liveSessionId }) },
    attendance: { access: 'ownDepartment', input: session },
    exportAttendance: { access: 'ownDepartment', input: session },
    stats: { access: 'organizers', input: (w) => ({ from: `${w.year}-01-01`, to: `${w.year}-12-31` }) },
    upcoming: { access: 'staff' },
    requestLeave: { access: 'staff', input: (w) => ({ ...session(w), reason: '夜班后休息' }) },
    checkIn: { access: 'staff', input: async (w) => ({ payload: await w.make.livePayload() }) },
    // Checked in by the row above; checking out once the session is under way.
    checkOut: {
      access: 'staff',
      input: (w) => ({ sessionId: w.liveSessionId }),
      at: (w) => new Date(w.liveStartAt.getTime() + 10 * 60_000),
    },
    myRecord: { access: 'staff' },
    setCmeRequirement: {
      access: 'admins',
      input: (w) => ({ year: w.year, total: 25, class2Min: 15, class2Max: 20 }),
    },
    cmeProgress: { access: 'organizers', input: (w) => ({ year: w.year }) },
    exportCme: { access: 'organizers', input: (w) => ({ year: w.year }) },
    cmeCertificate: { access: 'staff', input: (w) => ({ year: w.year }) },
    confirmPresence: {
      access: 'ownDepartment',
      input: async (w) => ({ sessionId: w.liveSessionId, userId: await w.make.freshStaff() }),
    },
    correctCheckOut: {
      access: 'ownDepartment',
      // Checked in under way, and the check-out set to that moment: inside the window, not before the check-in.
      input: async (w) => {
        const { userId, checkedInAt } = await w.make.checkedInToLive()
        return { sessionId: w.liveSessionId, userId, checkedOutAt: checkedInAt }
      },
      at: (w) => new Date(w.liveStartAt.getTime() + 10 * 60_000),
    },
  },
  staffSurvey: {
    createCampaign: {
      access: 'admins',
      input: (w) => ({ title: '职工满意度调查', opensOn: `${w.year}-01-01`, closesOn: `${w.year + 1}-12-31` }),
    },
    campaigns: { access: 'staff' },
    openCampaign: { access: 'staff', input: campaign },
    // Each allowed caller is a different person, answering once.
    submit: { access: 'staff', input: (w) => staffAnswersFor(w.campaignId) },
    results: { access: 'organizers', input: campaign },
    exportResults: { access: 'organizers', input: campaign },
  },
  voice: {
    topThemes: { access: 'ownDepartment', input: (w) => ({ departmentId: w.where.home.id, month: w.thisMonth }) },
    tagsOf: { access: 'organizers', input: (w) => ({ source: 'complaint', ids: [w.complaintId] }) },
    heat: { access: 'organizers', input: (w) => ({ month: w.thisMonth }) },
    heatComments: {
      access: 'ownDepartment',
      input: (w) => ({ month: w.thisMonth, departmentId: w.where.home.id, theme: 'waiting' }),
    },
    lexicon: { access: 'admins' },
    saveLexiconEntry: { access: 'admins', input: () => ({ phrase: '矩阵词', kind: 'term', theme: null, weight: 0.2 }) },
    removeLexiconEntry: { access: 'admins', input: async (w) => ({ phrase: await w.make.lexiconPhrase() }) },
  },
}

/** The row of `fn.action`, or undefined when the table lacks it. */
export function matrixRow(fn: string, action: string): MatrixRow | undefined {
  const rows: Partial<Record<string, Record<string, MatrixRow>>> = ROLE_MATRIX
  return rows[fn]?.[action]
}

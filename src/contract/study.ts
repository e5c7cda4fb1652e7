import { z } from 'zod'
import { dateSchema, emptyInput, idSchema, type CsvExport, type Endpoint } from './common'
import {
  bssidSchema,
  fenceSchema,
  locationSchema,
  wifiListSchema,
  type Fence,
  type PresenceProof,
} from './study-presence'

/** 三会一课 and the hospital's other collective study, in the order the forms list them. */
export const STUDY_TYPES = [
  '支部党员大会',
  '支委会',
  '党小组会',
  '党课',
  '主题党日',
  '道德讲堂',
  '业务学习',
  '服务礼仪培训',
  '其他',
] as const
export type StudyType = (typeof STUDY_TYPES)[number]

/** The check-in rules, in minutes and seconds, as organizers and staff are told them. */
export const CHECK_IN_OPENS_BEFORE_MINUTES = 30
export const CHECK_IN_CLOSES_AFTER_MINUTES = 15
export const LATE_AFTER_MINUTES = 10
export const QR_SLOT_SECONDS = 15
/** Sessions longer than this ask for 签退 unless the organizer says otherwise; early check-out pro-rates the credit. */
export const CHECK_OUT_MIN_HOURS = 2
/** 签退 stays open this long after the end. */
export const CHECK_OUT_CLOSES_AFTER_MINUTES = 30

/** 签退 runs from the start to 30 minutes after the end: the server refuses outside it, the app hides the button. */
export function checkOutWindow(startAt: Date, endAt: Date): { from: Date; to: Date } {
  return { from: startAt, to: new Date(endAt.getTime() + CHECK_OUT_CLOSES_AFTER_MINUTES * 60_000) }
}

export type SessionStatus = 'scheduled' | 'cancelled'
export type Audience = 'all' | 'party' | string[]

export const audienceSchema = z.union(
  [z.literal('all'), z.literal('party'), z.array(idSchema).min(1, '请至少选择一个科室').max(40, '科室过多')],
  '请选择参加对象',
)

const isoTime = (label: string) =>
  z.iso.datetime({ offset: true, message: `${label}应为完整的日期时间` }).transform((text) => new Date(text))

const sessionFields = z.object({
  type: z.enum(STUDY_TYPES, '请选择学习类型'),
  title: z.string().trim().min(2, '请填写学习主题').max(60, '主题不超过60字'),
  speaker: z.string().trim().max(20, '主讲人不超过20字').optional(),
  location: z.string().trim().min(2, '请填写地点，线上学习请写“线上”').max(40, '地点不超过40字'),
  startAt: isoTime('开始时间'),
  endAt: isoTime('结束时间'),
  audience: audienceSchema,
  creditHours: z.number().min(0, '学时不能为负').max(16, '单次学时不超过16').multipleOf(0.5, '学时以0.5为单位'),
  /** 继续医学教育 Ⅱ类学分, earned under the same attendance rule as the study hours. */
  cmeCredits: z
    .number()
    .min(0, '学分不能为负')
    .max(10, '单次学分不超过10')
    .multipleOf(0.5, '学分以0.5为单位')
    .optional(),
  /** Omitted: on for sessions over two hours. */
  requireCheckOut: z.boolean('请选择是否需要签退').optional(),
  /** Check-in only inside this circle; omitted or null: anywhere. */
  fence: fenceSchema.nullable().optional(),
  /** Check-in only on one of these Wi-Fi access points; omitted or empty: off. */
  wifiBssids: wifiListSchema.optional(),
})

const orderedTimes = <T extends { startAt: Date; endAt: Date }>(session: T) =>
  session.endAt.getTime() > session.startAt.getTime()
const orderedTimesMessage = { message: '结束时间应晚于开始时间', path: ['endAt'] }

export const createSessionInput = sessionFields.refine(orderedTimes, orderedTimesMessage)
export const editSessionInput = sessionFields.extend({ sessionId: idSchema }).refine(orderedTimes, orderedTimesMessage)
export const sessionIdInput = z.object({ sessionId: idSchema })

export const requestLeaveInput = z.object({
  sessionId: idSchema,
  reason: z.string().trim().min(2, '请填写请假事由').max(100, '事由不超过100字'),
})

export const decideLeaveInput = z.object({ sessionId: idSchema, userId: idSchema, approve: z.boolean() })

/** Sent with the check-in code, in the same request: a location cannot outlive the code's 15 s slot. */
const presenceFields = { location: locationSchema.optional(), bssid: bssidSchema.optional() }

export const checkInInput = z.union(
  [
    z.object({ payload: z.string().trim().min(1).max(300, '二维码内容无效'), ...presenceFields }),
    z.object({
      shortCode: z
        .string()
        .trim()
        .regex(/^\d{6}$/, '请输入屏幕上的6位数字'),
      ...presenceFields,
    }),
  ],
  '请扫码或输入6位签到码',
)

/** The organizer confirms a person on the live attendance view: present, or their 签退 time. */
export const confirmPresenceInput = z.object({ sessionId: idSchema, userId: idSchema })
export const correctCheckOutInput = z.object({
  sessionId: idSchema,
  userId: idSchema,
  checkedOutAt: z.iso.datetime({ offset: true, message: '签退时间应为完整的日期时间' }).transform((t) => new Date(t)),
})

export const statsInput = z
  .object({ from: dateSchema, to: dateSchema })
  .refine((range) => range.from <= range.to, { message: '结束日期应不早于开始日期', path: ['to'] })

export type LeaveStatus = 'pending' | 'approved' | 'rejected'

export const LEAVE_STATUS_LABELS: Record<LeaveStatus, string> = {
  pending: '待审批',
  approved: '已准假',
  rejected: '未准假',
}

export interface SessionView {
  id: string
  type: StudyType
  title: string
  speaker: string | null
  location: string
  startAt: string
  endAt: string
  audience: Audience
  /** 全院 / 党员 / the department names. */
  audienceLabel: string
  creditHours: number
  /** Ⅱ类学分 of 继续医学教育. */
  cmeCredits: number
  /** Credit needs 签到 and 签退. */
  requireCheckOut: boolean
  fence: Fence | null
  wifiBssids: string[]
  status: SessionStatus
  organizerName: string
}

export interface MyAttendance {
  checkedInAt: string
  late: boolean
  expected: boolean
  checkedOutAt: string | null
  presence: PresenceProof
}

/** A session as a staff member sees it in their list. */
export interface MySession extends SessionView {
  attendance: MyAttendance | null
  leave: { status: LeaveStatus; reason: string } | null
}

export interface QrCodeView {
  sessionId: string
  payload: string
  shortCode: string
  /** The end of the current 15 s slot; the screen refreshes just before it. */
  expiresAt: string
  serverNow: string
}

export interface CheckInResult extends MyAttendance {
  sessionId: string
  title: string
  /** True when this person had already checked in: the first check-in is returned unchanged. */
  repeated: boolean
}

export interface CheckOutResult extends MyAttendance {
  sessionId: string
  creditHours: number
}

export type AttendeeStatus = 'present' | 'late' | 'excused' | 'missing'

export const ATTENDEE_STATUS_LABELS: Record<AttendeeStatus, string> = {
  present: '已签到',
  late: '迟到',
  excused: '请假',
  missing: '未签到',
}

export interface Attendee {
  userId: string
  name: string
  status: AttendeeStatus
  /** false: checked in though not in the session's audience (非应到). */
  expected: boolean
  checkedInAt: string | null
  checkedOutAt: string | null
  /** How the check-in showed presence; `null` before check-in. */
  presence: PresenceProof | null
  leave: { status: LeaveStatus; reason: string } | null
}

export interface DepartmentAttendance {
  departmentId: string | null
  departmentName: string
  expected: number
  present: number
  late: number
  excused: number
  missing: number
  people: Attendee[]
}

export interface AttendanceView {
  session: SessionView
  totals: { expected: number; checkedIn: number; late: number; excused: number; missing: number; unexpected: number }
  departments: DepartmentAttendance[]
  /** Leave requests waiting for the organizer. */
  pendingLeaves: (Attendee & { departmentName: string })[]
}

export interface TypeRecord {
  type: StudyType
  attended: number
  creditHours: number
}

export interface StudyRecordEntry {
  sessionId: string
  type: StudyType
  title: string
  startAt: string
  status: AttendeeStatus
  /** 未签退: checked in, 签退 required, and its window closed without one; no credit. */
  missedCheckOut: boolean
  creditHours: number
}

export interface StudyRecord {
  year: number
  byType: TypeRecord[]
  attended: number
  creditHours: number
  /** Sessions I was expected at that have started, less approved leave. */
  expected: number
  excused: number
  /** attended expected sessions / (expected − excused); null before the first such session. */
  attendanceRate: number | null
  lateCount: number
  recent: StudyRecordEntry[]
  /** The year's Ⅱ类 CME credits earned here, against the admin's yearly requirement. */
  cmeCredits: number
  cmeRequirement: CmeRequirement
  /** Ⅱ类 credits still needed to reach the requirement's minimum; 0 once met. */
  cmeStillNeeded: number
}

/** 继续医学教育: credits a year, of which Ⅱ类 (hospital-organised) between the two bounds. */
export interface CmeRequirement {
  year: number
  total: number
  class2Min: number
  class2Max: number
}

export const DEFAULT_CME_REQUIREMENT = { total: 25, class2Min: 15, class2Max: 20 } as const

const creditAmount = (label: string) =>
  z.number(`请填写${label}`).min(0, `${label}不能为负`).max(100, `${label}过大`).multipleOf(0.5, `${label}以0.5为单位`)

export const cmeRequirementInput = z
  .object({
    year: z.number().int().min(2000, '年份有误').max(2100, '年份有误'),
    total: creditAmount('总学分'),
    class2Min: creditAmount('Ⅱ类最低学分'),
    class2Max: creditAmount('Ⅱ类最高学分'),
  })
  .refine((r) => r.class2Min <= r.class2Max, { message: 'Ⅱ类最低学分不能高于最高学分', path: ['class2Max'] })
  .refine((r) => r.class2Max <= r.total, { message: 'Ⅱ类学分不能超过总学分', path: ['class2Max'] })

export const cmeYearInput = z.object({ year: z.number().int().min(2000, '年份有误').max(2100, '年份有误') })

/** Who signs a staff member's yearly CME record. */
export const CME_RECORD_ISSUER = '仁心医院科教科'

/** A staff member's printable record of the year's Ⅱ类 credits earned here, session by session. */
export interface CmeCertificate {
  year: number
  name: string
  employeeNo: string | null
  departmentName: string
  sessions: { sessionId: string; title: string; date: string; cmeCredits: number }[]
  total: number
  requirement: CmeRequirement
  /** Ⅱ类 credits still needed to reach the minimum; 0 once met. */
  stillNeeded: number
  issuer: string
  issuedOn: string
}

export interface CmeDepartmentProgress {
  departmentId: string | null
  departmentName: string
  staff: number
  /** Staff whose Ⅱ类 credits reached the minimum. */
  met: number
  averageCredits: number
}

export interface CmeProgress {
  requirement: CmeRequirement
  departments: CmeDepartmentProgress[]
}

export interface RateRow {
  expected: number
  attended: number
  excused: number
  rate: number | null
}

export interface DepartmentRate extends RateRow {
  departmentId: string
  departmentName: string
}

export interface TypeMonthRate extends RateRow {
  month: string
  type: StudyType
  sessions: number
}

export interface TopLearner {
  rank: number
  userId: string
  name: string
  departmentName: string
  creditHours: number
  sessions: number
}

export interface StudyStats {
  from: string
  to: string
  sessions: number
  byDepartment: DepartmentRate[]
  byTypeMonth: TypeMonthRate[]
  topLearners: TopLearner[]
}

type SessionInput = z.input<typeof sessionFields>

export interface StudyApi {
  createSession: Endpoint<SessionInput, SessionView>
  editSession: Endpoint<SessionInput & { sessionId: string }, SessionView>
  cancelSession: Endpoint<z.input<typeof sessionIdInput>, SessionView>
  session: Endpoint<z.input<typeof sessionIdInput>, SessionView>
  organized: Endpoint<z.input<typeof emptyInput>, SessionView[]>
  upcoming: Endpoint<z.input<typeof emptyInput>, MySession[]>
  requestLeave: Endpoint<z.input<typeof requestLeaveInput>, MySession>
  decideLeave: Endpoint<z.input<typeof decideLeaveInput>, { userId: string; status: LeaveStatus }>
  qrCode: Endpoint<z.input<typeof sessionIdInput>, QrCodeView>
  checkIn: Endpoint<z.input<typeof checkInInput>, CheckInResult>
  checkOut: Endpoint<z.input<typeof sessionIdInput>, CheckOutResult>
  attendance: Endpoint<z.input<typeof sessionIdInput>, AttendanceView>
  exportAttendance: Endpoint<z.input<typeof sessionIdInput>, CsvExport>
  myRecord: Endpoint<z.input<typeof emptyInput>, StudyRecord>
  stats: Endpoint<z.input<typeof statsInput>, StudyStats>
  setCmeRequirement: Endpoint<z.input<typeof cmeRequirementInput>, CmeRequirement>
  cmeProgress: Endpoint<z.input<typeof cmeYearInput>, CmeProgress>
  exportCme: Endpoint<z.input<typeof cmeYearInput>, CsvExport>
  cmeCertificate: Endpoint<z.input<typeof cmeYearInput>, CmeCertificate>
  confirmPresence: Endpoint<z.input<typeof confirmPresenceInput>, MyAttendance & { userId: string }>
  correctCheckOut: Endpoint<
    z.input<typeof correctCheckOutInput>,
    MyAttendance & { userId: string; creditHours: number; cmeCredits: number }
  >
}

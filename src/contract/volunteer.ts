import { z } from 'zod'
import { dateSchema, emptyInput, idSchema, phoneSchema, type CsvExport, type Endpoint } from './common'

export const VOLUNTEER_TEAMS = ['党员', '青年', '老年', '社会'] as const
export type VolunteerTeam = (typeof VOLUNTEER_TEAMS)[number]

export const VOLUNTEER_SKILLS = ['轮椅协助', '方言', '外语', '手语', '急救', '自助机操作'] as const

export const STATIONS = ['门诊大厅', '住院部', '急诊', '自助机区', '医技楼', '住院结算处'] as const
export type Station = (typeof STATIONS)[number]

export const HELP_NEEDS = ['导诊带路', '轮椅协助', '老人陪同', '自助机操作', '其他'] as const
export type HelpNeed = (typeof HELP_NEEDS)[number]

/** Needs that take a volunteer who can push a wheelchair or walk slowly with an older person. */
export const CARE_NEEDS: readonly HelpNeed[] = ['轮椅协助', '老人陪同']

/** The rules the desk and the volunteers see, in minutes and hours. */
export const ESCALATE_WAITING_MINUTES = 10
export const FLAG_CLAIMED_MINUTES = 60
export const MAX_SHIFT_HOURS = 12

export type RegistrationStatus = 'pending' | 'approved' | 'rejected'
export type HelpStatus = 'waiting' | 'claimed' | 'completed' | 'cancelled'

export const HELP_STATUS_LABELS: Record<HelpStatus, string> = {
  waiting: '等待中',
  claimed: '已接单',
  completed: '已完成',
  cancelled: '已取消',
}

export const registerInput = z.object({
  name: z.string().trim().min(2, '请填写姓名').max(20, '姓名过长'),
  phone: phoneSchema,
  team: z.enum(VOLUNTEER_TEAMS, '请选择服务队'),
  skills: z.array(z.string().trim().min(1).max(10)).max(8, '特长最多选8项').default([]),
  availability: z.string().trim().min(2, '请填写可服务时间，如“周二、周四上午”').max(60, '可服务时间过长'),
})

export const decideInput = z.object({ userId: idSchema })
export const rejectInput = z.object({
  userId: idSchema,
  reason: z.string().trim().min(2, '请填写驳回原因').max(100, '驳回原因过长'),
})

export const startShiftInput = z.object({ station: z.enum(STATIONS, '请选择服务岗位') })

export const helpRequestInput = z.object({
  need: z.enum(HELP_NEEDS, '请选择需要的帮助'),
  from: z.string().trim().min(2, '请填写您现在的位置').max(40, '位置描述过长'),
  to: idSchema,
  note: z.string().trim().max(100, '备注不超过100字').optional(),
  people: z.number().int('人数应为整数').min(1, '至少1人').max(6, '人数较多请到服务台'),
})

export const requestIdInput = z.object({ requestId: idSchema })

/** The service desk hands a waiting request to a volunteer on shift. */
export const assignInput = z.object({ requestId: idSchema, volunteerId: idSchema })

export const rateInput = z.object({
  requestId: idSchema,
  stars: z.number().int().min(1, '请选择1–5星').max(5, '请选择1–5星'),
  comment: z.string().trim().max(200, '评价不超过200字').optional(),
})

export const adjustHoursInput = z.object({
  userId: idSchema,
  minutes: z
    .number()
    .int('请以分钟为单位')
    .min(-6000, '单次调整不超过100小时')
    .max(6000, '单次调整不超过100小时')
    .refine((m) => m !== 0, '调整时长不能为0'),
  reason: z.string().trim().min(4, '请写明调整原因（至少4个字）').max(200, '原因过长'),
})

/** Pages of the service list, newest first. */
export const RECORD_PAGE_SIZE = 20
export const myRecordInput = z
  .object({ page: z.number().int('页码应为整数').min(1, '页码从1开始').max(10_000, '页码过大').default(1) })
  .default({ page: 1 })

/** Service done outside the app (社区义诊, 健康讲座, 送医上门), counted once approved; at most 12 h a day. */
export const MAX_REPORTED_HOURS_PER_DAY = 12
export const reportServiceInput = z.object({
  date: dateSchema,
  place: z.string().trim().min(2, '请填写服务地点').max(40, '地点过长'),
  content: z.string().trim().min(2, '请填写服务内容').max(100, '服务内容不超过100字'),
  hours: z
    .number('请填写服务时长')
    .gt(0, '服务时长应大于0')
    .max(MAX_REPORTED_HOURS_PER_DAY, '每天最多12小时')
    .refine((h) => Number.isInteger(h * 10), '时长精确到0.1小时'),
  /** The team whose leader approves it; the volunteer's own team when left out. */
  team: z.enum(VOLUNTEER_TEAMS, '请选择服务队').optional(),
})

export const approveServiceInput = z
  .object({
    id: idSchema,
    approve: z.boolean('请选择通过或驳回'),
    note: z.string().trim().max(200, '意见不超过200字').default(''),
  })
  .refine((input) => input.approve || input.note.length >= 2, {
    message: '驳回时请写明原因',
    path: ['note'],
  })

export const setTeamLeaderInput = z.object({
  team: z.enum(VOLUNTEER_TEAMS, '请选择服务队'),
  userId: idSchema,
  leader: z.boolean(),
})

export type ReportStatus = 'pending' | 'approved' | 'rejected'
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '已驳回',
}

/** A self-reported service as the volunteer and their approvers see it. */
export interface ServiceReport {
  id: string
  volunteerId: string
  volunteerName: string
  team: VolunteerTeam
  /** YYYY-MM-DD */
  date: string
  place: string
  content: string
  minutes: number
  status: ReportStatus
  note: string | null
  decidedBy: string | null
  reportedAt: string
}

export interface TeamLeader {
  team: VolunteerTeam
  userId: string
  name: string
}

/** Who issues the 志愿服务证明. */
export const CERTIFICATE_ISSUER = '仁心医院志愿服务队'

/** A certificate for one calendar year, or for all service to date when `year` is left out. */
export const certificateInput = z
  .object({ year: z.number().int('年份有误').min(2020, '年份有误').max(2100, '年份有误').optional() })
  .default({})
export const verifyCertificateInput = z.object({
  number: z.string().trim().min(1, '请输入证明编号').max(64, '证明编号有误'),
})
export const revokeCertificatesInput = z.object({
  userId: idSchema,
  reason: z.string().trim().min(2, '请写明撤销原因').max(200, '原因过长'),
})

export type CertificateStatus = 'valid' | 'revoked'

/** 志愿服务证明, kept as issued. */
export interface Certificate {
  number: string
  name: string
  /** The last 4 characters of the ID number, only when one was recorded. */
  idLast4: string | null
  /** YYYY-MM-DD; null for all service to date. */
  periodFrom: string | null
  periodTo: string
  minutes: number
  services: number
  content: string
  issuer: string
  issuedAt: string
  status: CertificateStatus
}

/** What anyone may learn from a certificate number: no name, no other personal data. */
export type CertificateCheck =
  | { valid: false; status: 'invalid' }
  | ({ valid: boolean; status: CertificateStatus } & Pick<
      Certificate,
      'periodFrom' | 'periodTo' | 'minutes' | 'issuer' | 'issuedAt'
    >)

/** The record's training and awards sections, entered by an administrator. */
export const RECORD_SECTIONS = ['training', 'award'] as const
export type RecordSectionKind = (typeof RECORD_SECTIONS)[number]
export const addRecordSectionInput = z.object({
  userId: idSchema,
  section: z.enum(RECORD_SECTIONS, '请选择培训或表彰'),
  title: z.string().trim().min(2, '请填写名称').max(60, '名称过长'),
  date: dateSchema,
  detail: z.string().trim().max(200, '说明不超过200字').default(''),
})

/**
 * 星级志愿者, by all-time recorded hours (民政部《志愿服务记录与证明出具办法》): 一星 100 h … 五星 1,500 h.
 * Index i is the hours that reach level i + 1.
 */
export const STAR_LEVEL_HOURS = [100, 300, 600, 1000, 1500] as const
export const STAR_LEVEL_NAMES = ['', '一星', '二星', '三星', '四星', '五星'] as const

export const yearInput = z.object({ year: z.number().int().min(2020, '年份有误').max(2100, '年份有误') })

/** What the volunteer sees of their own registration; the phone is masked. */
export interface VolunteerProfile {
  userId: string
  name: string
  phone: string
  team: VolunteerTeam
  skills: string[]
  availability: string
  status: RegistrationStatus
  reason: string | null
  requestedAt: string
}

/** The admin's review queue: the only place the phone is shown in full. */
export type PendingVolunteer = Omit<VolunteerProfile, 'status' | 'reason'>

/** Whom an administrator can credit hours to. */
export type VolunteerRosterEntry = Pick<VolunteerProfile, 'userId' | 'name' | 'team'>

export interface ShiftView {
  id: string
  station: Station
  startedAt: string
  endedAt: string | null
  autoClosed: boolean
}

export interface HelpVolunteer {
  name: string
  team: VolunteerTeam | null
}

/** The patient's own request with its live status. */
export interface MyHelpRequest {
  id: string
  need: HelpNeed
  from: string
  toDepartment: string
  note: string | null
  people: number
  status: HelpStatus
  createdAt: string
  /** 1 = next to be served; only while waiting. */
  queuePosition: number | null
  waitingMinutes: number
  volunteer: HelpVolunteer | null
  rating: { stars: number; comment: string | null } | null
  /** Where to wait and what happens next, in words for the patient. */
  nextStep: string
}

/** A request as volunteers on shift see it. */
export interface OpenHelpRequest {
  id: string
  need: HelpNeed
  from: string
  toDepartment: string
  note: string | null
  people: number
  status: HelpStatus
  /** Masked for volunteers (张**); in full for the service desk. */
  patientName: string
  /** Handed to the volunteer by the service desk rather than claimed. */
  assigned: boolean
  /** 轮椅 or 老人: needs a volunteer who can take it slowly. */
  careNeeded: boolean
  waitingMinutes: number
  escalated: boolean
  claimedAt: string | null
}

export interface StarLevel {
  /** 0 (not yet 一星) to 5 (五星). */
  level: number
  name: string
  /** Hours still to serve for the next level; null at 五星. */
  hoursToNext: number | null
}

export interface HallView {
  shift: ShiftView | null
  /** Waiting requests in dispatch order: 等待超时 pinned first, then 轮椅/老人, then by waiting time; empty when not on shift. */
  waiting: OpenHelpRequest[]
  /** Requests this volunteer has claimed or was assigned and not yet completed, desk assignments first. */
  mine: OpenHelpRequest[]
  /** The volunteer's badge. */
  star: StarLevel
}

/** A volunteer on shift, whom the desk can assign a request to. */
export interface OnShiftVolunteer {
  userId: string
  name: string
  team: VolunteerTeam | null
  station: Station
  /** Requests they are serving now. */
  serving: number
}

export interface DeskRequest extends OpenHelpRequest {
  volunteerName: string | null
  minutesSinceClaim: number | null
}

export interface DeskView {
  onShift: number
  volunteersOnShift: OnShiftVolunteer[]
  /** Every waiting request in dispatch order, for assigning. */
  waiting: DeskRequest[]
  /** Waiting over 10 minutes. */
  escalated: DeskRequest[]
  /** Claimed over 60 minutes and not completed. */
  overdue: DeskRequest[]
  /** Shifts closed by the 12-hour rule in the last 7 days. */
  autoClosed: (ShiftView & { volunteerName: string })[]
}

export interface ServiceRecord {
  year: number
  minutesThisYear: number
  minutesAllTime: number
  servedThisYear: number
  servedAllTime: number
  averageRating: number | null
  ratingCount: number
  star: StarLevel
}

export type ServiceKind = 'request' | 'shift' | 'adjustment' | 'external'

export const SERVICE_KIND_LABELS: Record<ServiceKind, string> = {
  request: '导诊服务',
  shift: '院内值班',
  adjustment: '时长补录',
  external: '院外服务',
}

/** One line of the national record's service section. */
export interface ServiceEntry {
  kind: ServiceKind
  /** When it ended (ISO). */
  at: string
  place: string
  content: string
  /** Time actually serving. */
  minutes: number
  /** False for a guidance request: its time is already inside the shift it was served on. */
  countsHours: boolean
  /** The patient's stars, for a rated guidance request. */
  rating: number | null
  /** Who confirmed it: the system's shift clock, or the administrator who recorded it. */
  confirmedBy: string
}

export interface RecordSection {
  title: string
  /** YYYY-MM-DD */
  date: string
  detail: string
}

/** 志愿服务记录: totals, the star level, then the services (newest first, a page at a time), training and awards. */
export interface VolunteerRecord extends ServiceRecord {
  services: ServiceEntry[]
  page: number
  pageSize: number
  serviceCount: number
  training: RecordSection[]
  awards: RecordSection[]
}

export interface RankingRow {
  rank: number
  userId: string
  name: string
  team: VolunteerTeam | null
  minutes: number
  served: number
  averageRating: number | null
  star: StarLevel
}

export interface VolunteerApi {
  register: Endpoint<z.input<typeof registerInput>, VolunteerProfile>
  myProfile: Endpoint<z.input<typeof emptyInput>, VolunteerProfile | null>
  pending: Endpoint<z.input<typeof emptyInput>, PendingVolunteer[]>
  roster: Endpoint<z.input<typeof emptyInput>, VolunteerRosterEntry[]>
  approve: Endpoint<z.input<typeof decideInput>, { userId: string; status: RegistrationStatus }>
  reject: Endpoint<z.input<typeof rejectInput>, { userId: string; status: RegistrationStatus }>
  startShift: Endpoint<z.input<typeof startShiftInput>, ShiftView>
  endShift: Endpoint<z.input<typeof emptyInput>, ShiftView & { minutes: number }>
  request: Endpoint<z.input<typeof helpRequestInput>, MyHelpRequest>
  cancel: Endpoint<z.input<typeof requestIdInput>, MyHelpRequest>
  myRequest: Endpoint<z.input<typeof emptyInput>, MyHelpRequest | null>
  rate: Endpoint<z.input<typeof rateInput>, MyHelpRequest>
  open: Endpoint<z.input<typeof emptyInput>, HallView>
  claim: Endpoint<z.input<typeof requestIdInput>, OpenHelpRequest>
  release: Endpoint<z.input<typeof requestIdInput>, { requestId: string }>
  complete: Endpoint<z.input<typeof requestIdInput>, { requestId: string }>
  assign: Endpoint<z.input<typeof assignInput>, DeskRequest>
  sweep: Endpoint<z.input<typeof emptyInput>, { closedShifts: number }>
  desk: Endpoint<z.input<typeof emptyInput>, DeskView>
  adjustHours: Endpoint<z.input<typeof adjustHoursInput>, ServiceRecord>
  addRecordSection: Endpoint<z.input<typeof addRecordSectionInput>, RecordSection>
  reportService: Endpoint<z.input<typeof reportServiceInput>, ServiceReport>
  myReports: Endpoint<z.input<typeof emptyInput>, ServiceReport[]>
  reportsToApprove: Endpoint<z.input<typeof emptyInput>, ServiceReport[]>
  approveService: Endpoint<z.input<typeof approveServiceInput>, ServiceReport>
  certificate: Endpoint<z.input<typeof certificateInput>, Certificate>
  verifyCertificate: Endpoint<z.input<typeof verifyCertificateInput>, CertificateCheck>
  revokeCertificates: Endpoint<z.input<typeof revokeCertificatesInput>, { revoked: number }>
  setTeamLeader: Endpoint<z.input<typeof setTeamLeaderInput>, TeamLeader[]>
  teamLeaders: Endpoint<z.input<typeof emptyInput>, TeamLeader[]>
  myRecord: Endpoint<z.input<typeof myRecordInput>, VolunteerRecord>
  ranking: Endpoint<z.input<typeof yearInput>, RankingRow[]>
  exportRanking: Endpoint<z.input<typeof yearInput>, CsvExport>
}

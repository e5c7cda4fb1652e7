import { z } from 'zod'
import { idSchema, monthSchema, phoneSchema, type CsvExport, type Endpoint, type VisitType } from './common'
import { SENSITIVE_TEXT_REFUSED } from './identity'
import type { analyzeTextInput, Tagging, ThemeTag } from './voice'

export const VISIT_TYPE_LABELS: Record<VisitType, string> = { outpatient: '门诊', inpatient: '住院' }

/** The 5-point scale every item uses; `null` in answers means 不适用. */
export const SCALE_LABELS: Record<1 | 2 | 3 | 4 | 5, string> = {
  1: '非常不满意',
  2: '不满意',
  3: '一般',
  4: '满意',
  5: '非常满意',
}

/** The item every questionnaire ends with; the boards are computed from it. */
export const OVERALL_ITEM = 'overall'

export const SATISFACTION_TARGET = 0.95

/** Below this many answers a department-month shows 样本不足 instead of a rate. */
export const MIN_SAMPLE = 30

export const COMMENT_MAX = 500

export interface QuestionnaireItem {
  id: string
  label: string
  allowNA: boolean
}

export interface Questionnaire {
  id: string
  version: number
  title: string
  items: QuestionnaireItem[]
}

export interface VisitView {
  type: VisitType
  departmentId: string
  departmentName: string
  visitDate: string
  doctor: string | null
}

/** What the hospital's system exports: one visit a line. */
export const importVisitsInput = z.object({
  csv: z.string().min(1, '请粘贴就诊记录 CSV').max(60_000, 'CSV 过大，请分批导入'),
})

/**
 * The three forms of one visit's code. `code` is the long signed form for links; `scene` (≤32
 * letters and digits, signed) goes into a WeChat mini-program code; `shortCode` is printed under
 * the QR for typing by hand. The slip's department and date come along so it can be printed.
 */
export interface VisitCode {
  visitId: string
  code: string
  scene: string
  shortCode: string
  expiresAt: string
  departmentName: string
  visitType: VisitType
  visitDate: string
}

export interface ImportVisitsResult {
  added: number
  skipped: number
  errors: { line: number; message: string }[]
  codes: VisitCode[]
}

export const visitIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, '就诊号应为1–40位字母、数字、下划线或连字符')

export const visitCodeInput = z.object({ visitId: visitIdSchema })

/** Any of the three forms, or a link or page path that carries `code=` or `scene=`. */
const codeSchema = z.string().trim().min(1, '请输入评价码').max(500, '评价码无效，请核对后重新输入')

export const openVisitInput = z.object({ code: codeSchema })

/** A QR image for one slip: WeChat's mini-program code in production, an ordinary QR of the H5 link locally. */
export interface VisitQr {
  visitId: string
  kind: 'wxacode' | 'qr'
  /** `data:image/png;base64,…` */
  image: string
  /** What the code opens: a page path with `scene=` for a mini-program code, the H5 link otherwise. */
  target: string
}

/**
 * 愿意接受回访: the patient gives a number and says yes. Kept only on a low-score alert, for that
 * department's managers and the admins, and erased 30 days after the alert is closed.
 */
export const contactInput = z.object({
  phone: phoneSchema,
  consent: z.literal(true, '请确认同意科室致电回访'),
})

const scoreSchema = z.number().int('请选择1–5分').min(1, '请选择1–5分').max(5, '请选择1–5分').nullable()

export const submitInput = z
  .object({
    code: codeSchema,
    /** The version the patient was shown; the active one when absent. */
    version: z.number().int().positive().optional(),
    answers: z.record(z.string().max(40), scoreSchema),
    recommend: z.number().int('请选择0–10分').min(0, '请选择0–10分').max(10, '请选择0–10分'),
    comment: z.string().trim().max(COMMENT_MAX, `意见建议不超过${COMMENT_MAX}字`).optional(),
    praiseStaff: z.string().trim().max(20, '姓名不超过20字').optional(),
    contact: contactInput.optional(),
    /**
     * 单独同意 for the comment, sent with it. The answer is anonymous, so the handler never looks up who
     * is answering: the app attests the person's recorded consent, and a comment without it is refused.
     */
    commentConsent: z.literal(true).optional(),
  })
  .refine((input) => !input.comment || input.commentConsent === true, {
    path: ['comment'],
    message: SENSITIVE_TEXT_REFUSED,
  })

/** Carries nothing that could tell who answered: no response id, no visit. */
export interface SubmitResult {
  submitted: true
  alert: boolean
}

export interface OpenVisitResult {
  visit: VisitView
  questionnaire: Questionnaire
}

/** Below MIN_SAMPLE answers only the count is shown: everything derived from it is `null` (样本不足). */
export interface RateFigure {
  /** Answers on 总体满意度 (never 不适用). */
  answered: number
  satisfied: number | null
  rate: number | null
  metTarget: boolean | null
}

/** 你说·我们做: what patients said and what the department changed. */
export interface Improvement {
  id: string
  departmentId: string
  departmentName: string
  said: string
  did: string
  publishedOn: string
}

export const IMPROVEMENT_TEXT_MAX = 200

export const publishImprovementInput = z.object({
  departmentId: idSchema,
  said: z
    .string()
    .trim()
    .min(4, '请写下患者反映的问题（至少4个字）')
    .max(IMPROVEMENT_TEXT_MAX, `不超过${IMPROVEMENT_TEXT_MAX}字`),
  did: z
    .string()
    .trim()
    .min(4, '请写下科室的改进措施（至少4个字）')
    .max(IMPROVEMENT_TEXT_MAX, `不超过${IMPROVEMENT_TEXT_MAX}字`),
})

export interface DepartmentBoardRow {
  departmentId: string
  departmentName: string
  current: RateFigure
  previous: RateFigure
}

export interface Board {
  month: string
  previousMonth: string
  target: number
  minSample: number
  hospital: { current: RateFigure; previous: RateFigure }
  departments: DepartmentBoardRow[]
  /** Hospital-wide, oldest first, twelve months ending with `month`. */
  trend: (RateFigure & { month: string })[]
  /** Newest first, at most 20. */
  improvements: Improvement[]
}

export const boardInput = z.object({ month: monthSchema.optional() }).optional()

export const monthRangeInput = z
  .object({ departmentId: idSchema, from: monthSchema, to: monthSchema })
  .refine((v) => v.from <= v.to, { message: '开始月份不能晚于结束月份', path: ['to'] })

/** `average` and `rate` are `null` below MIN_SAMPLE answers. */
export interface ItemFigure {
  /** The questionnaire the item is on: 隐私保护 asked of outpatients is another figure than of inpatients. */
  visitType: VisitType
  itemId: string
  label: string
  answered: number
  notApplicable: number
  average: number | null
  rate: number | null
}

/** `average` and `nps` are `null` below MIN_SAMPLE answers. */
export interface RecommendFigure {
  answered: number
  average: number | null
  nps: number | null
}

/** One kind of visit on the dashboard; its answers add up to the dashboard's. */
export interface DashboardSection {
  visitType: VisitType
  responses: number
  /** 总体满意度 of this kind of visit over the range: the board's figure, split by visit type. */
  satisfaction: RateFigure
  items: ItemFigure[]
  recommend: RecommendFigure
}

export interface Dashboard {
  departmentId: string
  departmentName: string
  from: string
  to: string
  /** Answers to visits in the range, by the visit's month: late answers count towards their visit. */
  responses: number
  visits: number
  /** responses ÷ visits, both by visit month, so never above 1. */
  responseRate: number | null
  /** 门诊 then 住院, always both: each questionnaire's own items, never mixed. */
  sections: DashboardSection[]
  /** The three items with the lowest satisfaction rate across both sections, among those with enough answers. */
  weakest: ItemFigure[]
  recommend: RecommendFigure
  comments: { month: string; visitType: VisitType; overall: number | null; comment: string }[]
}

export const ALERT_FILTERS = ['open', 'overdue', 'closed', 'all'] as const
export type AlertFilter = (typeof ALERT_FILTERS)[number]

export const alertsInput = z
  .object({ filter: z.enum(ALERT_FILTERS).optional(), departmentId: idSchema.optional() })
  .optional()

export const FOLLOW_UP_ACTIONS = ['called', 'explained', 'fixedProcess', 'noContact'] as const
export type FollowUpAction = (typeof FOLLOW_UP_ACTIONS)[number]

export const FOLLOW_UP_LABELS: Record<FollowUpAction, string> = {
  called: '已电话回访',
  explained: '已解释说明',
  fixedProcess: '已改进流程',
  noContact: '无法联系',
}

export const ALERT_OVERDUE_HOURS = 48

/** A call-back number is erased this many days after its alert is closed. */
export const CONTACT_KEPT_DAYS = 30

export const followUpInput = z.object({
  alertId: idSchema,
  action: z.enum(FOLLOW_UP_ACTIONS, '请选择跟进方式'),
  note: z.string().trim().min(2, '请填写跟进情况').max(500, '跟进情况不超过500字'),
})

export const closeAlertInput = z.object({
  alertId: idSchema,
  note: z.string().trim().max(500, '说明不超过500字').optional(),
})

export interface AlertEvent {
  kind: 'followUp' | 'close'
  action: FollowUpAction | null
  note: string
  actorName: string
  at: string
}

export interface AlertView {
  id: string
  departmentId: string
  departmentName: string
  visitType: VisitType
  month: string
  status: 'open' | 'closed'
  overdue: boolean
  /** The day only: an exact time on a small ward points to one patient. */
  createdOn: string
  /** Given by the patient with consent to a call-back; `null` for an anonymous answer or once erased. */
  contactPhone: string | null
  /** The follow-up actions that fit this alert: 已电话回访 only where the patient left a number. */
  actions: FollowUpAction[]
  overall: number | null
  recommend: number
  lowItems: { itemId: string; label: string; score: number }[]
  comment: string | null
  history: AlertEvent[]
  /** The comment's themes, read with the lexicon as it is now (voice). */
  themes?: ThemeTag[]
}

export interface SurveyApi {
  importVisits: Endpoint<z.input<typeof importVisitsInput>, ImportVisitsResult>
  visitCode: Endpoint<z.input<typeof visitCodeInput>, VisitCode>
  visitQr: Endpoint<z.input<typeof visitCodeInput>, VisitQr>
  openVisit: Endpoint<z.input<typeof openVisitInput>, OpenVisitResult>
  submit: Endpoint<z.input<typeof submitInput>, SubmitResult>
  board: Endpoint<z.input<typeof boardInput>, Board>
  dashboard: Endpoint<z.input<typeof monthRangeInput>, Dashboard>
  export: Endpoint<z.input<typeof monthRangeInput>, CsvExport>
  alerts: Endpoint<z.input<typeof alertsInput>, AlertView[]>
  followUp: Endpoint<z.input<typeof followUpInput>, AlertView>
  closeAlert: Endpoint<z.input<typeof closeAlertInput>, AlertView>
  publishImprovement: Endpoint<z.input<typeof publishImprovementInput>, Improvement>
  analyzeText: Endpoint<z.input<typeof analyzeTextInput>, Tagging>
}

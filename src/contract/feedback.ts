import { z } from 'zod'
import { chosenId, emptyInput, idSchema, monthSchema, phoneSchema, type Endpoint } from './common'

// 暖语手册

export const PHRASE_SCENES = ['导诊/挂号', '候诊', '诊室', '检查', '病房', '收费/取药', '电话', '投诉接待'] as const
export type PhraseScene = (typeof PHRASE_SCENES)[number]

export interface PhraseEntry {
  id: string
  scene: PhraseScene
  /** The situation, e.g. 患者询问就诊科室. */
  situation: string
  recommended: string[]
  forbidden: string[]
}

export const phrasesInput = z
  .object({
    scene: z.enum(PHRASE_SCENES).optional(),
    q: z.string().trim().max(30, '搜索词不超过30字').optional(),
  })
  .optional()

const phraseLines = (label: string) =>
  z
    .array(z.string().trim().min(2, `${label}至少2个字`).max(120, `${label}每条不超过120字`))
    .min(1, `请至少填写一条${label}`)
    .max(8, `${label}最多8条`)

export const savePhraseInput = z.object({
  id: idSchema.optional(),
  scene: z.enum(PHRASE_SCENES, '请选择场景'),
  situation: z.string().trim().min(2, '请填写使用情境').max(60, '使用情境不超过60字'),
  recommended: phraseLines('推荐用语'),
  forbidden: phraseLines('禁语'),
})

// Praise and complaints

export const FEEDBACK_KINDS = ['praise', 'complaint'] as const
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number]
export const FEEDBACK_KIND_LABELS: Record<FeedbackKind, string> = { praise: '表扬', complaint: '投诉' }

export const COMPLAINT_CATEGORIES = [
  '态度生硬',
  '使用禁语',
  '推诿敷衍',
  '解释不清',
  '不尊重隐私',
  '等候无人理睬',
  '其他',
] as const
export const PRAISE_CATEGORIES = ['热情暖心', '耐心解释', '主动帮助', '专业细致', '其他'] as const
export const FEEDBACK_CATEGORIES: Record<FeedbackKind, readonly string[]> = {
  praise: PRAISE_CATEGORIES,
  complaint: COMPLAINT_CATEGORIES,
}

export const COMPLAINT_STATUSES = ['submitted', 'accepted', 'replied', 'closed'] as const
export const PRAISE_STATUSES = ['pending', 'approved', 'rejected'] as const
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number]
export type PraiseStatus = (typeof PRAISE_STATUSES)[number]
export type FeedbackStatus = ComplaintStatus | PraiseStatus

export const FEEDBACK_STATUS_LABELS: Record<FeedbackStatus, string> = {
  submitted: '待受理',
  accepted: '处理中',
  replied: '已回复',
  closed: '已办结',
  pending: '待审核',
  approved: '已上墙',
  rejected: '未采用',
}

export const FEEDBACK_TEXT_MIN = 10
export const FEEDBACK_TEXT_MAX = 500
export const SUBMISSIONS_PER_DAY = 5
/** SLA: accept within a day, reply within five days of submission (or of a reopen). */
export const ACCEPT_DUE_HOURS = 24
export const REPLY_DUE_DAYS = 5
/** A reply closes itself after this long, and the patient may reopen once within it. */
export const AUTO_CLOSE_DAYS = 7

const staffSchema = z
  .object({
    employeeNo: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{3,16}$/, '工号应为3–16位字母或数字')
      .optional(),
    name: z.string().trim().min(2, '姓名至少2个字').max(20, '姓名不超过20字').optional(),
  })
  .refine((v) => v.employeeNo !== undefined || v.name !== undefined, {
    message: '请填写工号或姓名',
    path: ['name'],
  })

export const submitFeedbackInput = z
  .object({
    kind: z.enum(FEEDBACK_KINDS, '请选择表扬或投诉'),
    departmentId: chosenId('请选择科室'),
    staff: staffSchema.optional(),
    categories: z.array(z.string()).min(1, '请至少选择一个类别').max(7),
    text: z
      .string()
      .trim()
      .min(FEEDBACK_TEXT_MIN, `请至少写${FEEDBACK_TEXT_MIN}个字`)
      .max(FEEDBACK_TEXT_MAX, `不超过${FEEDBACK_TEXT_MAX}字`),
    contactPhone: phoneSchema.optional(),
    anonymous: z.boolean(),
  })
  .superRefine((v, issue) => {
    const allowed = FEEDBACK_CATEGORIES[v.kind]
    if (v.categories.some((c) => !allowed.includes(c)) || new Set(v.categories).size !== v.categories.length) {
      issue.addIssue({ code: 'custom', message: '类别不正确，请重新选择', path: ['categories'] })
    }
  })

export const feedbackIdInput = z.object({ id: idSchema })

export const replyComplaintInput = z.object({
  id: idSchema,
  text: z.string().trim().min(10, '回复至少10个字').max(1000, '回复不超过1000字'),
  /** 属实: the complaint was found true; service stars count it against the staff member. */
  upheld: z.boolean('请选择投诉是否属实'),
})

/**
 * Closing is the patient's to do within their window; a manager closes early only with a reason,
 * such as a patient who cannot be reached, which the patient sees in the timeline.
 */
export const closeComplaintInput = z.object({
  id: idSchema,
  reason: z.string().trim().min(5, '请说明提前办结的原因（至少5个字）').max(300, '原因不超过300字').optional(),
})

export const confirmComplaintInput = z.object({
  id: idSchema,
  rating: z.number().int('请选择1–5星').min(1, '请选择1–5星').max(5, '请选择1–5星'),
})

export const reopenComplaintInput = z.object({
  id: idSchema,
  reason: z.string().trim().min(5, '请说明不满意的原因（至少5个字）').max(300, '原因不超过300字'),
})

/** Without a status: every complaint not yet closed. */
export const complaintQueueInput = z
  .object({
    status: z.enum(COMPLAINT_STATUSES).optional(),
    overdue: z.boolean().optional(),
  })
  .optional()

export const approvePraiseInput = z.object({
  id: idSchema,
  /** Held praise (contact details, abusive words) is approved only when the admin says so explicitly. */
  confirmHeld: z.boolean().optional(),
})

export const rejectPraiseInput = z.object({
  id: idSchema,
  reason: z.string().trim().min(2, '请填写原因').max(200, '原因不超过200字'),
})

export const HELD_REASONS = ['含联系方式', '含证件号码', '含不文明用语'] as const
export type HeldReason = (typeof HELD_REASONS)[number]

export interface FeedbackItem {
  id: string
  kind: FeedbackKind
  status: FeedbackStatus
  departmentId: string
  departmentName: string
  /** As the patient named them; `null` when nobody was named. */
  staffName: string | null
  employeeNo: string | null
  categories: string[]
  text: string
  /** Full for admins and, while the complaint is open, its department's manager; masked for everyone else. */
  contactPhone: string | null
  anonymous: boolean
  /** Only for the handler, and never when anonymous. */
  patientName: string | null
  heldReasons: HeldReason[]
  createdAt: string
  acceptedAt: string | null
  repliedAt: string | null
  closedAt: string | null
  reply: { text: string; upheld: boolean } | null
  rating: number | null
  reopenCount: number
  /** SLA deadlines of a complaint still in the department's hands. */
  acceptDueAt: string | null
  replyDueAt: string | null
  overdue: boolean
  autoCloseAt: string | null
  canReopen: boolean
  /** The viewer submitted it (may confirm, rate, reopen). */
  own: boolean
  /** The viewer handles it (may accept, reply, close). */
  canHandle: boolean
}

export const HISTORY_ACTORS = ['patient', 'manager', 'admin', 'system'] as const
export type HistoryActor = (typeof HISTORY_ACTORS)[number]
export const HISTORY_ACTOR_LABELS: Record<HistoryActor, string> = {
  patient: '患者',
  manager: '科室',
  admin: '管理员',
  system: '系统',
}

export type FeedbackAction = 'submit' | 'accept' | 'reply' | 'confirm' | 'reopen' | 'close' | 'approve' | 'reject'
export const FEEDBACK_ACTION_LABELS: Record<FeedbackAction, string> = {
  submit: '提交',
  accept: '受理',
  reply: '回复',
  confirm: '确认办结并评价',
  reopen: '不满意，重新处理',
  close: '办结',
  approve: '审核通过',
  reject: '未采用',
}

export interface HistoryEntry {
  action: FeedbackAction
  fromStatus: FeedbackStatus | null
  toStatus: FeedbackStatus
  actor: HistoryActor
  note: string | null
  at: string
}

export interface FeedbackDetail extends FeedbackItem {
  history: HistoryEntry[]
}

export interface SweepResult {
  closed: number
}

// Praise wall and service stars

export interface WallPraise {
  id: string
  departmentName: string
  /** Surname and title, e.g. 王护士; `null` when the praise names the department. */
  staffLabel: string | null
  categories: string[]
  text: string
  at: string
}

export interface StarPick {
  departmentId: string
  departmentName: string
  employeeNo: string
  staffLabel: string
  score: number
}

export interface PublishedStars {
  month: string
  publishedAt: string
  stars: StarPick[]
}

export interface Wall {
  praise: WallPraise[]
  stars: PublishedStars | null
}

/** Service star score weights; the formula text is built from them, so the two never disagree. */
export const STAR_WEIGHTS = { praise: 3, surveyMention: 1, upheldComplaint: -5 } as const

export const STAR_FORMULA = `得分 = ${STAR_WEIGHTS.praise}×经审核的表扬 + ${STAR_WEIGHTS.surveyMention}×满意度调查中点名表扬 − ${-STAR_WEIGHTS.upheldComplaint}×查实的投诉（均按当月提交计）`

export interface StarScore {
  employeeNo: string
  name: string
  staffLabel: string
  praise: number
  surveyMentions: number
  upheldComplaints: number
  score: number
}

export interface DepartmentStars {
  departmentId: string
  departmentName: string
  staff: StarScore[]
}

export interface StarComputation {
  month: string
  formula: string
  departments: DepartmentStars[]
  published: PublishedStars | null
}

export const starMonthInput = z.object({ month: monthSchema })

export const publishedStarsInput = z.object({ month: monthSchema.optional() }).optional()

export const publishStarsInput = z.object({
  month: monthSchema,
  picks: z
    .array(z.object({ departmentId: idSchema, employeeNo: z.string().trim().min(1).max(16) }))
    .min(1, '请至少选择一位服务明星')
    .max(60, '一次最多发布60位'),
})

export interface FeedbackApi {
  phrases: Endpoint<z.input<typeof phrasesInput>, PhraseEntry[]>
  savePhrase: Endpoint<z.input<typeof savePhraseInput>, PhraseEntry>
  submit: Endpoint<z.input<typeof submitFeedbackInput>, FeedbackItem>
  mine: Endpoint<z.input<typeof emptyInput>, FeedbackItem[]>
  detail: Endpoint<z.input<typeof feedbackIdInput>, FeedbackDetail>
  queue: Endpoint<z.input<typeof complaintQueueInput>, FeedbackItem[]>
  accept: Endpoint<z.input<typeof feedbackIdInput>, FeedbackItem>
  reply: Endpoint<z.input<typeof replyComplaintInput>, FeedbackItem>
  confirm: Endpoint<z.input<typeof confirmComplaintInput>, FeedbackItem>
  reopen: Endpoint<z.input<typeof reopenComplaintInput>, FeedbackItem>
  close: Endpoint<z.input<typeof closeComplaintInput>, FeedbackItem>
  sweep: Endpoint<z.input<typeof emptyInput>, SweepResult>
  praiseReview: Endpoint<z.input<typeof emptyInput>, FeedbackItem[]>
  approvePraise: Endpoint<z.input<typeof approvePraiseInput>, FeedbackItem>
  rejectPraise: Endpoint<z.input<typeof rejectPraiseInput>, FeedbackItem>
  myPraise: Endpoint<z.input<typeof emptyInput>, WallPraise[]>
  wall: Endpoint<z.input<typeof emptyInput>, Wall>
  computeStars: Endpoint<z.input<typeof starMonthInput>, StarComputation>
  publishStars: Endpoint<z.input<typeof publishStarsInput>, PublishedStars>
  stars: Endpoint<z.input<typeof publishedStarsInput>, PublishedStars | null>
}

import { z } from 'zod'
import { dateSchema, emptyInput, idSchema, type CsvExport, type Endpoint } from './common'
import type { QuestionnaireItem } from './survey'

/**
 * 医务人员满意度: a pulse survey of the hospital's own staff, anonymous by construction. Below this
 * many answers a department (or any cut) shows its count only, never a rate, an average or a comment.
 */
export const STAFF_MIN_GROUP = 10

export const STAFF_COMMENT_MAX = 500

export type CampaignStatus = 'upcoming' | 'open' | 'closed'

export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  upcoming: '未开始',
  open: '进行中',
  closed: '已结束',
}

export const createCampaignInput = z
  .object({
    title: z.string().trim().min(2, '请填写调查名称').max(40, '名称不超过40字'),
    opensOn: dateSchema,
    closesOn: dateSchema,
  })
  .refine((c) => c.opensOn <= c.closesOn, { message: '结束日期应不早于开始日期', path: ['closesOn'] })

export const campaignIdInput = z.object({ campaignId: idSchema })

const staffScoreSchema = z.number().int('请选择1–5分').min(1, '请选择1–5分').max(5, '请选择1–5分').nullable()

export const staffSubmitInput = z.object({
  campaignId: idSchema,
  /** Item id -> 1–5, or `null` for 不适用 where the item allows it. */
  answers: z.record(z.string().max(40), staffScoreSchema),
  recommend: z.number().int('请选择0–10分').min(0, '请选择0–10分').max(10, '请选择0–10分'),
  comment: z.string().trim().max(STAFF_COMMENT_MAX, `意见建议不超过${STAFF_COMMENT_MAX}字`).optional(),
})

export interface CampaignView {
  id: string
  title: string
  opensOn: string
  closesOn: string
  status: CampaignStatus
  /** Whether the caller has answered: their own mark, nothing more. */
  answered: boolean
  /** Staff invited and answers so far: for organizers only, `null` for staff. */
  invited: number | null
  responses: number | null
}

export interface StaffQuestionnaire {
  id: string
  version: number
  items: QuestionnaireItem[]
}

export interface OpenCampaignResult {
  campaign: CampaignView
  questionnaire: StaffQuestionnaire
}

/** Carries nothing that could tell who answered or when. */
export interface StaffSubmitResult {
  submitted: true
}

export interface StaffItemFigure {
  itemId: string
  label: string
  /** Answers other than 不适用. */
  answered: number
  /** Share of 4 and 5 among those answered. */
  rate: number | null
  average: number | null
}

/** A cut of the answers: its counts always, its figures only from STAFF_MIN_GROUP answers on. */
export interface StaffCut {
  responses: number
  invited: number
  responseRate: number | null
  items: StaffItemFigure[] | null
  recommend: { average: number } | null
  comments: string[] | null
}

export interface StaffDepartmentResult extends StaffCut {
  departmentId: string | null
  departmentName: string
}

export interface StaffTrendPoint {
  campaignId: string
  title: string
  opensOn: string
  responses: number
  invited: number
  /** 总体满意度 rate of the caller's scope, `null` under STAFF_MIN_GROUP. */
  overallRate: number | null
  overallAverage: number | null
}

export interface StaffResults {
  campaign: CampaignView
  responses: number
  invited: number
  /** Admins: every department; a manager: their own. */
  departments: StaffDepartmentResult[]
  /**
   * The whole hospital, for admins. Departments under STAFF_MIN_GROUP count in it only when together
   * they reach STAFF_MIN_GROUP, so subtracting the shown departments never isolates a small one.
   */
  hospital: StaffCut | null
  /** The caller's scope across campaigns, oldest first. */
  trend: StaffTrendPoint[]
}

export interface StaffSurveyApi {
  createCampaign: Endpoint<z.input<typeof createCampaignInput>, CampaignView>
  campaigns: Endpoint<z.input<typeof emptyInput>, CampaignView[]>
  openCampaign: Endpoint<z.input<typeof campaignIdInput>, OpenCampaignResult>
  submit: Endpoint<z.input<typeof staffSubmitInput>, StaffSubmitResult>
  results: Endpoint<z.input<typeof campaignIdInput>, StaffResults>
  exportResults: Endpoint<z.input<typeof campaignIdInput>, CsvExport>
}

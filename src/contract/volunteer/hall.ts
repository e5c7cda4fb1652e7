import { z } from 'zod'
import { chosenId, idSchema } from '../common'
import type { StarLevel } from './records'
import type { VolunteerTeam } from './registration'

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

export type HelpStatus = 'waiting' | 'claimed' | 'completed' | 'cancelled'

export const HELP_STATUS_LABELS: Record<HelpStatus, string> = {
  waiting: '等待中',
  claimed: '已接单',
  completed: '已完成',
  cancelled: '已取消',
}

export const startShiftInput = z.object({ station: z.enum(STATIONS, '请选择服务岗位') })

export const helpRequestInput = z.object({
  need: z.enum(HELP_NEEDS, '请选择需要的帮助'),
  from: z.string().trim().min(2, '请填写您现在的位置').max(40, '位置描述过长'),
  to: chosenId('请选择要去的科室'),
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

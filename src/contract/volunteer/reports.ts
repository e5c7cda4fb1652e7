import { z } from 'zod'
import { dateSchema, idSchema } from '../common'
import { VOLUNTEER_TEAMS, type VolunteerTeam } from './registration'

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

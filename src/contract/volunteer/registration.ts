import { z } from 'zod'
import { idSchema, phoneSchema } from '../common'

export const VOLUNTEER_TEAMS = ['党员', '青年', '老年', '社会'] as const
export type VolunteerTeam = (typeof VOLUNTEER_TEAMS)[number]

export const VOLUNTEER_SKILLS = ['轮椅协助', '方言', '外语', '手语', '急救', '自助机操作'] as const

export type RegistrationStatus = 'pending' | 'approved' | 'rejected'

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

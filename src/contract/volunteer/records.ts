import { z } from 'zod'
import { dateSchema, idSchema } from '../common'
import type { VolunteerTeam } from './registration'

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

export interface StarLevel {
  /** 0 (not yet 一星) to 5 (五星). */
  level: number
  name: string
  /** Hours still to serve for the next level; null at 五星. */
  hoursToNext: number | null
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

import { z } from 'zod'
import { emptyInput, idSchema, type CsvExport, type Endpoint } from '../common'
import { yearInput } from './records'
import type { VolunteerTeam } from './registration'

/**
 * The yearly 优秀志愿者 shortlist, shown next to the list as the service stars show their formula.
 * Hours are the year's recorded service, services the guidance requests completed that year, and the
 * rating the patients' average that year (a volunteer nobody rated is not held back by it).
 */
export const EXCELLENT_RULE = {
  minHours: 30,
  minServices: 5,
  minRating: 4.5,
  size: 10,
} as const

export const EXCELLENT_RULE_TEXT =
  `本年服务满 ${EXCELLENT_RULE.minHours} 小时、完成导诊服务满 ${EXCELLENT_RULE.minServices} 次，` +
  `患者平均评分不低于 ${EXCELLENT_RULE.minRating} 分（尚无评分的不因评分排除）；` +
  `按服务时长排序，时长相同看服务次数，再看评分，取前 ${EXCELLENT_RULE.size} 名入围，由管理员审定发布。`

export const publishExcellentInput = yearInput.extend({
  userIds: z
    .array(idSchema)
    .min(1, '请至少选择一位志愿者')
    .max(EXCELLENT_RULE.size, `最多 ${EXCELLENT_RULE.size} 位`)
    .refine((ids) => new Set(ids).size === ids.length, '名单中有重复的志愿者'),
})

/** Without a year: the latest list published. */
export const excellentInput = z
  .object({ year: z.number().int('年份有误').min(2020, '年份有误').max(2100, '年份有误').optional() })
  .default({})

export interface ExcellentVolunteer {
  userId: string
  name: string
  team: VolunteerTeam | null
  /** The year's recorded service. */
  minutes: number
  services: number
  averageRating: number | null
}

export interface ExcellentPublication {
  publishedAt: string
  volunteers: ExcellentVolunteer[]
}

/** What everyone sees on the hall: the published list of a year, with the rule it was drawn by. */
export interface ExcellentList {
  year: number
  rule: string
  published: ExcellentPublication | null
}

/** What the administrator reviews: the shortlist by the rule, and the list if already published. */
export interface ExcellentShortlist extends ExcellentList {
  candidates: ExcellentVolunteer[]
}

/** The national record in CSV, and the yearly recognition. */
export interface RecognitionApi {
  exportMyRecord: Endpoint<z.input<typeof emptyInput>, CsvExport>
  exportNationalRecords: Endpoint<z.input<typeof yearInput>, CsvExport>
  excellentShortlist: Endpoint<z.input<typeof yearInput>, ExcellentShortlist>
  publishExcellent: Endpoint<z.input<typeof publishExcellentInput>, ExcellentList>
  excellent: Endpoint<z.input<typeof excellentInput>, ExcellentList>
}

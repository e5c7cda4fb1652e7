import type { z } from 'zod'
import {
  SERVICE_KIND_LABELS,
  type CsvExport,
  type PendingVolunteer,
  type RecordSection,
  type ServiceEntry,
  type VolunteerTeam,
  type yearInput,
} from '../../../contract'
import { chinaDay } from '../../../contract/month'
import type { Ctx } from '../../core/context'
import { toCsv } from '../../core/csv'
import { audit } from '../../core/effects'
import { closeOwnOverdueShift } from './milestones'
import { recordOf, toServiceEntry, yearRange } from './records'
import type { ServiceRow } from './repo'

/** Far above any one volunteer's services: the export is the whole record, not a page of it. */
const ALL_SERVICES = { limit: 100_000, offset: 0 }

/**
 * The fields of the national volunteer record (民政部《志愿服务记录与证明出具办法》): basic information
 * on every line, then the section the line belongs to: 基本信息, 服务, 培训, 表彰 or 评价.
 */
const HEADER = [
  '姓名',
  '联系电话',
  '服务队',
  '记录类别',
  '日期',
  '服务类型',
  '服务地点',
  '内容',
  '服务时长（小时）',
  '评价',
  '确认人',
]

type Line = (string | number | null)[]

interface Person {
  name: string
  phone: string
  team: VolunteerTeam | null
}

const hoursText = (minutes: number) => (minutes / 60).toFixed(1)

const personCells = (person: Person) => [person.name, person.phone, person.team ?? '']

/**
 * A guidance request is served inside a shift whose hours already count: its minutes are shown in
 * the content, and its hours cell stays empty so that summing the column gives the recorded hours.
 */
function serviceLine(person: Person, entry: ServiceEntry): Line {
  const content = entry.countsHours ? entry.content : `${entry.content}（用时 ${entry.minutes} 分钟，计入值班时长）`
  return [
    ...personCells(person),
    '服务',
    chinaDay(new Date(entry.at)),
    SERVICE_KIND_LABELS[entry.kind],
    entry.place,
    content,
    entry.countsHours ? hoursText(entry.minutes) : null,
    entry.rating === null ? null : `患者评分 ${entry.rating} 星`,
    entry.confirmedBy,
  ]
}

function sectionLine(person: Person, kind: '培训' | '表彰', section: RecordSection): Line {
  const content = section.detail ? `${section.title}：${section.detail}` : section.title
  return [...personCells(person), kind, section.date, null, null, content, null, null, '管理员录入']
}

/** Named by the approved registration, with its phone; otherwise by the fallback, without one. */
function personFrom(approved: PendingVolunteer | null, fallback: { name: string; team: VolunteerTeam | null }): Person {
  return {
    name: approved?.name ?? fallback.name,
    phone: approved?.phone ?? '',
    team: approved?.team ?? fallback.team,
  }
}

async function personOf(ctx: Ctx, userId: string, fallback: { name: string; team: VolunteerTeam | null }) {
  const profile = await ctx.repos.volunteer.findProfile(userId)
  const approved = profile?.status === 'approved' ? profile : null
  return { person: personFrom(approved, fallback), profile: approved }
}

const entriesOf = (rows: ServiceRow[]) => rows.map(toServiceEntry).reverse()

/** The volunteer's own record, every section, oldest service first: theirs alone. */
export async function exportMyRecord(ctx: Ctx): Promise<CsvExport> {
  const repo = ctx.repos.volunteer
  const me = ctx.caller.userId
  await closeOwnOverdueShift(ctx, me)
  const [{ person, profile }, record, services, sections] = await Promise.all([
    personOf(ctx, me, { name: ctx.caller.name, team: null }),
    recordOf(ctx, me),
    repo.listServices(me, ALL_SERVICES),
    repo.listRecordSections(me),
  ])
  const today = chinaDay(ctx.now)
  const basics: Line = [
    ...personCells(person),
    '基本信息',
    profile ? chinaDay(new Date(profile.requestedAt)) : null,
    null,
    null,
    profile ? `服务技能：${profile.skills.join('、') || '无'}；可服务时间：${profile.availability || '未填'}` : null,
    null,
    null,
    null,
  ]
  const rating =
    record.averageRating === null ? '尚无患者评分' : `患者平均评分 ${record.averageRating}（${record.ratingCount} 次）`
  const evaluation: Line = [
    ...personCells(person),
    '评价',
    today,
    null,
    null,
    `${record.star.level === 0 ? '未评星' : `${record.star.name}志愿者`}，累计服务 ${hoursText(record.minutesAllTime)} 小时`,
    null,
    rating,
    '系统按记录计算',
  ]
  const lines = [
    basics,
    ...entriesOf(services.rows).map((entry) => serviceLine(person, entry)),
    ...sections.filter((s) => s.section === 'training').map((s) => sectionLine(person, '培训', s)),
    ...sections.filter((s) => s.section === 'award').map((s) => sectionLine(person, '表彰', s)),
    evaluation,
  ]
  return { filename: `志愿服务记录-${person.name || '本人'}-${today}.csv`, csv: toCsv(HEADER, lines) }
}

/**
 * Every volunteer who served in the year, one line per service of that year, for upload to the
 * national system. Audited: it is everyone's record leaving the system at once.
 */
export async function exportNationalRecords(ctx: Ctx, input: z.output<typeof yearInput>): Promise<CsvExport> {
  const repo = ctx.repos.volunteer
  const range = yearRange(input.year)
  await repo.closeOverdueShifts(ctx.now, null)
  // One pass over the year: the ranking orders the volunteers, the year's services and the approved
  // registrations are each read once, however many volunteers served.
  const [volunteers, services, registrations] = await Promise.all([
    repo.ranking(range, ALL_SERVICES.limit),
    repo.listServicesIn(range),
    repo.listRegistrations('approved'),
  ])
  const approved = new Map(registrations.map((registration) => [registration.userId, registration]))
  const servicesOf = new Map<string, ServiceRow[]>()
  for (const service of services) {
    const own = servicesOf.get(service.volunteerId)
    if (own) own.push(service)
    else servicesOf.set(service.volunteerId, [service])
  }
  const lines: Line[] = volunteers.flatMap((volunteer) => {
    const person = personFrom(approved.get(volunteer.userId) ?? null, volunteer)
    return (servicesOf.get(volunteer.userId) ?? []).map((row) => serviceLine(person, toServiceEntry(row)))
  })
  await audit(ctx, `volunteers:${input.year}`, { volunteers: volunteers.length, services: lines.length })
  return { filename: `全国志愿服务记录-${input.year}.csv`, csv: toCsv(HEADER, lines) }
}

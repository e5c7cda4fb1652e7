import type { z } from 'zod'
import {
  ATTENDEE_STATUS_LABELS,
  LEAVE_STATUS_LABELS,
  STUDY_TYPES,
  type AttendanceView,
  type createSessionInput,
  type CsvExport,
  type decideLeaveInput,
  type DepartmentAttendance,
  type editSessionInput,
  type MySession,
  type requestLeaveInput,
  type SessionView,
  type sessionIdInput,
  type statsInput,
  type StudyRecord,
  type StudyStats,
} from '../../../contract'
import { conflict, forbidden, invalid, notFound } from '../../core/app-error'
import type { Ctx } from '../../core/context'
import { toCsv } from '../../core/csv'
import { audit, notify } from '../../core/effects'
import { chinaDay, DAY_MS, HOUR_MS } from '../../../contract/month'
import { FREEZES_PER_READ, freezeIfOpened, freezeOpenedAudiences, refreezeAfterEdit } from './audience'
import { requirementOf, stillNeeded, yearRange } from './cme'
import {
  publicView,
  type AttendeeRecord,
  type RecordRow,
  type SessionFields,
  type SessionRecord,
  type StudyPerson,
} from './repo'
import { attendeeStatus, creditEarned, defaultRequireCheckOut, missedCheckOut, rateOf, sumCredits } from './rules'

/** How long a finished session stays in the lists, so 签退 and the organizer's screens still find it. */
const RECENT_HOURS = 2
const ORGANIZED_DAYS = 7
const RECENT_RECORDS = 20
const TOP_LEARNERS = 20

export const chinaClock = (at: Date) => new Date(at.getTime() + 8 * HOUR_MS).toISOString().slice(11, 16)
const chinaMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`)

/** The caller as the kernel read them, for the repository's preview of who is expected. */
export const callerAsPerson = (ctx: Ctx): StudyPerson => ({
  userId: ctx.caller.userId,
  departmentId: ctx.caller.departmentId,
  roles: ctx.caller.roles,
})

const isAdmin = (ctx: Ctx) => ctx.caller.roles.includes('admin')

/** `null`: the whole hospital (admins); otherwise the manager's own department. */
function departmentScope(ctx: Ctx): string | null {
  if (isAdmin(ctx)) return null
  if (!ctx.caller.departmentId) throw forbidden('您的账号未关联科室，请联系管理员')
  return ctx.caller.departmentId
}

/** Admins organise for the whole hospital; a manager only for their own department. */
function assertAudienceAllowed(ctx: Ctx, fields: SessionFields): void {
  if (isAdmin(ctx)) return
  const own = ctx.caller.departmentId
  if (!own || typeof fields.audience === 'string' || fields.audience.some((id) => id !== own)) {
    throw forbidden('科室负责人只能组织本科室的学习；全院或党员学习请由管理员发布')
  }
}

export async function organizedSession(ctx: Ctx, sessionId: string): Promise<SessionRecord> {
  const session = await ctx.repos.study.findSession(sessionId)
  if (!session) throw notFound('没有找到这次学习')
  if (!isAdmin(ctx) && session.organizerDepartmentId !== ctx.caller.departmentId) {
    throw forbidden('只能管理本科室组织的学习')
  }
  return session
}

export async function requireSession(ctx: Ctx, sessionId: string): Promise<SessionRecord> {
  const session = await ctx.repos.study.findSession(sessionId)
  if (!session) throw notFound('没有找到这次学习')
  return session
}

async function requireMySession(ctx: Ctx, sessionId: string): Promise<MySession> {
  const mine = await ctx.repos.study.findMySession(sessionId, callerAsPerson(ctx))
  if (!mine) throw notFound('没有找到这次学习')
  return mine
}

function toFields(input: z.output<typeof createSessionInput>): SessionFields {
  return {
    ...input,
    speaker: input.speaker || null,
    cmeCredits: input.cmeCredits ?? 0,
    requireCheckOut: input.requireCheckOut ?? defaultRequireCheckOut(input.startAt, input.endAt),
    fence: input.fence ?? null,
    wifiBssids: [...new Set(input.wifiBssids ?? [])],
  }
}

// Sessions

export async function createSession(ctx: Ctx, input: z.output<typeof createSessionInput>): Promise<SessionView> {
  const fields = toFields(input)
  assertAudienceAllowed(ctx, fields)
  if (fields.endAt <= ctx.now) throw invalid('请选择晚于现在的结束时间', [{ path: 'endAt', message: '结束时间已过' }])
  const organizer = { id: ctx.caller.userId, departmentId: ctx.caller.departmentId, name: ctx.caller.name }
  const session = await ctx.repos.study.createSession(organizer, fields, ctx.now)
  await audit(ctx, `study:${session.id}`, { title: session.title, startAt: session.startAt })
  return session
}

export async function editSession(ctx: Ctx, input: z.output<typeof editSessionInput>): Promise<SessionView> {
  const { sessionId, ...rest } = input
  const current = await organizedSession(ctx, sessionId)
  const fields = toFields(rest)
  assertAudienceAllowed(ctx, fields)
  if (new Date(current.endAt) <= ctx.now) throw conflict('学习已结束，不能再修改')
  const session = await ctx.repos.study.updateSession(sessionId, fields, ctx.now)
  if (!session) throw conflict('本次学习已取消，不能修改')
  await refreezeAfterEdit(ctx, current, fields)
  await audit(ctx, `study:${sessionId}`, { edited: true, startAt: session.startAt })
  return session
}

export async function cancelSession(ctx: Ctx, input: z.output<typeof sessionIdInput>): Promise<SessionView> {
  const current = await organizedSession(ctx, input.sessionId)
  if (new Date(current.endAt) <= ctx.now) throw conflict('学习已结束，不能取消')
  const session = await ctx.repos.study.cancelSession(input.sessionId, ctx.now)
  if (!session) throw conflict('本次学习已取消')
  await audit(ctx, `study:${input.sessionId}`, { cancelled: true })
  return session
}

export async function session(ctx: Ctx, input: z.output<typeof sessionIdInput>): Promise<SessionView> {
  return publicView(await organizedSession(ctx, input.sessionId))
}

export async function organized(ctx: Ctx): Promise<SessionView[]> {
  const department = departmentScope(ctx)
  return ctx.repos.study.listOrganized(department, new Date(ctx.now.getTime() - ORGANIZED_DAYS * DAY_MS))
}

export async function upcoming(ctx: Ctx): Promise<MySession[]> {
  return ctx.repos.study.listForUser(callerAsPerson(ctx), new Date(ctx.now.getTime() - RECENT_HOURS * HOUR_MS))
}

// Leave

export async function requestLeave(ctx: Ctx, input: z.output<typeof requestLeaveInput>): Promise<MySession> {
  const mine = await requireMySession(ctx, input.sessionId)
  if (mine.status === 'cancelled') throw conflict('本次学习已取消，无需请假')
  if (new Date(mine.startAt) <= ctx.now) throw conflict('学习已开始，不能再请假')
  if (mine.attendance) throw conflict('您已签到，无需请假')
  const requested = await ctx.repos.study.requestLeave(input.sessionId, ctx.caller.userId, input.reason, ctx.now)
  if (!requested) throw conflict('请假已审批，不能再修改')
  const session = await requireSession(ctx, input.sessionId)
  await notify(ctx, {
    userId: session.organizerId,
    template: 'studyLeaveRequested',
    payload: { title: session.title, name: ctx.caller.name, reason: input.reason },
  })
  return requireMySession(ctx, input.sessionId)
}

export async function decideLeave(ctx: Ctx, input: z.output<typeof decideLeaveInput>) {
  const session = await organizedSession(ctx, input.sessionId)
  const status = input.approve ? ('approved' as const) : ('rejected' as const)
  const decided = await ctx.repos.study.decideLeave(input.sessionId, input.userId, status, ctx.caller.userId, ctx.now)
  if (decided === 'missing') throw notFound('没有这条请假申请')
  if (decided === 'decided') throw conflict('这条请假已审批过，不能再改')
  await audit(ctx, `study:${input.sessionId}`, { leaveOf: input.userId, status })
  await notify(ctx, {
    userId: input.userId,
    template: 'studyLeaveDecided',
    payload: { title: session.title, result: LEAVE_STATUS_LABELS[status] },
  })
  return { userId: input.userId, status }
}

// Records

function byDepartment(attendees: AttendeeRecord[]): DepartmentAttendance[] {
  const groups = new Map<string, DepartmentAttendance>()
  for (const { departmentId, departmentName, ...person } of attendees) {
    const key = departmentId ?? ''
    const group = groups.get(key) ?? {
      departmentId,
      departmentName,
      expected: 0,
      present: 0,
      late: 0,
      excused: 0,
      missing: 0,
      people: [],
    }
    if (person.expected) group.expected++
    group[person.status]++
    group.people.push(person)
    groups.set(key, group)
  }
  return [...groups.values()]
}

export async function attendance(ctx: Ctx, input: z.output<typeof sessionIdInput>): Promise<AttendanceView> {
  const record = await organizedSession(ctx, input.sessionId)
  await freezeIfOpened(ctx, record)
  const session = publicView(record)
  const attendees = await ctx.repos.study.listAttendees(input.sessionId)
  const count = (test: (a: AttendeeRecord) => boolean) => attendees.filter(test).length
  return {
    session,
    totals: {
      expected: count((a) => a.expected),
      checkedIn: count((a) => a.checkedInAt !== null),
      late: count((a) => a.status === 'late'),
      excused: count((a) => a.status === 'excused'),
      missing: count((a) => a.status === 'missing'),
      unexpected: count((a) => a.checkedInAt !== null && !a.expected),
    },
    departments: byDepartment(attendees),
    pendingLeaves: attendees.filter((a) => a.leave?.status === 'pending' && a.checkedInAt === null),
  }
}

export async function exportAttendance(ctx: Ctx, input: z.output<typeof sessionIdInput>): Promise<CsvExport> {
  const session = await organizedSession(ctx, input.sessionId)
  await freezeIfOpened(ctx, session)
  const attendees = await ctx.repos.study.listAttendees(input.sessionId)
  const time = (at: string | null) => (at ? `${chinaDay(new Date(at))} ${chinaClock(new Date(at))}` : '')
  const csv = toCsv(
    ['科室', '姓名', '状态', '应到', '签到时间', '签退时间', '请假事由', '请假审批'],
    attendees.map((a) => [
      a.departmentName,
      a.name,
      ATTENDEE_STATUS_LABELS[a.status],
      a.expected ? '应到' : '非应到',
      time(a.checkedInAt),
      time(a.checkedOutAt),
      a.leave?.reason ?? '',
      a.leave ? LEAVE_STATUS_LABELS[a.leave.status] : '',
    ]),
  )
  await audit(ctx, `study:${session.id}`, { exported: attendees.length })
  return { filename: `签到表-${chinaDay(new Date(session.startAt))}-${session.title}.csv`, csv }
}

export const creditTerms = (row: RecordRow, credit = row.creditHours) => ({
  startAt: row.startAt,
  endAt: row.endAt,
  credit,
  requireCheckOut: row.requireCheckOut,
})

export async function myRecord(ctx: Ctx): Promise<StudyRecord> {
  const year = Number(chinaDay(ctx.now).slice(0, 4))
  await freezeOpenedAudiences(ctx, FREEZES_PER_READ)
  const rows = (await ctx.repos.study.recordRows(ctx.caller.userId, yearRange(year), ctx.now)).map((row) => ({
    ...row,
    attended: row.stay !== null,
    earned: creditEarned(creditTerms(row), row.stay),
    cme: creditEarned(creditTerms(row, row.cmeCredits), row.stay),
  }))
  const requirement = await requirementOf(ctx, year)
  const cmeCredits = sumCredits(rows.map((r) => r.cme))
  const attendedRows = rows.filter((r) => r.attended)
  const sumCredit = (list: typeof rows) => sumCredits(list.map((r) => r.earned))
  const expected = rows.filter((r) => r.expected)
  const { rate } = rateOf({
    expected: expected.length,
    attended: expected.filter((r) => r.attended).length,
    excused: expected.filter((r) => r.excused).length,
  })
  return {
    year,
    byType: STUDY_TYPES.map((type) => {
      const ofType = attendedRows.filter((r) => r.type === type)
      return { type, attended: ofType.length, creditHours: sumCredit(ofType) }
    }).filter((t) => t.attended > 0),
    attended: attendedRows.length,
    creditHours: sumCredit(attendedRows),
    expected: expected.length,
    excused: expected.filter((r) => r.excused).length,
    attendanceRate: rate,
    lateCount: attendedRows.filter((r) => r.stay?.late).length,
    recent: rows.slice(0, RECENT_RECORDS).map((r) => ({
      sessionId: r.sessionId,
      type: r.type,
      title: r.title,
      startAt: r.startAt,
      status: attendeeStatus(r.stay, r.excused),
      missedCheckOut: missedCheckOut(creditTerms(r), r.stay, ctx.now),
      creditHours: r.earned,
    })),
    cmeCredits,
    cmeRequirement: requirement,
    cmeStillNeeded: stillNeeded(cmeCredits, requirement),
  }
}

export async function stats(ctx: Ctx, input: z.output<typeof statsInput>): Promise<StudyStats> {
  const range = { from: chinaMidnight(input.from), to: new Date(chinaMidnight(input.to).getTime() + DAY_MS) }
  const department = departmentScope(ctx)
  await freezeOpenedAudiences(ctx, FREEZES_PER_READ)
  const totals = await ctx.repos.study.stats(range, department, ctx.now, TOP_LEARNERS)
  return {
    from: input.from,
    to: input.to,
    sessions: totals.sessions,
    byDepartment: totals.byDepartment.map((row) => ({ ...row, ...rateOf(row) })),
    byTypeMonth: totals.byTypeMonth.map((row) => ({ ...row, ...rateOf(row) })),
    topLearners: totals.topLearners.map((row, i) => ({ rank: i + 1, ...row })),
  }
}

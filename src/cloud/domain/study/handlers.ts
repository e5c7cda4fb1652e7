import type { z } from 'zod'
import {
  ATTENDEE_STATUS_LABELS,
  LATE_AFTER_MINUTES,
  LEAVE_STATUS_LABELS,
  STUDY_TYPES,
  type AttendanceView,
  type checkInInput,
  type CheckInResult,
  type CheckOutResult,
  type createSessionInput,
  type CsvExport,
  type decideLeaveInput,
  type DepartmentAttendance,
  type editSessionInput,
  type MySession,
  type QrCodeView,
  type requestLeaveInput,
  type SessionView,
  type sessionIdInput,
  type statsInput,
  type StudyRecord,
  type StudyStats,
} from '../../../contract'
import { AppError, conflict, forbidden, invalid, notFound } from '../../core/app-error'
import type { Ctx } from '../../core/context'
import { toCsv } from '../../core/csv'
import { audit, limitRate, notify } from '../../core/effects'
import { chinaDay, DAY_MS, HOUR_MS, MINUTE_MS } from '../../../contract/month'
import { assignShortCodes, issuePayload, readPayload, shortCodeCandidates, slotEnd, slotOf } from './check-in-code'
import { requirementOf, stillNeeded, yearRange } from './cme'
import { publicView, type AttendeeRecord, type RecordRow, type SessionFields, type SessionRecord } from './repo'
import {
  attendeeStatus,
  checkInWindow,
  checkOutWindow,
  creditEarned,
  defaultRequireCheckOut,
  missedCheckOut,
  rateOf,
  sumCredits,
} from './rules'

/** How long a finished session stays in the lists, so 签退 and the organizer's screens still find it. */
const RECENT_HOURS = 2
const ORGANIZED_DAYS = 7
const RECENT_RECORDS = 20
const TOP_LEARNERS = 20
/** Slots looked back at to tell an expired 6-digit code from a wrong one. */
const EXPIRED_CODE_SLOTS = 8
/** A 6-digit code can be guessed; a person gets this many tries a minute. */
const SHORT_CODE_TRIES_PER_MINUTE = 10

const minutesFrom = (at: Date, minutes: number) => new Date(at.getTime() + minutes * MINUTE_MS)
const chinaClock = (at: Date) => new Date(at.getTime() + 8 * HOUR_MS).toISOString().slice(11, 16)
const chinaMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`)

/** Check-in happens only in its window, for a session that still takes place. */
function requireWindowOpen(ctx: Ctx, session: SessionView): void {
  if (session.status === 'cancelled') throw conflict('本次学习已取消')
  const window = checkInWindow(new Date(session.startAt))
  const span = `签到时间为 ${chinaClock(window.from)}–${chinaClock(window.to)}`
  if (ctx.now < window.from) throw conflict(`签到尚未开始，${span}`)
  if (ctx.now > window.to) throw conflict(`签到已结束，${span}`)
}

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

async function organizedSession(ctx: Ctx, sessionId: string): Promise<SessionRecord> {
  const session = await ctx.repos.study.findSession(sessionId)
  if (!session) throw notFound('没有找到这次学习')
  if (!isAdmin(ctx) && session.organizerDepartmentId !== ctx.caller.departmentId) {
    throw forbidden('只能管理本科室组织的学习')
  }
  return session
}

async function requireSession(ctx: Ctx, sessionId: string): Promise<SessionRecord> {
  const session = await ctx.repos.study.findSession(sessionId)
  if (!session) throw notFound('没有找到这次学习')
  return session
}

async function requireMySession(ctx: Ctx, sessionId: string): Promise<MySession> {
  const mine = await ctx.repos.study.findMySession(sessionId, ctx.caller.userId)
  if (!mine) throw notFound('没有找到这次学习')
  return mine
}

function toFields(input: z.output<typeof createSessionInput>): SessionFields {
  return {
    ...input,
    speaker: input.speaker || null,
    cmeCredits: input.cmeCredits ?? 0,
    requireCheckOut: input.requireCheckOut ?? defaultRequireCheckOut(input.startAt, input.endAt),
  }
}

// Sessions

export async function createSession(ctx: Ctx, input: z.output<typeof createSessionInput>): Promise<SessionView> {
  const fields = toFields(input)
  assertAudienceAllowed(ctx, fields)
  if (fields.endAt <= ctx.now) throw invalid('结束时间已过', [{ path: 'endAt', message: '结束时间已过' }])
  const organizer = { id: ctx.caller.userId, departmentId: ctx.caller.departmentId }
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
  return ctx.repos.study.listForUser(ctx.caller.userId, new Date(ctx.now.getTime() - RECENT_HOURS * HOUR_MS))
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

// Check-in

export async function qrCode(ctx: Ctx, input: z.output<typeof sessionIdInput>): Promise<QrCodeView> {
  const session = await organizedSession(ctx, input.sessionId)
  requireWindowOpen(ctx, session)
  const slot = slotOf(ctx.now)
  const candidates = await ctx.repos.study.sessionIdsStartingBetween(shortCodeCandidates(slot))
  const codes = assignShortCodes(ctx.secrets.checkIn, candidates, slot)
  const shortCode = [...codes].find(([, sessionId]) => sessionId === session.id)?.[0]
  if (!shortCode) throw new Error('an open session has no short code')
  return {
    sessionId: session.id,
    payload: issuePayload(ctx.secrets.checkIn, session.id, slot),
    shortCode,
    expiresAt: slotEnd(slot).toISOString(),
    serverNow: ctx.now.toISOString(),
  }
}

const expiredCode = () => new AppError('EXPIRED', '签到码已过期，请扫描屏幕上最新的二维码')

/** The session a short code belongs to in the current or the previous slot. */
async function sessionOfShortCode(ctx: Ctx, shortCode: string): Promise<string> {
  await limitRate(ctx, 'study-short-code', SHORT_CODE_TRIES_PER_MINUTE, 60)
  const current = slotOf(ctx.now)
  for (let slot = current; slot >= current - EXPIRED_CODE_SLOTS; slot--) {
    const candidates = await ctx.repos.study.sessionIdsStartingBetween(shortCodeCandidates(slot))
    const sessionId = assignShortCodes(ctx.secrets.checkIn, candidates, slot).get(shortCode)
    if (sessionId && slot >= current - 1) return sessionId
    if (sessionId) throw expiredCode()
  }
  throw invalid('签到码不正确，请核对屏幕上的6位数字', [{ path: 'shortCode', message: '签到码不正确' }])
}

async function sessionOfPayload(ctx: Ctx, payload: string): Promise<string> {
  const read = readPayload(ctx.secrets.checkIn, payload)
  const current = slotOf(ctx.now)
  if (!read || read.slot > current) {
    throw invalid('这不是有效的签到二维码', [{ path: 'payload', message: '二维码无效' }])
  }
  if (read.slot < current - 1) throw expiredCode()
  return read.sessionId
}

export async function checkIn(ctx: Ctx, input: z.output<typeof checkInInput>): Promise<CheckInResult> {
  const sessionId =
    'payload' in input ? await sessionOfPayload(ctx, input.payload) : await sessionOfShortCode(ctx, input.shortCode)
  const session = await requireSession(ctx, sessionId)
  requireWindowOpen(ctx, session)
  const late = ctx.now > minutesFrom(new Date(session.startAt), LATE_AFTER_MINUTES)
  const { attendance, repeated } = await ctx.repos.study.checkIn(sessionId, ctx.caller.userId, ctx.now, late)
  return { sessionId, title: session.title, repeated, ...attendance }
}

/** 签退 only where the session asks for it, from its start to 30 minutes after its end. */
export async function checkOut(ctx: Ctx, input: z.output<typeof sessionIdInput>): Promise<CheckOutResult> {
  const session = await requireSession(ctx, input.sessionId)
  if (!session.requireCheckOut) throw conflict('本次学习无需签退')
  const window = checkOutWindow(new Date(session.startAt), new Date(session.endAt))
  const span = `签退时间为 ${chinaClock(window.from)}–${chinaClock(window.to)}`
  if (ctx.now < window.from) throw conflict(`签退尚未开始，${span}`)
  if (ctx.now > window.to) throw conflict(`签退已截止，${span}；如确有签退，请联系组织者更正`)
  const attendance = await ctx.repos.study.checkOut(input.sessionId, ctx.caller.userId, ctx.now)
  if (!attendance) throw conflict('您尚未签到，不能签退')
  return { sessionId: input.sessionId, ...attendance }
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
  const session = publicView(await organizedSession(ctx, input.sessionId))
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

const creditTerms = (row: RecordRow, credit = row.creditHours) => ({
  startAt: row.startAt,
  endAt: row.endAt,
  credit,
  requireCheckOut: row.requireCheckOut,
})

export async function myRecord(ctx: Ctx): Promise<StudyRecord> {
  const year = Number(chinaDay(ctx.now).slice(0, 4))
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

import type { z } from 'zod'
import {
  ACCEPT_DUE_HOURS,
  AUTO_CLOSE_DAYS,
  FEEDBACK_KIND_LABELS,
  FEEDBACK_STATUS_LABELS,
  REPLY_DUE_DAYS,
  STAR_FORMULA,
  STAR_WEIGHTS,
  SUBMISSIONS_PER_DAY,
  type DepartmentStars,
  type FeedbackDetail,
  type FeedbackItem,
  type HeldReason,
  type PhraseEntry,
  type PublishedStars,
  type StarComputation,
  type StarScore,
  type SweepResult,
  type Wall,
  type WallPraise,
  type approvePraiseInput,
  type closeComplaintInput,
  type complaintQueueInput,
  type confirmComplaintInput,
  type feedbackIdInput,
  type phrasesInput,
  type publishStarsInput,
  type publishedStarsInput,
  type rejectPraiseInput,
  type reopenComplaintInput,
  type replyComplaintInput,
  type savePhraseInput,
  type starMonthInput,
  type submitFeedbackInput,
} from '../../../contract'
import { conflict, forbidden, invalid, notFound } from '../../core/app-error'
import type { Ctx, SystemCtx } from '../../core/context'
import { audit, limitRate, notify, remind } from '../../core/effects'
import { recordTags } from '../voice/write-time'
import { maskPhone } from '../../core/phone'
import { DAY_MS, HOUR_MS, monthOf } from '../../../contract/month'
import type { Reminder } from '../../core/platform-repo'
import { responsibleFor, responsibleLookup } from '../identity/responsible'
import { mayCloseWithoutReason, mayTake } from './lifecycle'
import type { Actor, FeedbackRecord, StaffTally, StoredStar, Transition } from './repo'

const DAY_SECONDS = 24 * 3600
const WALL_LIMIT = 50

// Mobile numbers (also written 139 1234 5678) and landlines with an area code.
const PHONE_NUMBER = /1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}|0\d{2,3}-?\d{7,8}/g
const CONTACT_WORDS = /微信号|QQ号|加我微信/i
const ABUSIVE_WORDS = ['傻逼', '傻X', '白痴', '混蛋', '王八蛋', '去死', '他妈', 'TMD', '废物', '滚蛋', '狗东西']

const at = (iso: string, plusMs: number) => new Date(new Date(iso).getTime() + plusMs)
const isoAfter = (iso: string, plusMs: number) => at(iso, plusMs).toISOString()

/** 王护士, 李医生: what the public sees of a member of staff. */
export function staffLabel(name: string, title: string | null): string {
  const surname = name.slice(0, 1)
  if (!title) return `${surname}老师`
  if (title.includes('护')) return `${surname}护士`
  if (title.includes('医师')) return `${surname}医生`
  if (title.includes('药师')) return `${surname}药师`
  if (title.includes('技师')) return `${surname}技师`
  return `${surname}老师`
}

export function heldReasonsOf(text: string): HeldReason[] {
  const reasons: HeldReason[] = []
  if (text.search(PHONE_NUMBER) >= 0 || CONTACT_WORDS.test(text)) reasons.push('含联系方式')
  if (ABUSIVE_WORDS.some((word) => text.toUpperCase().includes(word.toUpperCase()))) reasons.push('含不文明用语')
  return reasons
}

function isAdmin(ctx: Ctx): boolean {
  return ctx.caller.roles.includes('admin')
}

/** The department's manager or an admin: who handles an item and may see its contact phone. */
function isHandler(ctx: Ctx, record: FeedbackRecord): boolean {
  if (isAdmin(ctx)) return true
  return ctx.caller.roles.includes('manager') && ctx.caller.departmentId === record.departmentId
}

/**
 * Who sees a contact phone in full: an admin, and the department's manager while the complaint is
 * in their hands, because they call the patient back. Everyone else, the patient included, sees it masked.
 */
function seesFullPhone(ctx: Ctx, record: FeedbackRecord): boolean {
  if (isAdmin(ctx)) return true
  return record.kind === 'complaint' && record.status !== 'closed' && isHandler(ctx, record)
}

const handlerActor = (ctx: Ctx): Actor => ({ id: ctx.caller.userId, role: isAdmin(ctx) ? 'admin' : 'manager' })
const patientActor = (ctx: Ctx): Actor => ({ id: ctx.caller.userId, role: 'patient' })

function deadlines(record: FeedbackRecord, now: Date) {
  const open = record.kind === 'complaint' && (record.status === 'submitted' || record.status === 'accepted')
  const acceptDue = record.status === 'submitted' ? at(record.createdAt, ACCEPT_DUE_HOURS * HOUR_MS) : null
  const replyDue = open ? at(record.reopenedAt ?? record.createdAt, REPLY_DUE_DAYS * DAY_MS) : null
  const overdue = [acceptDue, replyDue].some((due) => due !== null && now > due)
  return { acceptDueAt: acceptDue?.toISOString() ?? null, replyDueAt: replyDue?.toISOString() ?? null, overdue }
}

const overdueCutoffs = (now: Date) => ({
  now,
  acceptBy: new Date(now.getTime() - ACCEPT_DUE_HOURS * HOUR_MS),
  replyBy: new Date(now.getTime() - REPLY_DUE_DAYS * DAY_MS),
})

function toItem(ctx: Ctx, record: FeedbackRecord): FeedbackItem {
  const handler = isHandler(ctx, record)
  const replied = record.status === 'replied' && record.repliedAt !== null
  const autoCloseAt = replied ? isoAfter(record.repliedAt ?? '', AUTO_CLOSE_DAYS * DAY_MS) : null
  return {
    id: record.id,
    kind: record.kind,
    status: record.status,
    departmentId: record.departmentId,
    departmentName: record.departmentName,
    staffName: record.staffName,
    employeeNo: record.employeeNo,
    categories: record.categories,
    text: record.text,
    contactPhone:
      record.contactPhone && !seesFullPhone(ctx, record) ? maskPhone(record.contactPhone) : record.contactPhone,
    anonymous: record.anonymous,
    patientName: handler && !record.anonymous ? record.patientName || null : null,
    heldReasons: record.heldReasons,
    createdAt: record.createdAt,
    acceptedAt: record.acceptedAt,
    repliedAt: record.repliedAt,
    closedAt: record.closedAt,
    reply:
      record.replyText !== null && record.upheld !== null ? { text: record.replyText, upheld: record.upheld } : null,
    rating: record.rating,
    reopenCount: record.reopenCount,
    ...deadlines(record, ctx.now),
    autoCloseAt,
    own: record.patientId === ctx.caller.userId,
    canHandle: handler,
    canReopen:
      record.patientId === ctx.caller.userId &&
      record.reopenCount === 0 &&
      autoCloseAt !== null &&
      ctx.now < new Date(autoCloseAt),
  }
}

function toWallPraise(record: FeedbackRecord): WallPraise {
  return {
    id: record.id,
    departmentName: record.departmentName,
    staffLabel: record.employeeNo && record.staffName ? staffLabel(record.staffName, record.staffTitle) : null,
    categories: record.categories,
    // An admin may approve held praise; the wall still never shows a phone number.
    text: record.text.replace(PHONE_NUMBER, '****'),
    at: record.decidedAt ?? record.createdAt,
  }
}

/**
 * Auto-close, run by the timer and, lazily, by every read: settles what has been waiting
 * 7 days since its reply, so a patient never sees a complaint the timer has not reached yet.
 */
export async function closeExpired(ctx: SystemCtx): Promise<number> {
  const closed = await ctx.repos.feedback.closeExpired(new Date(ctx.now.getTime() - AUTO_CLOSE_DAYS * DAY_MS), ctx.now)
  for (const record of closed) await notifyPatient(ctx, record)
  return closed.length
}

async function notifyPatient(ctx: SystemCtx, record: FeedbackRecord) {
  await notify(ctx, {
    userId: record.patientId,
    template: 'feedbackStatus',
    payload: {
      kind: FEEDBACK_KIND_LABELS[record.kind],
      department: record.departmentName,
      status: FEEDBACK_STATUS_LABELS[record.status],
      id: record.id,
    },
  })
}

const toHandle = (record: FeedbackRecord, event: string) => ({
  template: 'complaintToHandle',
  payload: { event, department: record.departmentName, id: record.id },
})

/** Tells whoever answers for the item's department. */
async function notifyManagers(ctx: Ctx, record: FeedbackRecord, event: string) {
  for (const userId of await responsibleFor(ctx, record.departmentId)) {
    await notify(ctx, { userId, ...toHandle(record, event) })
  }
}

async function requireItem(ctx: Ctx, id: string): Promise<FeedbackRecord> {
  const record = await ctx.repos.feedback.find(id)
  if (!record) throw notFound('没有找到这条表扬或投诉')
  return record
}

async function handlerItem(ctx: Ctx, id: string): Promise<FeedbackRecord> {
  const record = await requireItem(ctx, id)
  if (!isHandler(ctx, record)) throw forbidden('只能处理本科室的投诉')
  return record
}

async function ownItem(ctx: Ctx, id: string): Promise<FeedbackRecord> {
  const record = await requireItem(ctx, id)
  if (record.patientId !== ctx.caller.userId) throw forbidden('只能操作您自己提交的投诉')
  return record
}

const REFUSALS: Record<Transition['action'], string> = {
  accept: '该投诉已受理或不在待受理状态',
  reply: '请先受理该投诉，再回复',
  confirm: '该投诉尚未回复或已办结',
  reopen: '只能在回复后7天内重新处理一次',
  close: '只能办结已回复的投诉；患者确认期内提前办结须填写原因',
  approve: '该表扬已审核过',
  reject: '该表扬已审核过',
}

async function move(ctx: Ctx, record: FeedbackRecord, change: Transition, actor: Actor): Promise<FeedbackRecord> {
  if (!mayTake(change.action, actor.role)) throw forbidden('无权进行此操作')
  const moved = await ctx.repos.feedback.transition(record.id, change, actor, ctx.now)
  if (!moved) throw conflict(REFUSALS[change.action])
  return moved
}

// 暖语手册

export async function phrases(ctx: Ctx, input: z.output<typeof phrasesInput>): Promise<PhraseEntry[]> {
  return ctx.repos.feedback.listPhrases({ scene: input?.scene, q: input?.q })
}

export async function savePhrase(ctx: Ctx, input: z.output<typeof savePhraseInput>): Promise<PhraseEntry> {
  const saved = await ctx.repos.feedback.savePhrase(input, ctx.now)
  if (!saved) throw notFound('没有找到该条目')
  await audit(ctx, `phrase:${saved.id}`, { scene: saved.scene, situation: saved.situation, created: !input.id })
  return saved
}

// Praise and complaints

async function resolveStaff(ctx: Ctx, input: z.output<typeof submitFeedbackInput>) {
  const staff = input.staff
  if (!staff) return { employeeNo: null, staffName: null }
  if (staff.employeeNo) {
    const found = await ctx.repos.feedback.findStaffByNo(staff.employeeNo.toUpperCase())
    if (!found) throw invalid('没有找到该工号', [{ path: 'staff.employeeNo', message: '没有找到该工号' }])
    if (found.departmentId !== input.departmentId) {
      throw invalid('该工号不属于所选科室', [{ path: 'staff.employeeNo', message: '该工号不属于所选科室' }])
    }
    return { employeeNo: found.employeeNo, staffName: found.name }
  }
  const name = staff.name ?? ''
  const found = await ctx.repos.feedback.findStaffByName(input.departmentId, name)
  return { employeeNo: found?.employeeNo ?? null, staffName: name }
}

export async function submit(ctx: Ctx, input: z.output<typeof submitFeedbackInput>): Promise<FeedbackItem> {
  await limitRate(ctx, 'feedback.submit', SUBMISSIONS_PER_DAY, DAY_SECONDS)
  if (!(await ctx.repos.feedback.departmentExists(input.departmentId))) {
    throw invalid('请选择科室', [{ path: 'departmentId', message: '没有找到该科室' }])
  }
  const staff = await resolveStaff(ctx, input)
  const id = await ctx.repos.feedback.create(
    {
      kind: input.kind,
      patientId: ctx.caller.userId,
      departmentId: input.departmentId,
      ...staff,
      categories: input.categories,
      text: input.text,
      contactPhone: input.contactPhone ?? null,
      anonymous: input.anonymous,
      heldReasons: input.kind === 'praise' ? heldReasonsOf(input.text) : [],
      month: monthOf(ctx.now),
    },
    patientActor(ctx),
    ctx.now,
  )
  const where = { departmentId: input.departmentId, month: monthOf(ctx.now), visitType: null }
  await recordTags(ctx, { source: input.kind, sourceId: id, ...where }, input.text)
  const record = await requireItem(ctx, id)
  if (record.kind === 'complaint') await notifyManagers(ctx, record, '收到新投诉')
  return toItem(ctx, record)
}

export async function mine(ctx: Ctx): Promise<FeedbackItem[]> {
  await closeExpired(ctx)
  const records = await ctx.repos.feedback.listMine(ctx.caller.userId)
  return records.map((record) => toItem(ctx, record))
}

export async function detail(ctx: Ctx, input: z.output<typeof feedbackIdInput>): Promise<FeedbackDetail> {
  await closeExpired(ctx)
  const record = await requireItem(ctx, input.id)
  if (record.patientId !== ctx.caller.userId && !isHandler(ctx, record)) throw forbidden('无权查看这条记录')
  return { ...toItem(ctx, record), history: await ctx.repos.feedback.history(record.id) }
}

export async function queue(ctx: Ctx, input: z.output<typeof complaintQueueInput>): Promise<FeedbackItem[]> {
  const departmentId = isAdmin(ctx) ? null : ctx.caller.departmentId
  if (!isAdmin(ctx) && departmentId === null) throw forbidden('您还没有所属科室')
  await closeExpired(ctx)
  const overdueOnly = input?.overdue === true
  const records = await ctx.repos.feedback.listQueue({
    departmentId,
    status: input?.status,
    overdue: overdueOnly ? overdueCutoffs(ctx.now) : undefined,
  })
  const items = records.map((record) => toItem(ctx, record))
  return input?.overdue === undefined ? items : items.filter((item) => item.overdue === input.overdue)
}

async function handle(ctx: Ctx, id: string, change: Transition): Promise<FeedbackItem> {
  const record = await handlerItem(ctx, id)
  const moved = await move(ctx, record, change, handlerActor(ctx))
  await audit(ctx, `feedback:${id}`, { ...change })
  await notifyPatient(ctx, moved)
  return toItem(ctx, moved)
}

export const accept = (ctx: Ctx, input: z.output<typeof feedbackIdInput>) => handle(ctx, input.id, { action: 'accept' })

export const reply = (ctx: Ctx, input: z.output<typeof replyComplaintInput>) =>
  handle(ctx, input.id, { action: 'reply', text: input.text, upheld: input.upheld })

export async function close(ctx: Ctx, input: z.output<typeof closeComplaintInput>): Promise<FeedbackItem> {
  await closeExpired(ctx)
  const record = await handlerItem(ctx, input.id)
  const reason = input.reason ?? null
  const repliedAt = record.repliedAt === null ? null : new Date(record.repliedAt)
  if (record.status === 'replied' && reason === null && !mayCloseWithoutReason(repliedAt, ctx.now)) {
    const message = '患者确认期内提前办结，请填写原因（患者可见）'
    throw invalid(message, [{ path: 'reason', message }])
  }
  return handle(ctx, input.id, { action: 'close', reason })
}

export async function confirm(ctx: Ctx, input: z.output<typeof confirmComplaintInput>): Promise<FeedbackItem> {
  await closeExpired(ctx)
  const record = await ownItem(ctx, input.id)
  const moved = await move(ctx, record, { action: 'confirm', rating: input.rating }, patientActor(ctx))
  await notifyManagers(ctx, moved, `患者已确认办结，评价${input.rating}星`)
  return toItem(ctx, moved)
}

export async function reopen(ctx: Ctx, input: z.output<typeof reopenComplaintInput>): Promise<FeedbackItem> {
  await closeExpired(ctx)
  const record = await ownItem(ctx, input.id)
  const repliedSince = new Date(ctx.now.getTime() - AUTO_CLOSE_DAYS * DAY_MS)
  const moved = await move(ctx, record, { action: 'reopen', reason: input.reason, repliedSince }, patientActor(ctx))
  await notifyManagers(ctx, moved, '患者对回复不满意，投诉已重新打开')
  return toItem(ctx, moved)
}

/** Run by the timer: tells a department's handlers, once per deadline, that a complaint has passed it. */
export async function remindOverdue(ctx: SystemCtx): Promise<number> {
  const records = await ctx.repos.feedback.listQueue({ departmentId: null, overdue: overdueCutoffs(ctx.now) })
  const responsible = responsibleLookup(ctx)
  const reminders: Reminder[] = []
  for (const record of records) {
    const { acceptDueAt, replyDueAt } = deadlines(record, ctx.now)
    const passed = [
      { due: acceptDueAt, key: 'accept', event: `投诉超过${ACCEPT_DUE_HOURS}小时未受理` },
      // A reopened complaint has a new reply deadline, so it is a new reminder.
      { due: replyDueAt, key: `reply:${replyDueAt}`, event: `投诉超过${REPLY_DUE_DAYS}天未答复` },
    ].filter(({ due }) => due !== null && ctx.now > new Date(due))
    for (const { key, event } of passed) {
      for (const userId of await responsible(record.departmentId)) {
        reminders.push({ userId, ...toHandle(record, event), once: `feedback:${record.id}:${key}` })
      }
    }
  }
  return remind(ctx, reminders)
}

export async function sweep(ctx: Ctx): Promise<SweepResult> {
  const closed = await closeExpired(ctx)
  await audit(ctx, 'feedback:sweep', { closed })
  return { closed }
}

// Praise review and the wall

export async function praiseReview(ctx: Ctx): Promise<FeedbackItem[]> {
  const records = await ctx.repos.feedback.listPendingPraise()
  return records.map((record) => toItem(ctx, record))
}

export async function approvePraise(ctx: Ctx, input: z.output<typeof approvePraiseInput>): Promise<FeedbackItem> {
  const record = await requireItem(ctx, input.id)
  if (record.heldReasons.length > 0 && input.confirmHeld !== true) {
    throw conflict(`该表扬${record.heldReasons.join('、')}，请核对后明确确认再上墙`)
  }
  const moved = await move(ctx, record, { action: 'approve' }, handlerActor(ctx))
  await audit(ctx, `feedback:${record.id}`, { approve: true, heldReasons: record.heldReasons })
  await notifyPatient(ctx, moved)
  return toItem(ctx, moved)
}

export async function rejectPraise(ctx: Ctx, input: z.output<typeof rejectPraiseInput>): Promise<FeedbackItem> {
  const record = await requireItem(ctx, input.id)
  const moved = await move(ctx, record, { action: 'reject', reason: input.reason }, handlerActor(ctx))
  await audit(ctx, `feedback:${record.id}`, { approve: false, reason: input.reason })
  await notifyPatient(ctx, moved)
  return toItem(ctx, moved)
}

export async function myPraise(ctx: Ctx): Promise<WallPraise[]> {
  return (await ctx.repos.feedback.listPraiseOf(ctx.caller.userId)).map(toWallPraise)
}

function toPublished(published: { month: string; stars: StoredStar[] } | null): PublishedStars | null {
  if (!published) return null
  return {
    month: published.month,
    publishedAt: published.stars[0]?.publishedAt ?? '',
    stars: published.stars.map((star) => ({
      departmentId: star.departmentId,
      departmentName: star.departmentName,
      employeeNo: star.employeeNo,
      staffLabel: staffLabel(star.name, star.title),
      score: star.score,
    })),
  }
}

export async function wall(ctx: Ctx): Promise<Wall> {
  const praise = await ctx.repos.feedback.listApprovedPraise(WALL_LIMIT)
  return { praise: praise.map(toWallPraise), stars: toPublished(await ctx.repos.feedback.publishedStars(null)) }
}

export async function stars(ctx: Ctx, input: z.output<typeof publishedStarsInput>): Promise<PublishedStars | null> {
  return toPublished(await ctx.repos.feedback.publishedStars(input?.month ?? null))
}

// Service stars

export function scoreOf(tally: Pick<StaffTally, 'praise' | 'surveyMentions' | 'upheldComplaints'>): number {
  return (
    STAR_WEIGHTS.praise * tally.praise +
    STAR_WEIGHTS.surveyMention * tally.surveyMentions +
    STAR_WEIGHTS.upheldComplaint * tally.upheldComplaints
  )
}

function toScore(tally: StaffTally): StarScore {
  return {
    employeeNo: tally.employeeNo,
    name: tally.name,
    staffLabel: staffLabel(tally.name, tally.title),
    praise: tally.praise,
    surveyMentions: tally.surveyMentions,
    upheldComplaints: tally.upheldComplaints,
    score: scoreOf(tally),
  }
}

export async function computeStars(ctx: Ctx, input: z.output<typeof starMonthInput>): Promise<StarComputation> {
  const departments = new Map<string, DepartmentStars>()
  for (const tally of await ctx.repos.feedback.tallyMonth(input.month)) {
    const department = departments.get(tally.departmentId) ?? {
      departmentId: tally.departmentId,
      departmentName: tally.departmentName,
      staff: [],
    }
    department.staff.push(toScore(tally))
    departments.set(tally.departmentId, department)
  }
  for (const department of departments.values()) {
    department.staff.sort((a, b) => b.score - a.score || a.employeeNo.localeCompare(b.employeeNo))
  }
  return {
    month: input.month,
    formula: STAR_FORMULA,
    departments: [...departments.values()],
    published: toPublished(await ctx.repos.feedback.publishedStars(input.month)),
  }
}

export async function publishStars(ctx: Ctx, input: z.output<typeof publishStarsInput>): Promise<PublishedStars> {
  const tallies = new Map((await ctx.repos.feedback.tallyMonth(input.month)).map((t) => [t.employeeNo, t]))
  const picks = input.picks.map((pick, index) => {
    const tally = tallies.get(pick.employeeNo)
    if (!tally || tally.departmentId !== pick.departmentId) {
      const message = '该职工本月在该科室没有得分记录'
      throw invalid(message, [{ path: `picks.${index}.employeeNo`, message }])
    }
    return { employeeNo: tally.employeeNo, departmentId: tally.departmentId, score: scoreOf(tally) }
  })
  if (new Set(picks.map((p) => p.employeeNo)).size !== picks.length) {
    throw invalid('同一位职工只能选一次', [{ path: 'picks', message: '同一位职工只能选一次' }])
  }
  await ctx.repos.feedback.publishStars(input.month, picks, ctx.caller.userId, ctx.now)
  await audit(ctx, `stars:${input.month}`, { picks: picks.map((p) => p.employeeNo) })
  const published = toPublished(await ctx.repos.feedback.publishedStars(input.month))
  if (!published) throw new Error('published stars vanished right after insert')
  return published
}

import type { z } from 'zod'
import {
  ACCEPT_DUE_HOURS,
  AUTO_CLOSE_DAYS,
  REPLY_DUE_DAYS,
  SUBMISSIONS_PER_DAY,
  type FeedbackDetail,
  type FeedbackItem,
  type HeldReason,
  type SweepResult,
  type closeComplaintInput,
  type complaintQueueInput,
  type confirmComplaintInput,
  type feedbackIdInput,
  type reopenComplaintInput,
  type replyComplaintInput,
  type submitFeedbackInput,
} from '../../../contract'
import { forbidden, invalid } from '../../core/app-error'
import type { Ctx, SystemCtx } from '../../core/context'
import { audit, limitRate, remind } from '../../core/effects'
import { DAY_MS, monthOf } from '../../../contract/month'
import type { Reminder } from '../../core/platform-repo'
import { requireSensitiveTextConsent } from '../identity/consent'
import { responsibleLookup } from '../identity/responsible'
import { recordTags } from '../voice/write-time'
import { autoCloseDue, mayCloseWithoutReason, submittedRecord } from './lifecycle'
import type { NewFeedback, Transition } from './repo'
import { maskIdentifiers } from './identifiers'
import { deadlines, handlerActor, isAdmin, isHandler, overdueCutoffs, patientActor, toItem } from './view'
import {
  closeExpired,
  handlerItem,
  move,
  notifyManagers,
  notifyPatient,
  ownItem,
  requireItem,
  toHandle,
} from './workflow'

const DAY_SECONDS = 24 * 3600
const CONTACT_WORDS = /微信号|QQ号|加我微信/i
const ABUSIVE_WORDS = ['傻逼', '傻X', '白痴', '混蛋', '王八蛋', '去死', '他妈', 'TMD', '废物', '滚蛋', '狗东西']

/** Why a praise waits for an explicit confirmation; read from the text as the patient wrote it. */
export function heldReasonsOf(text: string): HeldReason[] {
  const reasons: HeldReason[] = []
  const { found } = maskIdentifiers(text)
  if (found.includes('phone') || CONTACT_WORDS.test(text)) reasons.push('含联系方式')
  if (found.includes('idCard')) reasons.push('含证件号码')
  if (ABUSIVE_WORDS.some((word) => text.toUpperCase().includes(word.toUpperCase()))) reasons.push('含不文明用语')
  return reasons
}

// Praise and complaints

async function resolveStaff(ctx: Ctx, input: z.output<typeof submitFeedbackInput>) {
  const staff = input.staff
  if (!staff) return { employeeNo: null, staffName: null, staffTitle: null }
  if (staff.employeeNo) {
    const found = await ctx.repos.feedback.findStaffByNo(staff.employeeNo.toUpperCase())
    // The field says what is wrong; the line above the button says what to do about it.
    if (!found) throw invalid('请核对工号，或只填写姓名', [{ path: 'staff.employeeNo', message: '没有找到该工号' }])
    if (found.departmentId !== input.departmentId) {
      throw invalid('请核对所选科室和工号', [{ path: 'staff.employeeNo', message: '该工号不属于所选科室' }])
    }
    return { employeeNo: found.employeeNo, staffName: found.name, staffTitle: found.title }
  }
  const name = staff.name ?? ''
  const found = await ctx.repos.feedback.findStaffByName(input.departmentId, name)
  return { employeeNo: found?.employeeNo ?? null, staffName: name, staffTitle: found?.title ?? null }
}

export async function submit(ctx: Ctx, input: z.output<typeof submitFeedbackInput>): Promise<FeedbackItem> {
  requireSensitiveTextConsent(ctx)
  await limitRate(ctx, 'feedback.submit', SUBMISSIONS_PER_DAY, DAY_SECONDS)
  const departmentName = await ctx.repos.feedback.departmentName(input.departmentId)
  if (departmentName === null) throw invalid('请选择科室', [{ path: 'departmentId', message: '没有找到该科室' }])
  const { staffTitle, ...staff } = await resolveStaff(ctx, input)
  // A praise is written for the public wall: its phone and ID-card numbers are masked before it is
  // stored, so no reviewer's click can publish them. A complaint keeps them for its handler.
  const text = input.kind === 'praise' ? maskIdentifiers(input.text).text : input.text
  const item: NewFeedback = {
    kind: input.kind,
    patientId: ctx.caller.userId,
    departmentId: input.departmentId,
    departmentName,
    ...staff,
    categories: input.categories,
    text,
    contactPhone: input.contactPhone ?? null,
    anonymous: input.anonymous,
    heldReasons: input.kind === 'praise' ? heldReasonsOf(input.text) : [],
    month: monthOf(ctx.now),
  }
  const id = await ctx.repos.feedback.create(item, patientActor(ctx), ctx.now)
  const where = { departmentId: input.departmentId, month: item.month, visitType: null }
  await recordTags(ctx, { source: input.kind, sourceId: id, ...where }, text)
  // The reply is made from what was just written, not read back. The department's handlers hear of a
  // new complaint from the timer (`remindComplaints`), which queues and sends in the same run.
  return toItem(ctx, submittedRecord(id, item, { patientName: ctx.caller.name, staffTitle }, ctx.now))
}

export async function mine(ctx: Ctx): Promise<FeedbackItem[]> {
  let records = await ctx.repos.feedback.listMine(ctx.caller.userId)
  // The patient never sees a reply left past its window open; the query for every due reply (and the
  // list again) is only paid when one of theirs is due, which the list itself shows.
  if (records.some((record) => autoCloseDue(record, ctx.now))) {
    await closeExpired(ctx)
    records = await ctx.repos.feedback.listMine(ctx.caller.userId)
  }
  return records.map((record) => toItem(ctx, record))
}

export async function detail(ctx: Ctx, input: z.output<typeof feedbackIdInput>): Promise<FeedbackDetail> {
  let record = await requireItem(ctx, input.id)
  if (autoCloseDue(record, ctx.now)) {
    await closeExpired(ctx)
    record = await requireItem(ctx, input.id)
  }
  if (record.patientId !== ctx.caller.userId && !isHandler(ctx, record)) throw forbidden('无权查看这条记录')
  return { ...toItem(ctx, record), history: await ctx.repos.feedback.history(record.id) }
}

export async function queue(ctx: Ctx, input: z.output<typeof complaintQueueInput>): Promise<FeedbackItem[]> {
  const departmentId = isAdmin(ctx) ? null : ctx.caller.departmentId
  if (!isAdmin(ctx) && departmentId === null) throw forbidden('您还没有所属科室')
  const overdueOnly = input?.overdue === true
  const list = () =>
    ctx.repos.feedback.listQueue({
      departmentId,
      status: input?.status,
      overdue: overdueOnly ? overdueCutoffs(ctx.now) : undefined,
    })
  let records = await list()
  // As for 我的: replies past their window are closed first, paid only when the list shows one (or
  // lists closed complaints, where a reply not closed yet would be missing).
  if (input?.status === 'closed' || records.some((record) => autoCloseDue(record, ctx.now))) {
    await closeExpired(ctx)
    records = await list()
  }
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

export const NEW_COMPLAINT_EVENT = '收到新投诉'

/**
 * Run by the timer: tells a department's handlers, once each, of a complaint not accepted yet, and that
 * a complaint has passed a deadline. The new-complaint message is queued here rather than by the submit,
 * which saves the patient's call a read of the handlers and a write per handler; it is not later for
 * it: messages are only sent by this same timer run, after its sweeps. A complaint accepted before
 * the run needs no such message.
 */
export async function remindComplaints(ctx: SystemCtx): Promise<number> {
  const fresh = await ctx.repos.feedback.listQueue({ departmentId: null, status: 'submitted' })
  const records = await ctx.repos.feedback.listQueue({ departmentId: null, overdue: overdueCutoffs(ctx.now) })
  const responsible = responsibleLookup(ctx)
  const reminders: Reminder[] = []
  for (const record of fresh) {
    for (const userId of await responsible(record.departmentId)) {
      reminders.push({ userId, ...toHandle(record, NEW_COMPLAINT_EVENT), once: `feedback:${record.id}:new` })
    }
  }
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

import { AUTO_CLOSE_DAYS, FEEDBACK_KIND_LABELS, FEEDBACK_STATUS_LABELS } from '../../../contract'
import { conflict, forbidden, notFound } from '../../core/app-error'
import type { Ctx, SystemCtx } from '../../core/context'
import { notify } from '../../core/effects'
import { DAY_MS } from '../../../contract/month'
import { responsibleFor } from '../identity/responsible'
import { mayTake } from './lifecycle'
import type { Actor, FeedbackRecord, Transition } from './repo'
import { isHandler } from './view'

/** Moving an item along its lifecycle, and telling the people concerned. */

/**
 * Auto-close, run by the timer and, lazily, by every read: settles what has been waiting
 * 7 days since its reply, so a patient never sees a complaint the timer has not reached yet.
 */
export async function closeExpired(ctx: SystemCtx): Promise<number> {
  const closed = await ctx.repos.feedback.closeExpired(new Date(ctx.now.getTime() - AUTO_CLOSE_DAYS * DAY_MS), ctx.now)
  for (const record of closed) await notifyPatient(ctx, record)
  return closed.length
}

export async function notifyPatient(ctx: SystemCtx, record: FeedbackRecord) {
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

export const toHandle = (record: FeedbackRecord, event: string) => ({
  template: 'complaintToHandle',
  payload: { event, department: record.departmentName, id: record.id },
})

/** Tells whoever answers for the item's department. */
export async function notifyManagers(ctx: Ctx, record: FeedbackRecord, event: string) {
  for (const userId of await responsibleFor(ctx, record.departmentId)) {
    await notify(ctx, { userId, ...toHandle(record, event) })
  }
}

export async function requireItem(ctx: Ctx, id: string): Promise<FeedbackRecord> {
  const record = await ctx.repos.feedback.find(id)
  if (!record) throw notFound('没有找到这条表扬或投诉')
  return record
}

export async function handlerItem(ctx: Ctx, id: string): Promise<FeedbackRecord> {
  const record = await requireItem(ctx, id)
  if (!isHandler(ctx, record)) throw forbidden('只能处理本科室的投诉')
  return record
}

export async function ownItem(ctx: Ctx, id: string): Promise<FeedbackRecord> {
  const record = await requireItem(ctx, id)
  if (record.patientId !== ctx.caller.userId) throw forbidden('只能操作您自己提交的投诉')
  return record
}

export const REFUSALS: Record<Transition['action'], string> = {
  accept: '该投诉已受理或不在待受理状态',
  reply: '请先受理该投诉，再回复',
  confirm: '该投诉尚未回复或已办结',
  reopen: '只能在回复后7天内重新处理一次',
  close: '只能办结已回复的投诉；患者确认期内提前办结须填写原因',
  approve: '该表扬已审核过',
  reject: '该表扬已审核过',
}

export async function move(
  ctx: Ctx,
  record: FeedbackRecord,
  change: Transition,
  actor: Actor,
): Promise<FeedbackRecord> {
  if (!mayTake(change.action, actor.role)) throw forbidden('无权进行此操作')
  const moved = await ctx.repos.feedback.transition(record.id, change, actor, ctx.now)
  if (!moved) throw conflict(REFUSALS[change.action])
  return moved
}

import type { z } from 'zod'
import type { helpRequestInput, MyHelpRequest, rateInput, requestIdInput } from '../../../contract'
import { conflict, invalid, notFound } from '../../core/app-error'
import type { Ctx } from '../../core/context'
import { limitRate, notify } from '../../core/effects'
import { requireSensitiveTextConsent } from '../identity/consent'
import { dispatchOrder } from './dispatch'
import type { HelpRecord, NewHelpRequest } from './repo'
import { toMyRequest } from './views'

const REQUESTS_PER_HOUR = 10
/** How many waiting requests the dispatch order is worked out over; a hospital hall never has more. */
export const WAITING_SCAN_LIMIT = 200

export async function requireRequest(ctx: Ctx, id: string): Promise<HelpRecord> {
  const record = await ctx.repos.volunteer.findRequest(id)
  if (!record) throw notFound('没有找到这条呼叫')
  return record
}

async function ownRequest(ctx: Ctx, id: string): Promise<HelpRecord> {
  const record = await requireRequest(ctx, id)
  if (record.patientId !== ctx.caller.userId) throw notFound('没有找到这条呼叫')
  return record
}

/** Waiting requests in the order volunteers are asked to serve them. */
export async function waitingInOrder(ctx: Ctx): Promise<HelpRecord[]> {
  return dispatchOrder(await ctx.repos.volunteer.listWaiting(WAITING_SCAN_LIMIT), ctx.now)
}

/** The patient's view, with their place in the dispatch order while they wait. */
async function patientView(ctx: Ctx, record: HelpRecord): Promise<MyHelpRequest> {
  if (record.status !== 'waiting') return toMyRequest(record, ctx.now, null)
  const queue = await waitingInOrder(ctx)
  const index = queue.findIndex((waiting) => waiting.id === record.id)
  return toMyRequest(record, ctx.now, index === -1 ? queue.length + 1 : index + 1)
}

/** The request as it was just stored: the reply needs no read of it. */
function justAsked(id: string, patientId: string, asked: NewHelpRequest, at: Date): HelpRecord {
  const { toDepartmentId: _department, ...shown } = asked
  return {
    ...shown,
    id,
    patientId,
    status: 'waiting',
    volunteerId: null,
    volunteer: null,
    createdAt: at.toISOString(),
    claimedAt: null,
    assigned: false,
    rating: null,
  }
}

export async function request(ctx: Ctx, input: z.output<typeof helpRequestInput>): Promise<MyHelpRequest> {
  const department = await ctx.repos.identity.findDepartment(input.to)
  if (!department) throw invalid('请选择要去的科室', [{ path: 'to', message: '科室不存在' }])
  // A note may describe the patient's condition; the call itself never needs consent.
  if (input.note) requireSensitiveTextConsent(ctx)
  await limitRate(ctx, 'volunteer.request', REQUESTS_PER_HOUR, 3600)
  const asked: NewHelpRequest = {
    need: input.need,
    from: input.from,
    toDepartmentId: input.to,
    toDepartment: department.name,
    patientName: ctx.caller.name,
    note: input.note || null,
    people: input.people,
  }
  const id = await ctx.repos.volunteer.createRequest(ctx.caller.userId, asked, ctx.now)
  if (!id) throw conflict('您已有一个进行中的呼叫，请等待志愿者或先取消')
  for (const volunteerId of await ctx.repos.volunteer.listOnShift(ctx.now)) {
    await notify(ctx, {
      userId: volunteerId,
      template: 'volunteerNewRequest',
      payload: { need: input.need, from: input.from, to: department.name },
    })
  }
  return patientView(ctx, justAsked(id, ctx.caller.userId, asked, ctx.now))
}

export async function cancel(ctx: Ctx, input: z.output<typeof requestIdInput>): Promise<MyHelpRequest> {
  const cancelled = await ctx.repos.volunteer.cancelRequest(input.requestId, ctx.caller.userId, ctx.now)
  const record = await ownRequest(ctx, input.requestId)
  if (!cancelled) throw conflict(record.status === 'completed' ? '服务已完成，不能取消' : '这条呼叫已取消')
  if (cancelled.volunteerId) {
    await notify(ctx, {
      userId: cancelled.volunteerId,
      template: 'volunteerRequestCancelled',
      payload: { need: record.need, from: record.from },
    })
  }
  return toMyRequest(record, ctx.now, null)
}

export async function myRequest(ctx: Ctx): Promise<MyHelpRequest | null> {
  const record = await ctx.repos.volunteer.latestRequestOf(ctx.caller.userId)
  return record ? patientView(ctx, record) : null
}

export async function rate(ctx: Ctx, input: z.output<typeof rateInput>): Promise<MyHelpRequest> {
  const rated = await ctx.repos.volunteer.rate(
    input.requestId,
    ctx.caller.userId,
    input.stars,
    input.comment || null,
    ctx.now,
  )
  if (rated === 'duplicate') throw conflict('您已评价过本次服务')
  const record = await ownRequest(ctx, input.requestId)
  if (!rated) throw conflict('服务完成后才能评价')
  return toMyRequest(record, ctx.now, null)
}

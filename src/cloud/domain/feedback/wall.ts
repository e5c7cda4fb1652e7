import type { z } from 'zod'
import {
  type FeedbackItem,
  type PublishedStars,
  type Wall,
  type WallPraise,
  type approvePraiseInput,
  type publishedStarsInput,
  type rejectPraiseInput,
} from '../../../contract'
import { conflict } from '../../core/app-error'
import type { Ctx } from '../../core/context'
import { audit } from '../../core/effects'
import { handlerActor, toItem, toWallPraise, toPublished } from './view'
import { notifyPatient, requireItem, move } from './workflow'

const WALL_LIMIT = 50

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

export async function wall(ctx: Ctx): Promise<Wall> {
  const praise = await ctx.repos.feedback.listApprovedPraise(WALL_LIMIT)
  return { praise: praise.map(toWallPraise), stars: toPublished(await ctx.repos.feedback.publishedStars(null)) }
}

export async function stars(ctx: Ctx, input: z.output<typeof publishedStarsInput>): Promise<PublishedStars | null> {
  return toPublished(await ctx.repos.feedback.publishedStars(input?.month ?? null))
}

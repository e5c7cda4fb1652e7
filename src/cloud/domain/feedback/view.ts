import {
  ACCEPT_DUE_HOURS,
  AUTO_CLOSE_DAYS,
  REPLY_DUE_DAYS,
  type FeedbackItem,
  type PublishedStars,
  type WallPraise,
} from '../../../contract'
import type { Ctx } from '../../core/context'
import { maskPhone } from '../../core/phone'
import { DAY_MS, HOUR_MS } from '../../../contract/month'
import { maskIdentifiers } from './identifiers'
import type { Actor, FeedbackRecord, StoredStar } from './repo'

/** What each viewer sees of an item: masking, deadlines, permissions, the public wall. */

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

export function isAdmin(ctx: Ctx): boolean {
  return ctx.caller.roles.includes('admin')
}

/** The department's manager or an admin: who handles an item and may see its contact phone. */
export function isHandler(ctx: Ctx, record: FeedbackRecord): boolean {
  if (isAdmin(ctx)) return true
  return ctx.caller.roles.includes('manager') && ctx.caller.departmentId === record.departmentId
}

/**
 * Who sees a contact phone in full: an admin, and the department's manager while the complaint is
 * in their hands, because they call the patient back. Everyone else, the patient included, sees it masked.
 */
export function seesFullPhone(ctx: Ctx, record: FeedbackRecord): boolean {
  if (isAdmin(ctx)) return true
  return record.kind === 'complaint' && record.status !== 'closed' && isHandler(ctx, record)
}

export const handlerActor = (ctx: Ctx): Actor => ({ id: ctx.caller.userId, role: isAdmin(ctx) ? 'admin' : 'manager' })
export const patientActor = (ctx: Ctx): Actor => ({ id: ctx.caller.userId, role: 'patient' })

export function deadlines(record: FeedbackRecord, now: Date) {
  const open = record.kind === 'complaint' && (record.status === 'submitted' || record.status === 'accepted')
  const acceptDue = record.status === 'submitted' ? at(record.createdAt, ACCEPT_DUE_HOURS * HOUR_MS) : null
  const replyDue = open ? at(record.reopenedAt ?? record.createdAt, REPLY_DUE_DAYS * DAY_MS) : null
  const overdue = [acceptDue, replyDue].some((due) => due !== null && now > due)
  return { acceptDueAt: acceptDue?.toISOString() ?? null, replyDueAt: replyDue?.toISOString() ?? null, overdue }
}

export const overdueCutoffs = (now: Date) => ({
  now,
  acceptBy: new Date(now.getTime() - ACCEPT_DUE_HOURS * HOUR_MS),
  replyBy: new Date(now.getTime() - REPLY_DUE_DAYS * DAY_MS),
})

export function toItem(ctx: Ctx, record: FeedbackRecord): FeedbackItem {
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
    // Praise is stored masked; masking again on read covers praise written before that rule.
    text: record.kind === 'praise' ? maskIdentifiers(record.text).text : record.text,
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

export function toWallPraise(record: FeedbackRecord): WallPraise {
  return {
    id: record.id,
    departmentName: record.departmentName,
    staffLabel: record.employeeNo && record.staffName ? staffLabel(record.staffName, record.staffTitle) : null,
    categories: record.categories,
    // An admin may approve held praise; the wall still never shows a phone or ID-card number.
    text: maskIdentifiers(record.text).text,
    at: record.decidedAt ?? record.createdAt,
  }
}

export function toPublished(published: { month: string; stars: StoredStar[] } | null): PublishedStars | null {
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

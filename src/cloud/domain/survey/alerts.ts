import type { z } from 'zod'
import {
  ALERT_OVERDUE_HOURS,
  CONTACT_KEPT_DAYS,
  FOLLOW_UP_ACTIONS,
  type AlertView,
  type FollowUpAction,
  type ThemeTag,
  type alertsInput,
  type closeAlertInput,
  type followUpInput,
} from '../../../contract'
import { conflict, forbidden, invalid, notFound } from '../../core/app-error'
import type { Ctx, SystemCtx } from '../../core/context'
import { audit, remind } from '../../core/effects'
import type { Reminder } from '../../core/platform-repo'
import { chinaDay, DAY_MS, HOUR_MS } from '../../../contract/month'
import { responsibleLookup } from '../identity/responsible'
import { assertDepartmentAccess } from './boards'
import { currentLexicon } from '../voice/current-lexicon'
import { tagText } from '../voice/tagger'
import type { AlertRecord } from './repo'

/**
 * Alerts keep their day only, so an open alert is overdue once its whole day lies more than 48
 * hours back: the first day whose alerts are not yet overdue is the one 48 hours ago.
 */
const overdueBefore = (now: Date) => chinaDay(new Date(now.getTime() - ALERT_OVERDUE_HOURS * HOUR_MS))

/** Nobody can ring an anonymous patient: 已电话回访 is offered only where they left a number. */
export function actionsFor(alert: Pick<AlertRecord, 'status' | 'contactPhone'>): FollowUpAction[] {
  if (alert.status !== 'open') return []
  return FOLLOW_UP_ACTIONS.filter(
    (action) => alert.contactPhone !== null || (action !== 'called' && action !== 'noContact'),
  )
}

function alertView(record: AlertRecord, now: Date): AlertView {
  const { answers, itemLabels, tagged: _tagged, ...rest } = record
  return {
    ...rest,
    overdue: record.status === 'open' && record.createdOn < overdueBefore(now),
    actions: actionsFor(record),
    // Worst first: the manager reads what hurt most before the rest.
    lowItems: Object.entries(answers)
      .filter((entry): entry is [string, number] => entry[1] !== null && entry[1] <= 2)
      .map(([itemId, score]) => ({ itemId, label: itemLabels[itemId] ?? itemId, score }))
      .sort((a, b) => a.score - b.score),
  }
}

export async function alerts(ctx: Ctx, input: z.output<typeof alertsInput>): Promise<AlertView[]> {
  const isAdmin = ctx.caller.roles.includes('admin')
  const departmentId = input?.departmentId ?? (isAdmin ? null : ctx.caller.departmentId)
  if (departmentId === null && !isAdmin) throw forbidden('您还没有所属科室')
  if (departmentId !== null) assertDepartmentAccess(ctx, departmentId)
  const records = await ctx.repos.survey.listAlerts(departmentId, input?.filter ?? 'open', overdueBefore(ctx.now))
  const themesOf = await commentThemes(ctx, records)
  return records.map((r) => ({ ...alertView(r, ctx.now), themes: themesOf(r) }))
}

/**
 * The comments' themes with the lexicon as it is now. Those tagged when the answer was stored serve
 * while the lexicon is still at their version (one small read says so); otherwise, or where none were
 * kept, the comments are tagged again. Alerts without a comment need no lexicon at all.
 */
async function commentThemes(ctx: Ctx, records: AlertRecord[]): Promise<(r: AlertRecord) => ThemeTag[]> {
  const commented = records.filter((r) => r.comment)
  if (commented.length === 0) return () => []
  if (commented.every((r) => r.tagged)) {
    const version = await ctx.repos.voice.lexiconVersion()
    if (commented.every((r) => r.tagged?.version === version)) return (r) => (r.comment && r.tagged?.themes) || []
  }
  const { lexicon } = await currentLexicon(ctx.repos.voice)
  return (r) => (r.comment ? tagText(r.comment, lexicon, r.visitType).themes : [])
}

/** Run by the timer: tells whoever answers for the department, once, that a low score waits past its deadline. */
export async function remindOverdueAlerts(ctx: SystemCtx): Promise<number> {
  const responsible = responsibleLookup(ctx)
  const reminders: Reminder[] = []
  for (const alert of await ctx.repos.survey.listAlerts(null, 'overdue', overdueBefore(ctx.now))) {
    for (const userId of await responsible(alert.departmentId)) {
      reminders.push({
        userId,
        template: 'surveyAlertOverdue',
        payload: { department: alert.departmentName, month: alert.month, hours: ALERT_OVERDUE_HOURS },
        once: `survey:${alert.id}:overdue`,
      })
    }
  }
  return remind(ctx, reminders)
}

/** Run by the timer: a call-back number is kept 30 days after its alert is closed, then erased. */
export async function eraseOldContacts(ctx: SystemCtx): Promise<number> {
  return ctx.repos.survey.eraseContacts(new Date(ctx.now.getTime() - CONTACT_KEPT_DAYS * DAY_MS))
}

async function actOnAlert(
  ctx: Ctx,
  alertId: string,
  event: { kind: 'followUp' | 'close'; action: AlertView['history'][number]['action']; note: string },
): Promise<AlertView> {
  const repo = ctx.repos.survey
  const alert = await repo.findAlert(alertId)
  if (!alert) throw notFound('没有这条差评提醒')
  assertDepartmentAccess(ctx, alert.departmentId)
  if (event.action !== null && alert.status === 'open' && !actionsFor(alert).includes(event.action)) {
    throw invalid('这位患者匿名评价，没有留下回访电话，不能记录电话回访', [
      { path: 'action', message: '匿名评价无法电话回访' },
    ])
  }
  const recorded = await repo.recordAlertEvent(alertId, {
    ...event,
    actorId: ctx.caller.userId,
    actorName: ctx.caller.name || '管理者',
    at: ctx.now,
  })
  if (!recorded) throw conflict('这条差评提醒已关闭')
  await audit(ctx, `surveyAlert:${alertId}`, { kind: event.kind, action: event.action })
  const updated = await repo.findAlert(alertId)
  if (!updated) throw notFound('没有这条差评提醒')
  return alertView(updated, ctx.now)
}

export async function followUp(ctx: Ctx, input: z.output<typeof followUpInput>): Promise<AlertView> {
  return actOnAlert(ctx, input.alertId, { kind: 'followUp', action: input.action, note: input.note })
}

export async function closeAlert(ctx: Ctx, input: z.output<typeof closeAlertInput>): Promise<AlertView> {
  return actOnAlert(ctx, input.alertId, { kind: 'close', action: null, note: input.note ?? '' })
}

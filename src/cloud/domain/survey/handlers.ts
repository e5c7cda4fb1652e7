import type { z } from 'zod'
import {
  ALERT_OVERDUE_HOURS,
  MIN_SAMPLE,
  OVERALL_ITEM,
  SATISFACTION_TARGET,
  SCALE_LABELS,
  VISIT_TYPE_LABELS,
  type AlertView,
  type Board,
  type Dashboard,
  type FieldError,
  type ImportVisitsResult,
  type ItemFigure,
  type OpenVisitResult,
  type RateFigure,
  type SubmitResult,
  type alertsInput,
  type boardInput,
  type closeAlertInput,
  type followUpInput,
  type importVisitsInput,
  type monthRangeInput,
  type openVisitInput,
  type submitInput,
  type visitCodeInput,
} from '../../../contract'
import { AppError, conflict, forbidden, invalid, notFound } from '../../core/app-error'
import type { Ctx, SystemCtx } from '../../core/context'
import { parseCsv, toCsv } from '../../core/csv'
import { audit, limitRate, notify, remind } from '../../core/effects'
import type { Reminder } from '../../core/platform-repo'
import { responsibleFor, responsibleLookup } from '../identity/responsible'
import { readVisitRow, VISIT_CSV_HEADER } from './csv-import'
import { chinaDay, HOUR_MS, lastDayOf, monthOf, monthsEnding, shiftMonth } from '../../../contract/month'
import type { AlertRecord, ItemCounts, NewVisit, QuestionnaireRecord, VisitRecord } from './repo'
import { checkVisitCode, issueVisitCode } from './visit-code'

const SUBMITS_PER_WINDOW = 10
const SUBMIT_WINDOW_SECONDS = 600
const TREND_MONTHS = 12
const RECENT_COMMENTS = 20
const MAX_RANGE_MONTHS = 24

// ---------- visits and codes ----------

export async function importVisits(ctx: Ctx, input: z.output<typeof importVisitsInput>): Promise<ImportVisitsResult> {
  const [header, ...rows] = parseCsv(input.csv)
  const headerText = header?.cells.map((c) => c.trim().toLowerCase()).join(',')
  if (headerText !== VISIT_CSV_HEADER.join(',')) {
    throw invalid(`第1行应为表头：${VISIT_CSV_HEADER.join(',')}`, [{ path: 'csv', message: '表头不正确' }])
  }
  const departments = new Map((await ctx.repos.identity.listDepartments()).map((d) => [d.name, d.id]))
  const today = chinaDay(ctx.now)
  const errors: ImportVisitsResult['errors'] = []
  const visits = new Map<string, NewVisit>()
  let repeatedInFile = 0
  for (const row of rows) {
    const read = readVisitRow(row.cells, departments, today)
    if (!read.ok) errors.push({ line: row.line, message: read.message })
    else if (visits.has(read.visit.id)) repeatedInFile++
    else visits.set(read.visit.id, read.visit)
  }
  const added = visits.size > 0 ? await ctx.repos.survey.insertVisits([...visits.values()], ctx.now) : []
  await audit(ctx, 'survey:visits', { added: added.length, errors: errors.length })
  return {
    added: added.length,
    skipped: visits.size - added.length + repeatedInFile,
    errors,
    codes: added.map((visitId) => ({ visitId, code: issueVisitCode(ctx.secrets.visitCode, visitId, ctx.now).code })),
  }
}

export async function visitCode(ctx: Ctx, input: z.output<typeof visitCodeInput>) {
  const visit = await ctx.repos.survey.findVisit(input.visitId)
  if (!visit) throw notFound('没有这个就诊号')
  const { code, expiresAt } = issueVisitCode(ctx.secrets.visitCode, visit.id, ctx.now)
  return { visitId: visit.id, code, expiresAt: expiresAt.toISOString() }
}

/** The visit behind a code, or the refusal a patient should see. */
async function visitOfCode(ctx: Ctx, code: string): Promise<VisitRecord> {
  const checked = checkVisitCode(ctx.secrets.visitCode, code, ctx.now)
  if (!checked.ok && checked.reason === 'expired') {
    throw new AppError('EXPIRED', '评价码已过期（有效期30天），感谢您的关注')
  }
  const visit = checked.ok ? await ctx.repos.survey.findVisit(checked.visitId) : null
  if (!visit) throw invalid('评价码无效，请核对后重新输入', [{ path: 'code', message: '评价码无效' }])
  if (visit.answered) throw conflict('本次就诊已评价，感谢您的反馈')
  return visit
}

async function questionnaireFor(ctx: Ctx, visit: VisitRecord, version?: number): Promise<QuestionnaireRecord> {
  const repo = ctx.repos.survey
  const active = await repo.activeQuestionnaire(visit.type)
  const shown =
    version !== undefined && active?.version !== version ? await repo.findQuestionnaire(visit.type, version) : null
  const questionnaire = shown ?? active
  if (!questionnaire) throw notFound(`暂无${VISIT_TYPE_LABELS[visit.type]}问卷`)
  return questionnaire
}

export async function openVisit(ctx: Ctx, input: z.output<typeof openVisitInput>): Promise<OpenVisitResult> {
  const visit = await visitOfCode(ctx, input.code)
  const { id, version, title, items } = await questionnaireFor(ctx, visit)
  return {
    visit: {
      type: visit.type,
      departmentId: visit.departmentId,
      departmentName: visit.departmentName,
      visitDate: visit.visitDate,
      doctor: visit.doctor,
    },
    questionnaire: { id, version, title, items },
  }
}

// ---------- submit ----------

function answerErrors(questionnaire: QuestionnaireRecord, answers: Record<string, number | null>): FieldError[] {
  const known = new Set(questionnaire.items.map((item) => item.id))
  const errors: FieldError[] = Object.keys(answers)
    .filter((id) => !known.has(id))
    .map((id) => ({ path: `answers.${id}`, message: '问卷中没有这一项' }))
  for (const item of questionnaire.items) {
    const value = answers[item.id]
    if (value === undefined) errors.push({ path: `answers.${item.id}`, message: `请为“${item.label}”打分` })
    else if (value === null && !item.allowNA) {
      errors.push({ path: `answers.${item.id}`, message: `“${item.label}”不能选择不适用` })
    }
  }
  return errors
}

/** 总体 ≤ 2 or any item at 1 reaches the department's managers the same day. */
function isLowScore(answers: Record<string, number | null>): boolean {
  const overall = answers[OVERALL_ITEM]
  return (overall !== null && overall !== undefined && overall <= 2) || Object.values(answers).some((v) => v === 1)
}

export async function submit(ctx: Ctx, input: z.output<typeof submitInput>): Promise<SubmitResult> {
  await limitRate(ctx, 'survey.submit', SUBMITS_PER_WINDOW, SUBMIT_WINDOW_SECONDS)
  const visit = await visitOfCode(ctx, input.code)
  const questionnaire = await questionnaireFor(ctx, visit, input.version)
  const errors = answerErrors(questionnaire, input.answers)
  if (errors.length > 0) throw invalid('还有题目没有作答或选择有误，请检查标红的项目', errors)
  const lowScore = isLowScore(input.answers)
  const month = monthOf(ctx.now)
  const stored = await ctx.repos.survey.submitResponse({
    visitId: visit.id,
    departmentId: visit.departmentId,
    visitType: visit.type,
    month,
    questionnaireId: questionnaire.id,
    questionnaireVersion: questionnaire.version,
    answers: input.answers,
    overall: input.answers[OVERALL_ITEM] ?? null,
    recommend: input.recommend,
    comment: input.comment || null,
    praiseStaff: input.praiseStaff || null,
    lowScore,
    at: ctx.now,
  })
  if (stored === 'answered') throw conflict('本次就诊已评价，感谢您的反馈')
  if (stored.alertId) {
    for (const userId of await responsibleFor(ctx, visit.departmentId)) {
      await notify(ctx, {
        userId,
        template: 'surveyLowScore',
        payload: { department: visit.departmentName, month, overall: input.answers[OVERALL_ITEM] ?? '' },
      })
    }
  }
  return { submitted: true, alert: stored.alertId !== null }
}

// ---------- boards ----------

function rateFigure(satisfied: number, answered: number): RateFigure {
  const rate = answered >= MIN_SAMPLE ? satisfied / answered : null
  return { answered, satisfied, rate, metTarget: rate === null ? null : rate >= SATISFACTION_TARGET }
}

/** Scores 4–5 among answered. */
function tally(counts: ItemCounts[]): { satisfied: number; answered: number } {
  return counts.reduce(
    (sum, c) => ({
      satisfied: sum.satisfied + c.scores[3] + c.scores[4],
      answered: sum.answered + c.scores.reduce((a, b) => a + b, 0),
    }),
    { satisfied: 0, answered: 0 },
  )
}

const figureOf = (counts: ItemCounts[]) => {
  const { satisfied, answered } = tally(counts)
  return rateFigure(satisfied, answered)
}

export async function board(ctx: Ctx, input: z.output<typeof boardInput>): Promise<Board> {
  const month = input?.month ?? monthOf(ctx.now)
  const previousMonth = shiftMonth(month, -1)
  const months = monthsEnding(month, TREND_MONTHS)
  const [counts, departments] = await Promise.all([
    ctx.repos.survey.itemCountsAll(OVERALL_ITEM, months[0], month),
    ctx.repos.identity.listDepartments(),
  ])
  const pick = (m: string, departmentId?: string) =>
    counts.filter((c) => c.month === m && (departmentId === undefined || c.departmentId === departmentId))
  return {
    month,
    previousMonth,
    target: SATISFACTION_TARGET,
    minSample: MIN_SAMPLE,
    hospital: { current: figureOf(pick(month)), previous: figureOf(pick(previousMonth)) },
    departments: departments
      .filter((d) => d.kind !== 'admin')
      .map((d) => ({
        departmentId: d.id,
        departmentName: d.name,
        current: figureOf(pick(month, d.id)),
        previous: figureOf(pick(previousMonth, d.id)),
      })),
    trend: months.map((m) => ({ month: m, ...figureOf(pick(m)) })),
  }
}

/** A manager acts on their own department only; an admin on every department. */
function assertDepartmentAccess(ctx: Ctx, departmentId: string) {
  if (ctx.caller.roles.includes('admin')) return
  if (ctx.caller.roles.includes('manager') && ctx.caller.departmentId === departmentId) return
  throw forbidden('只能查看本科室的数据')
}

async function departmentForRange(ctx: Ctx, input: z.output<typeof monthRangeInput>) {
  assertDepartmentAccess(ctx, input.departmentId)
  if (shiftMonth(input.from, MAX_RANGE_MONTHS - 1) < input.to) {
    throw invalid(`查询范围不超过${MAX_RANGE_MONTHS}个月`, [{ path: 'to', message: '范围过大' }])
  }
  const department = await ctx.repos.identity.findDepartment(input.departmentId)
  if (!department) throw notFound('科室不存在')
  return department
}

function itemFigures(counts: ItemCounts[], labels: Record<string, string>): ItemFigure[] {
  const byItem = new Map<string, ItemCounts[]>()
  for (const c of counts) byItem.set(c.itemId, [...(byItem.get(c.itemId) ?? []), c])
  const order = Object.keys(labels)
  return [...byItem.entries()]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([itemId, rows]) => {
      const { satisfied, answered } = tally(rows)
      const sum = rows.reduce((s, r) => s + r.scores.reduce((a, n, i) => a + n * (i + 1), 0), 0)
      return {
        itemId,
        label: labels[itemId] ?? itemId,
        answered,
        notApplicable: rows.reduce((s, r) => s + r.notApplicable, 0),
        average: answered > 0 ? Math.round((sum / answered) * 100) / 100 : null,
        rate: answered > 0 ? satisfied / answered : null,
      }
    })
}

export async function dashboard(ctx: Ctx, input: z.output<typeof monthRangeInput>): Promise<Dashboard> {
  const department = await departmentForRange(ctx, input)
  const repo = ctx.repos.survey
  const { departmentId, from, to } = input
  const [counts, labels, months, visits, comments] = await Promise.all([
    repo.itemCounts(departmentId, from, to),
    repo.itemLabels(),
    repo.monthCounts(departmentId, from, to),
    repo.visitCount(departmentId, `${from}-01`, lastDayOf(to)),
    repo.recentComments(departmentId, from, to, RECENT_COMMENTS),
  ])
  const items = itemFigures(counts, labels)
  const rec = months.responses
  return {
    departmentId,
    departmentName: department.name,
    from,
    to,
    responses: rec,
    visits,
    responseRate: visits > 0 ? rec / visits : null,
    items,
    weakest: items
      .filter((i) => i.itemId !== OVERALL_ITEM && i.rate !== null)
      .sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0))
      .slice(0, 3),
    recommend: {
      answered: rec,
      average: rec > 0 ? Math.round((months.recommendSum / rec) * 10) / 10 : null,
      nps: rec > 0 ? Math.round(((months.promoters - months.detractors) / rec) * 100) : null,
    },
    comments,
  }
}

const percent = (rate: number | null) => (rate === null ? '' : `${(rate * 100).toFixed(1)}%`)

export async function exportCsv(ctx: Ctx, input: z.output<typeof monthRangeInput>) {
  const department = await departmentForRange(ctx, input)
  const [counts, labels] = await Promise.all([
    ctx.repos.survey.itemCounts(input.departmentId, input.from, input.to),
    ctx.repos.survey.itemLabels(),
  ])
  const rows = [...new Set(counts.map((c) => c.month))].sort().flatMap((month) =>
    itemFigures(
      counts.filter((c) => c.month === month),
      labels,
    ).map((figure) => {
      const scores = counts.find((c) => c.month === month && c.itemId === figure.itemId)?.scores ?? [0, 0, 0, 0, 0]
      return [
        month,
        department.name,
        figure.label,
        ...[...scores].reverse(),
        figure.notApplicable,
        figure.answered,
        figure.average,
        percent(figure.rate),
      ]
    }),
  )
  const scaleHeader = [5, 4, 3, 2, 1].map((s) => SCALE_LABELS[s as 1 | 2 | 3 | 4 | 5])
  await audit(ctx, `department:${input.departmentId}`, { from: input.from, to: input.to })
  return {
    filename: `满意度_${department.name}_${input.from}_${input.to}.csv`,
    csv: toCsv(['月份', '科室', '项目', ...scaleHeader, '不适用', '有效回答', '平均分', '满意率'], rows),
  }
}

// ---------- alerts ----------

const overdueBefore = (now: Date) => new Date(now.getTime() - ALERT_OVERDUE_HOURS * HOUR_MS)

function alertView(record: AlertRecord, labels: Record<string, string>, now: Date): AlertView {
  const { answers, ...rest } = record
  return {
    ...rest,
    overdue: record.status === 'open' && record.createdAt < overdueBefore(now).toISOString(),
    lowItems: Object.entries(answers)
      .filter((entry): entry is [string, number] => entry[1] !== null && entry[1] <= 2)
      .map(([itemId, score]) => ({ itemId, label: labels[itemId] ?? itemId, score })),
  }
}

export async function alerts(ctx: Ctx, input: z.output<typeof alertsInput>): Promise<AlertView[]> {
  const isAdmin = ctx.caller.roles.includes('admin')
  const departmentId = input?.departmentId ?? (isAdmin ? null : ctx.caller.departmentId)
  if (departmentId === null && !isAdmin) throw forbidden('您还没有所属科室')
  if (departmentId !== null) assertDepartmentAccess(ctx, departmentId)
  const [records, labels] = await Promise.all([
    ctx.repos.survey.listAlerts(departmentId, input?.filter ?? 'open', overdueBefore(ctx.now)),
    ctx.repos.survey.itemLabels(),
  ])
  return records.map((r) => alertView(r, labels, ctx.now))
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

async function actOnAlert(
  ctx: Ctx,
  alertId: string,
  event: { kind: 'followUp' | 'close'; action: AlertView['history'][number]['action']; note: string },
): Promise<AlertView> {
  const repo = ctx.repos.survey
  const alert = await repo.findAlert(alertId)
  if (!alert) throw notFound('没有这条差评提醒')
  assertDepartmentAccess(ctx, alert.departmentId)
  const recorded = await repo.recordAlertEvent(alertId, {
    ...event,
    actorId: ctx.caller.userId,
    actorName: ctx.caller.name || '管理者',
    at: ctx.now,
  })
  if (!recorded) throw conflict('这条差评提醒已关闭')
  await audit(ctx, `surveyAlert:${alertId}`, { kind: event.kind, action: event.action })
  const [updated, labels] = await Promise.all([repo.findAlert(alertId), repo.itemLabels()])
  if (!updated) throw notFound('没有这条差评提醒')
  return alertView(updated, labels, ctx.now)
}

export async function followUp(ctx: Ctx, input: z.output<typeof followUpInput>): Promise<AlertView> {
  return actOnAlert(ctx, input.alertId, { kind: 'followUp', action: input.action, note: input.note })
}

export async function closeAlert(ctx: Ctx, input: z.output<typeof closeAlertInput>): Promise<AlertView> {
  return actOnAlert(ctx, input.alertId, { kind: 'close', action: null, note: input.note ?? '' })
}

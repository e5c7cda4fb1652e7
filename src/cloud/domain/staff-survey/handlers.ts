import type { z } from 'zod'
import {
  CAMPAIGN_STATUS_LABELS,
  type campaignIdInput,
  type CampaignView,
  type createCampaignInput,
  type CsvExport,
  type OpenCampaignResult,
  type StaffCut,
  type StaffDepartmentResult,
  type StaffResults,
  type staffSubmitInput,
  type StaffSubmitResult,
} from '../../../contract'
import { chinaDay } from '../../../contract/month'
import { AppError, conflict, forbidden, invalid, notFound } from '../../core/app-error'
import type { Ctx } from '../../core/context'
import { toCsv } from '../../core/csv'
import { audit, remind } from '../../core/effects'
import { answerErrors, STAFF_QUESTIONNAIRE } from './questionnaire'
import type { CampaignRecord, Tally } from './repo'
import { campaignStatus, cutOf, hospitalCut, overallOf } from './rules'

/** Campaigns on a results trend line. */
const TREND_CAMPAIGNS = 8
const NO_DEPARTMENT = '未分配科室'

const isAdmin = (ctx: Ctx) => ctx.caller.roles.includes('admin')
const isOrganizer = (ctx: Ctx) => ctx.caller.roles.some((role) => role === 'admin' || role === 'manager')
const today = (ctx: Ctx) => chinaDay(ctx.now)
const totalInvited = (campaign: CampaignRecord) => Object.values(campaign.invited).reduce((sum, n) => sum + n, 0)

/** `known`: the answers per campaign when the caller already has them (the whole hospital's tallies). */
async function views(ctx: Ctx, campaigns: CampaignRecord[], known?: Map<string, number>): Promise<CampaignView[]> {
  const ids = campaigns.map((c) => c.id)
  const answered = await ctx.repos.staffSurvey.answeredBy(ctx.caller.userId, ids)
  const counts = isOrganizer(ctx) ? (known ?? (await ctx.repos.staffSurvey.responseCounts(ids))) : null
  return campaigns.map((c) => ({
    id: c.id,
    title: c.title,
    opensOn: c.opensOn,
    closesOn: c.closesOn,
    status: campaignStatus(c, today(ctx)),
    answered: answered.has(c.id),
    invited: counts ? totalInvited(c) : null,
    responses: counts ? (counts.get(c.id) ?? 0) : null,
  }))
}

async function requireCampaign(ctx: Ctx, campaignId: string): Promise<CampaignRecord> {
  const campaign = await ctx.repos.staffSurvey.findCampaign(campaignId)
  if (!campaign) throw notFound('没有找到这次调查')
  return campaign
}

/** A campaign takes answers only while open. */
function requireOpen(ctx: Ctx, campaign: CampaignRecord): void {
  const status = campaignStatus(campaign, today(ctx))
  if (status === 'upcoming') throw conflict(`调查尚未开始，开始日期为 ${campaign.opensOn}`)
  if (status === 'closed') throw new AppError('EXPIRED', `调查已于 ${campaign.closesOn} 结束`)
}

// Campaigns

/** Every approved staff member is invited: the outbox sends each a subscribe message once. */
export async function createCampaign(ctx: Ctx, input: z.output<typeof createCampaignInput>): Promise<CampaignView> {
  if (input.closesOn < today(ctx)) {
    throw invalid('请选择今天或以后的结束日期', [{ path: 'closesOn', message: '结束日期已过' }])
  }
  const { campaign, invitees } = await ctx.repos.staffSurvey.createCampaign(
    { ...input, questionnaireVersion: STAFF_QUESTIONNAIRE.version },
    ctx.caller.userId,
    ctx.now,
  )
  await audit(ctx, `staffSurvey:${campaign.id}`, { title: campaign.title, invited: invitees.length })
  await remind(
    ctx,
    invitees.map((userId) => ({
      userId,
      template: 'staffSurveyInvite',
      payload: { title: campaign.title, closesOn: campaign.closesOn },
      once: `staffSurvey:${campaign.id}`,
    })),
  )
  const [view] = await views(ctx, [campaign])
  return view
}

/** Staff see the open campaigns; managers and admins every campaign, with its counts. */
export async function campaigns(ctx: Ctx): Promise<CampaignView[]> {
  const all = await views(ctx, await ctx.repos.staffSurvey.listCampaigns())
  return isOrganizer(ctx) ? all : all.filter((c) => c.status === 'open')
}

export async function openCampaign(ctx: Ctx, input: z.output<typeof campaignIdInput>): Promise<OpenCampaignResult> {
  const campaign = await requireCampaign(ctx, input.campaignId)
  requireOpen(ctx, campaign)
  const [view] = await views(ctx, [campaign])
  return { campaign: view, questionnaire: STAFF_QUESTIONNAIRE }
}

// Answering

/**
 * Once per person and campaign. The has-answered mark is written first and on its own, so twenty
 * racing submits store one answer; the answer follows in a write of its own, with the department
 * and the day only, so nothing in the database joins the person to it.
 */
export async function submit(ctx: Ctx, input: z.output<typeof staffSubmitInput>): Promise<StaffSubmitResult> {
  const campaign = await requireCampaign(ctx, input.campaignId)
  requireOpen(ctx, campaign)
  const errors = answerErrors(input.answers)
  if (errors.length > 0) throw invalid('还有题目未完成，请检查标红的项目', errors)
  const repo = ctx.repos.staffSurvey
  if (!(await repo.markAnswered(campaign.id, ctx.caller.userId))) throw conflict('您已提交过本次调查，感谢参与')
  try {
    await repo.addAnswer({
      campaignId: campaign.id,
      departmentId: ctx.caller.departmentId,
      questionnaireVersion: campaign.questionnaireVersion,
      answers: input.answers,
      recommend: input.recommend,
      comment: input.comment || null,
      submittedOn: today(ctx),
    })
  } catch (error) {
    await repo.unmarkAnswered(campaign.id, ctx.caller.userId)
    throw error
  }
  return { submitted: true }
}

// Results

/** `null`: the whole hospital (admins); otherwise the manager's own department. */
function departmentScope(ctx: Ctx): string | null {
  if (isAdmin(ctx)) return null
  if (!ctx.caller.departmentId) throw forbidden('您的账号未关联科室，请联系管理员')
  return ctx.caller.departmentId
}

const byDepartment = (tallies: Tally[]) => {
  const groups = new Map<string, Tally[]>()
  for (const t of tallies) groups.set(t.departmentId ?? '', [...(groups.get(t.departmentId ?? '') ?? []), t])
  return groups
}

/** The scope's cut of one campaign: a department's, or the hospital's for admins. */
function scopeCut(campaign: CampaignRecord, tallies: Tally[], scope: string | null): StaffCut {
  if (scope !== null) return cutOf(tallies, campaign.invited[scope] ?? 0)
  return hospitalCut([...byDepartment(tallies).values()], totalInvited(campaign))
}

export async function results(ctx: Ctx, input: z.output<typeof campaignIdInput>): Promise<StaffResults> {
  const scope = departmentScope(ctx)
  const campaign = await requireCampaign(ctx, input.campaignId)
  const all = await ctx.repos.staffSurvey.listCampaigns()
  const trendCampaigns = all
    .filter((c) => c.opensOn <= campaign.opensOn)
    .slice(0, TREND_CAMPAIGNS)
    .reverse()
  const tallies = await ctx.repos.staffSurvey.tallies(
    trendCampaigns.map((c) => c.id),
    scope,
    STAFF_QUESTIONNAIRE.items.map((item) => item.id),
  )
  const ofCampaign = (id: string) => tallies.filter((t) => t.campaignId === id)
  const names = new Map((await ctx.repos.identity.listDepartments()).map((d) => [d.id, d.name]))

  const groups = byDepartment(ofCampaign(campaign.id))
  const departmentIds = scope !== null ? [scope] : [...new Set([...Object.keys(campaign.invited), ...groups.keys()])]
  const departments: StaffDepartmentResult[] = departmentIds
    .map((id) => ({
      departmentId: id === '' ? null : id,
      departmentName: names.get(id) ?? NO_DEPARTMENT,
      ...cutOf(groups.get(id) ?? [], campaign.invited[id] ?? 0),
    }))
    .sort((a, b) => a.departmentName.localeCompare(b.departmentName, 'zh-CN'))
  const own = scopeCut(campaign, ofCampaign(campaign.id), scope)
  // The hospital's tallies count every answer of the campaign; a department's do not.
  const [view] = await views(ctx, [campaign], scope === null ? new Map([[campaign.id, own.responses]]) : undefined)
  return {
    campaign: view,
    responses: own.responses,
    invited: own.invited,
    departments,
    hospital: scope === null ? own : null,
    trend: trendCampaigns.map((c) => {
      const cut = scopeCut(c, ofCampaign(c.id), scope)
      return {
        campaignId: c.id,
        title: c.title,
        opensOn: c.opensOn,
        responses: cut.responses,
        invited: cut.invited,
        ...overallOf(cut),
      }
    }),
  }
}

const figure = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value))

/** One row per department the caller may see; a cut under the minimum group keeps its counts only. */
export async function exportResults(ctx: Ctx, input: z.output<typeof campaignIdInput>): Promise<CsvExport> {
  const result = await results(ctx, input)
  const items = STAFF_QUESTIONNAIRE.items
  const row = (name: string, cut: StaffCut) => [
    name,
    String(cut.invited),
    String(cut.responses),
    figure(cut.responseRate),
    ...items.flatMap((item) => {
      const found = cut.items?.find((f) => f.itemId === item.id)
      return [figure(found?.rate), figure(found?.average)]
    }),
    figure(cut.recommend?.average),
    cut.items ? '' : '不足10人，仅显示人数',
  ]
  const csv = toCsv(
    [
      '科室',
      '邀请人数',
      '答卷数',
      '回收率',
      ...items.flatMap((item) => [`${item.label}满意率`, `${item.label}均分`]),
      '推荐意愿均分',
      '备注',
    ],
    [
      ...result.departments.map((d) => row(d.departmentName, d)),
      ...(result.hospital ? [row('全院', result.hospital)] : []),
    ],
  )
  await audit(ctx, `staffSurvey:${input.campaignId}`, { exported: result.departments.length })
  const status = CAMPAIGN_STATUS_LABELS[result.campaign.status]
  return { filename: `职工满意度-${result.campaign.title}-${status}.csv`, csv }
}

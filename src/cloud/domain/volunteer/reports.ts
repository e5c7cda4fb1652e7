import type { z } from 'zod'
import {
  MAX_REPORTED_HOURS_PER_DAY,
  type approveServiceInput,
  type reportServiceInput,
  type ServiceReport,
  type setTeamLeaderInput,
  type TeamLeader,
  type VolunteerTeam,
} from '../../../contract'
import { CHINA_OFFSET_MS, chinaDay } from '../../../contract/month'
import { conflict, forbidden, invalid, notFound } from '../../core/app-error'
import type { Ctx } from '../../core/context'
import { audit, notify } from '../../core/effects'
import { congratulateMilestones } from './milestones'

const REPORT_LIST_LIMIT = 200

/** An approved report counts on its service day (noon, China time), so it falls in that day's year. */
const serviceDayNoon = (date: string) => new Date(Date.parse(`${date}T12:00:00Z`) - CHINA_OFFSET_MS)

async function ledTeams(ctx: Ctx): Promise<VolunteerTeam[]> {
  const leaders = await ctx.repos.volunteer.listTeamLeaders()
  return leaders.filter((leader) => leader.userId === ctx.caller.userId).map((leader) => leader.team)
}

const isAdmin = (ctx: Ctx) => ctx.caller.roles.includes('admin')

export async function reportService(ctx: Ctx, input: z.output<typeof reportServiceInput>): Promise<ServiceReport> {
  if (input.date > chinaDay(ctx.now)) {
    throw invalid('服务日期不能晚于今天', [{ path: 'date', message: '不能填写将来的日期' }])
  }
  const profile = await ctx.repos.volunteer.findProfile(ctx.caller.userId)
  const team = input.team ?? (profile?.status === 'approved' ? profile.team : undefined)
  if (!team) throw invalid('请选择服务队', [{ path: 'team', message: '请选择由哪个服务队审核' }])
  const outcome = await ctx.repos.volunteer.addServiceReport(
    ctx.caller.userId,
    { team, date: input.date, place: input.place, content: input.content, minutes: Math.round(input.hours * 60) },
    MAX_REPORTED_HOURS_PER_DAY * 60,
    ctx.now,
  )
  if (outcome === 'duplicate') throw conflict('这次服务已经上报过了')
  if (outcome === 'dayFull') {
    throw invalid('同一天上报的服务时长合计不能超过12小时', [
      { path: 'hours', message: '当天已上报的时长加上本次超过12小时' },
    ])
  }
  for (const leader of (await ctx.repos.volunteer.listTeamLeaders()).filter((l) => l.team === team)) {
    await notify(ctx, {
      userId: leader.userId,
      template: 'volunteerReportToApprove',
      payload: { team, date: input.date, content: input.content },
    })
  }
  const report = await ctx.repos.volunteer.findServiceReport(outcome.id)
  if (!report) throw new Error('service report vanished right after insert')
  return report
}

export async function myReports(ctx: Ctx): Promise<ServiceReport[]> {
  return ctx.repos.volunteer.listServiceReports({ volunteerId: ctx.caller.userId }, REPORT_LIST_LIMIT)
}

/** Pending reports the caller may decide: every team's for an admin, their own teams' for a leader. */
export async function reportsToApprove(ctx: Ctx): Promise<ServiceReport[]> {
  const teams = isAdmin(ctx) ? 'all' : await ledTeams(ctx)
  if (teams !== 'all' && teams.length === 0) return []
  const pending = await ctx.repos.volunteer.listServiceReports({ status: 'pending', teams }, REPORT_LIST_LIMIT)
  return pending.filter((report) => report.volunteerId !== ctx.caller.userId)
}

/** The team's leader or an administrator decides, once; nobody decides their own report. */
export async function approveService(ctx: Ctx, input: z.output<typeof approveServiceInput>): Promise<ServiceReport> {
  const report = await ctx.repos.volunteer.findServiceReport(input.id)
  if (!report) throw notFound('没有找到这条服务上报')
  if (report.volunteerId === ctx.caller.userId) throw forbidden('不能审核自己上报的服务')
  if (!isAdmin(ctx) && !(await ledTeams(ctx)).includes(report.team)) {
    throw forbidden(`只有${report.team}服务队队长或管理员可以审核`)
  }
  const decided = await ctx.repos.volunteer.decideServiceReport(
    input.id,
    { approve: input.approve, note: input.note },
    ctx.caller.userId,
    ctx.now,
    serviceDayNoon(report.date),
  )
  if (!decided) throw conflict('这条上报已审核过了')
  await audit(ctx, `report:${input.id}`, { approve: input.approve, note: input.note })
  await notify(ctx, {
    userId: report.volunteerId,
    template: 'volunteerReportDecided',
    payload: { date: report.date, content: report.content, result: input.approve ? '已通过' : '未通过' },
  })
  if (input.approve) await congratulateMilestones(ctx, report.volunteerId)
  const after = await ctx.repos.volunteer.findServiceReport(input.id)
  if (!after) throw new Error('service report vanished after its decision')
  return after
}

export async function teamLeaders(ctx: Ctx): Promise<TeamLeader[]> {
  return ctx.repos.volunteer.listTeamLeaders()
}

export async function setTeamLeader(ctx: Ctx, input: z.output<typeof setTeamLeaderInput>): Promise<TeamLeader[]> {
  if (!(await ctx.repos.volunteer.volunteerExists(input.userId))) throw notFound('没有这位志愿者')
  await ctx.repos.volunteer.setTeamLeader(input.team, input.userId, input.leader)
  await audit(ctx, `team:${input.team}`, { userId: input.userId, leader: input.leader })
  return ctx.repos.volunteer.listTeamLeaders()
}

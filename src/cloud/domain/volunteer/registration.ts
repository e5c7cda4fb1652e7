import type { z } from 'zod'
import type { decideInput, registerInput, rejectInput, VolunteerProfile, VolunteerRosterEntry } from '../../../contract'
import { conflict, notFound } from '../../core/app-error'
import type { Ctx } from '../../core/context'
import { audit, notify } from '../../core/effects'
import { maskPhone } from '../../core/phone'

const withMaskedPhone = (profile: VolunteerProfile): VolunteerProfile => ({
  ...profile,
  phone: maskPhone(profile.phone),
})

export async function register(ctx: Ctx, input: z.output<typeof registerInput>): Promise<VolunteerProfile> {
  const registered = await ctx.repos.volunteer.register(ctx.caller.userId, input, ctx.now)
  if (!registered) throw conflict('您已是注册志愿者')
  const profile = await ctx.repos.volunteer.findProfile(ctx.caller.userId)
  if (!profile) throw new Error('registration vanished right after insert')
  return withMaskedPhone(profile)
}

export async function myProfile(ctx: Ctx): Promise<VolunteerProfile | null> {
  const profile = await ctx.repos.volunteer.findProfile(ctx.caller.userId)
  return profile ? withMaskedPhone(profile) : null
}

export async function pending(ctx: Ctx) {
  return ctx.repos.volunteer.listRegistrations('pending')
}

/** Approved volunteers by team and name, whether or not they have served yet this year. */
export async function roster(ctx: Ctx): Promise<VolunteerRosterEntry[]> {
  const approved = await ctx.repos.volunteer.listRegistrations('approved')
  return approved
    .map(({ userId, name, team }) => ({ userId, name, team }))
    .sort((a, b) => a.team.localeCompare(b.team, 'zh') || a.name.localeCompare(b.name, 'zh'))
}

export async function approve(ctx: Ctx, input: z.output<typeof decideInput>) {
  const status = await ctx.repos.volunteer.decide(input.userId, { approve: true }, ctx.caller.userId, ctx.now)
  if (!status) throw notFound('没有待审核的志愿者报名')
  await audit(ctx, `user:${input.userId}`, { approve: true })
  await notify(ctx, { userId: input.userId, template: 'volunteerRegistration', payload: { result: '已通过' } })
  return { userId: input.userId, status }
}

export async function reject(ctx: Ctx, input: z.output<typeof rejectInput>) {
  const decision = { approve: false as const, reason: input.reason }
  const status = await ctx.repos.volunteer.decide(input.userId, decision, ctx.caller.userId, ctx.now)
  if (!status) throw notFound('没有待审核的志愿者报名')
  await audit(ctx, `user:${input.userId}`, { approve: false, reason: input.reason })
  await notify(ctx, {
    userId: input.userId,
    template: 'volunteerRegistration',
    payload: { result: '未通过', reason: input.reason },
  })
  return { userId: input.userId, status }
}

import type { z } from 'zod'
import { type PhraseEntry, type phrasesInput, type savePhraseInput } from '../../../contract'
import { notFound } from '../../core/app-error'
import type { Ctx } from '../../core/context'
import { audit } from '../../core/effects'

// 暖语手册

export async function phrases(ctx: Ctx, input: z.output<typeof phrasesInput>): Promise<PhraseEntry[]> {
  return ctx.repos.feedback.listPhrases({ scene: input?.scene, q: input?.q })
}

export async function savePhrase(ctx: Ctx, input: z.output<typeof savePhraseInput>): Promise<PhraseEntry> {
  const saved = await ctx.repos.feedback.savePhrase(input, ctx.now)
  if (!saved) throw notFound('没有找到该条目')
  await audit(ctx, `phrase:${saved.id}`, { scene: saved.scene, situation: saved.situation, created: !input.id })
  return saved
}

import type { z } from 'zod'
import {
  THEME_IDS,
  THEME_LABELS,
  type LexiconView,
  type Tagging,
  type analyzeTextInput,
  type removeLexiconEntryInput,
  type saveLexiconEntryInput,
} from '../../../contract'
import { notFound } from '../../core/app-error'
import type { Ctx } from '../../core/context'
import { audit } from '../../core/effects'
import { BUILT_IN_LEXICON } from './builtin-lexicon'
import { tagNow } from './current-lexicon'
import { normalize } from './normalize'

/** What the tagger makes of any text, with the hospital's lexicon as it is now: the 试一试 box. */
export async function analyzeText(ctx: Ctx, input: z.output<typeof analyzeTextInput>): Promise<Tagging> {
  const { tagging } = await tagNow(ctx.repos.voice, input.text, input.visitType ?? null)
  return tagging
}

export async function lexicon(ctx: Ctx): Promise<LexiconView> {
  return {
    builtIn: BUILT_IN_LEXICON.length,
    custom: await ctx.repos.voice.customLexicon(),
    themes: THEME_IDS.map((id) => ({ id, label: THEME_LABELS[id] })),
  }
}

export async function saveLexiconEntry(ctx: Ctx, input: z.output<typeof saveLexiconEntryInput>): Promise<LexiconView> {
  // Stored as the tagger reads it, so 態度 typed by an admin is the same phrase as 态度.
  const entry = { ...input, phrase: normalize(input.phrase), enabled: input.enabled ?? true }
  await ctx.repos.voice.saveLexiconEntry(entry, ctx.now)
  await audit(ctx, entry.phrase, { kind: entry.kind, theme: entry.theme, weight: entry.weight, enabled: entry.enabled })
  return lexicon(ctx)
}

export async function removeLexiconEntry(
  ctx: Ctx,
  input: z.output<typeof removeLexiconEntryInput>,
): Promise<LexiconView> {
  const phrase = normalize(input.phrase)
  if (!(await ctx.repos.voice.removeLexiconEntry(phrase))) throw notFound('词典里没有这个词语')
  await audit(ctx, phrase)
  return lexicon(ctx)
}

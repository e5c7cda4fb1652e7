import type { z } from 'zod'
import {
  MIN_THEME_COMMENTS,
  THEME_IDS,
  THEME_LABELS,
  type HeatView,
  type LexiconView,
  type TaggedComment,
  type Tagging,
  type analyzeTextInput,
  type heatCommentsInput,
  type heatInput,
  type tagsOfInput,
  type topThemesInput,
  type TopThemes,
  type removeLexiconEntryInput,
  type saveLexiconEntryInput,
} from '../../../contract'
import { forbidden, notFound } from '../../core/app-error'
import type { Ctx } from '../../core/context'
import { audit } from '../../core/effects'
import { forgetLexicon, tagNow } from './current-lexicon'
import { heatOf, mentions, topThemesOf } from './heat'
import { shiftMonth } from '../../../contract/month'
import { textKey } from './repo'
import { normalize } from './normalize'

/** What the tagger makes of any text, with the hospital's lexicon as it is now: the 试一试 box. */
export async function analyzeText(ctx: Ctx, input: z.output<typeof analyzeTextInput>): Promise<Tagging> {
  const { tagging } = await tagNow(ctx.repos.voice, input.text, input.visitType ?? null, { fresh: true })
  return tagging
}

export async function lexicon(ctx: Ctx): Promise<LexiconView> {
  return {
    builtIn: (await ctx.repos.voice.seededLexicon()).length,
    custom: await ctx.repos.voice.customLexicon(),
    themes: THEME_IDS.map((id) => ({ id, label: THEME_LABELS[id] })),
  }
}

export async function saveLexiconEntry(ctx: Ctx, input: z.output<typeof saveLexiconEntryInput>): Promise<LexiconView> {
  // Stored as the tagger reads it, so 態度 typed by an admin is the same phrase as 态度.
  const entry = { ...input, phrase: normalize(input.phrase), enabled: input.enabled ?? true }
  await ctx.repos.voice.saveLexiconEntry(entry, ctx.now)
  forgetLexicon(ctx.repos.voice)
  await audit(ctx, entry.phrase, { kind: entry.kind, theme: entry.theme, weight: entry.weight, enabled: entry.enabled })
  return lexicon(ctx)
}

export async function removeLexiconEntry(
  ctx: Ctx,
  input: z.output<typeof removeLexiconEntryInput>,
): Promise<LexiconView> {
  const phrase = normalize(input.phrase)
  if (!(await ctx.repos.voice.removeLexiconEntry(phrase))) throw notFound('词典里没有这个词语')
  forgetLexicon(ctx.repos.voice)
  await audit(ctx, phrase)
  return lexicon(ctx)
}

function mayReadDepartment(ctx: Ctx, departmentId: string) {
  if (!ctx.caller.roles.includes('admin') && ctx.caller.departmentId !== departmentId) {
    throw forbidden('只能查看本科室的评论')
  }
}

/** The dashboard's top themes of a department-month, with last month's counts and two examples each. */
export async function topThemes(ctx: Ctx, input: z.output<typeof topThemesInput>): Promise<TopThemes> {
  mayReadDepartment(ctx, input.departmentId)
  const previousMonth = shiftMonth(input.month, -1)
  const { voice } = ctx.repos
  // Both months in one query (a round trip each on the cloud database), split here.
  const both = await voice.tagsIn({ from: previousMonth, to: input.month, departmentId: input.departmentId })
  const current = both.filter((tags) => tags.month === input.month)
  const previous = both.filter((tags) => tags.month === previousMonth)
  const top = topThemesOf(current, previous)
  const texts = await voice.textsOf(top?.flatMap((theme) => theme.examples) ?? [])
  return {
    month: input.month,
    previousMonth,
    comments: current.length,
    minComments: MIN_THEME_COMMENTS,
    themes:
      top?.map((theme) => ({ ...theme, examples: theme.examples.map((tags) => texts.get(textKey(tags)) ?? '') })) ??
      null,
  }
}

/** Tags of listed texts: an admin's of any department, a manager's of their own only. */
export async function tagsOf(ctx: Ctx, input: z.output<typeof tagsOfInput>): Promise<Record<string, Tagging>> {
  const stored = await ctx.repos.voice.tagsOf(input.source, input.ids)
  const admin = ctx.caller.roles.includes('admin')
  const visible = [...stored.values()].filter((tags) => admin || tags.departmentId === ctx.caller.departmentId)
  return Object.fromEntries(visible.map((tags) => [tags.sourceId, tags.tagging]))
}

/** 患者声音: every department's themes of a month, for managers and admins alike (counts name nobody). */
export async function heat(ctx: Ctx, input: z.output<typeof heatInput>): Promise<HeatView> {
  const tags = await ctx.repos.voice.tagsIn({ from: input.month, to: input.month, departmentId: null })
  return heatOf(input.month, tags, await ctx.repos.identity.listDepartments())
}

const CELL_COMMENTS = 50
const NEGATIVE_FIRST = { negative: 0, neutral: 1, positive: 2 } as const

/** What a heat cell counts: the texts themselves, for admins and the department's own manager. */
export async function heatComments(ctx: Ctx, input: z.output<typeof heatCommentsInput>): Promise<TaggedComment[]> {
  mayReadDepartment(ctx, input.departmentId)
  const tags = await ctx.repos.voice.tagsIn({ from: input.month, to: input.month, departmentId: input.departmentId })
  if (tags.length < MIN_THEME_COMMENTS) return []
  const chosen = tags
    .filter((tag) => mentions(tag.tagging, input.theme))
    .sort(
      (a, b) =>
        NEGATIVE_FIRST[a.tagging.sentiment] - NEGATIVE_FIRST[b.tagging.sentiment] || a.tagging.score - b.tagging.score,
    )
    .slice(0, CELL_COMMENTS)
  const texts = await ctx.repos.voice.textsOf(chosen)
  return chosen.map((tag) => ({ source: tag.source, text: texts.get(textKey(tag)) ?? '', tagging: tag.tagging }))
}

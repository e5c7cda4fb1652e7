import { z } from 'zod'
import { emptyInput, idSchema, monthSchema, type Endpoint, type VisitType } from './common'

/**
 * What a comment can be about: the questionnaire item ids. The outpatient ids are the default names; an
 * inpatient comment names the same things with its own items (see INPATIENT_THEME_NAMES).
 */
export const THEME_IDS = [
  'registration',
  'waiting',
  'doctorCommunication',
  'nursing',
  'tests',
  'pharmacy',
  'environment',
  'privacy',
  'costTransparency',
  'courtesy',
  'admission',
  'diet',
  'treatmentExplanation',
  'dischargeGuidance',
] as const
export type CanonicalThemeId = (typeof THEME_IDS)[number]

/** The inpatient questionnaire's own item for a theme the outpatient one names differently. */
export const INPATIENT_THEME_NAMES = {
  doctorCommunication: 'doctor',
  nursing: 'nurse',
  environment: 'wardEnvironment',
  pharmacy: 'treatmentExplanation',
} as const satisfies Partial<Record<CanonicalThemeId, string>>

export type ThemeId = CanonicalThemeId | (typeof INPATIENT_THEME_NAMES)[keyof typeof INPATIENT_THEME_NAMES]

export const THEME_LABELS: Record<ThemeId, string> = {
  registration: '挂号便捷',
  waiting: '候诊时间',
  doctorCommunication: '医生沟通与解释',
  nursing: '护士服务',
  tests: '检查检验',
  pharmacy: '取药与用药说明',
  environment: '环境与标识',
  privacy: '隐私保护',
  costTransparency: '费用透明',
  courtesy: '服务礼仪与态度',
  admission: '入院办理',
  diet: '饮食',
  treatmentExplanation: '用药与治疗解释',
  dischargeGuidance: '出院指导',
  doctor: '医生',
  nurse: '护士',
  wardEnvironment: '病房环境与卫生',
}

/** The theme's name for a comment of this visit type; complaints and praise use the outpatient names. */
export function themeName(theme: CanonicalThemeId, visitType: VisitType | null): ThemeId {
  if (visitType !== 'inpatient') return theme
  return (INPATIENT_THEME_NAMES as Partial<Record<CanonicalThemeId, ThemeId>>)[theme] ?? theme
}

/** The theme an item names, whichever questionnaire's name it carries: the boards add them up. */
export function canonicalTheme(id: ThemeId): CanonicalThemeId {
  for (const [canonical, inpatient] of Object.entries(INPATIENT_THEME_NAMES)) {
    if (inpatient === id && canonical !== 'pharmacy') return canonical as CanonicalThemeId
  }
  return id as CanonicalThemeId
}

export const POLARITIES = ['positive', 'neutral', 'negative'] as const
export type Polarity = (typeof POLARITIES)[number]
export const POLARITY_LABELS: Record<Polarity, string> = { positive: '正面', neutral: '中性', negative: '负面' }

export interface ThemeTag {
  id: ThemeId
  polarity: Polarity
  /** The phrases of the text that made this tag, as written. */
  matched: string[]
}

/** Everything the tagger says about one text, each part explained by the phrases it matched. */
export interface Tagging {
  sentiment: Polarity
  /** −1 (all negative) … 1 (all positive). */
  score: number
  themes: ThemeTag[]
}

/** The longest text anyone may try: a survey comment or a complaint is shorter. */
export const ANALYZE_TEXT_MAX = 2000

export const analyzeTextInput = z.object({
  text: z.string().max(ANALYZE_TEXT_MAX, `文本不超过${ANALYZE_TEXT_MAX}字`),
  visitType: z.enum(['outpatient', 'inpatient']).optional(),
})

// The lexicon

/**
 * `term`: a phrase that names a theme, carries a feeling (weight −1..1), or both.
 * `negator` flips the next feeling, `degree` scales it (weight is the factor), `contrast` (但是) makes the
 * clause after it weigh more, `concession` (虽然) makes its own clause weigh less, `suggestion` (建议) keeps
 * a theme without a feeling as neutral.
 */
export const LEXICON_KINDS = ['term', 'negator', 'degree', 'contrast', 'concession', 'suggestion'] as const
export type LexiconKind = (typeof LEXICON_KINDS)[number]
export const LEXICON_KIND_LABELS: Record<LexiconKind, string> = {
  term: '词语',
  negator: '否定词',
  degree: '程度词',
  contrast: '转折词',
  concession: '让步词',
  suggestion: '建议词',
}

export interface LexiconEntry {
  phrase: string
  kind: LexiconKind
  theme: CanonicalThemeId | null
  weight: number
}

/** An entry the hospital added or changed on the lexicon page, on top of the built-in lexicon. */
export interface CustomLexiconEntry extends LexiconEntry {
  /** `false` switches a built-in phrase off. */
  enabled: boolean
  /** Who changed it is in the audit log: the lexicon itself names nobody. */
  updatedAt: string
}

export interface LexiconView {
  /** How many phrases the database was seeded with (the built-in lexicon). */
  builtIn: number
  custom: CustomLexiconEntry[]
  themes: { id: CanonicalThemeId; label: string }[]
}

export const lexiconPhraseSchema = z
  .string()
  .trim()
  .min(1, '请填写词语')
  .max(20, '词语不超过20字')
  .refine((text) => !/[，。！？；,.!?;\s]/.test(text), '词语不能含标点或空格')

export const saveLexiconEntryInput = z
  .object({
    phrase: lexiconPhraseSchema,
    kind: z.enum(LEXICON_KINDS, '请选择类型'),
    theme: z.enum(THEME_IDS, '主题不正确').nullable(),
    weight: z.number('请填写权重').min(-1, '权重在 −1 到 3 之间').max(3, '权重在 −1 到 3 之间'),
    enabled: z.boolean().optional(),
  })
  .superRefine((entry, issue) => {
    if (entry.kind === 'degree' && entry.weight <= 0) {
      issue.addIssue({ code: 'custom', message: '程度词的倍数应大于0', path: ['weight'] })
    }
    if (entry.kind !== 'degree' && entry.weight > 1) {
      issue.addIssue({ code: 'custom', message: '情感权重在 −1 到 1 之间', path: ['weight'] })
    }
    if (entry.kind === 'term' && entry.theme === null && entry.weight === 0) {
      issue.addIssue({ code: 'custom', message: '词语至少要有主题或情感权重', path: ['theme'] })
    }
  })

export const removeLexiconEntryInput = z.object({ phrase: lexiconPhraseSchema })

// 患者声音: themes by department and month

/** Below this many tagged comments a department-month shows counts only, no theme breakdown. */
export const MIN_THEME_COMMENTS = 5

export const TAGGED_SOURCES = ['survey', 'complaint', 'praise'] as const
export type TaggedSource = (typeof TAGGED_SOURCES)[number]
export const TAGGED_SOURCE_LABELS: Record<TaggedSource, string> = {
  survey: '满意度评论',
  complaint: '投诉',
  praise: '表扬',
}

export const heatInput = z.object({ month: monthSchema })

export interface HeatCell {
  theme: CanonicalThemeId
  negative: number
  positive: number
  mentions: number
}

export interface HeatRow {
  departmentId: string
  departmentName: string
  /** Tagged comments, complaints and praise of the month: always shown. */
  comments: number
  /** `null` below MIN_THEME_COMMENTS: 样本不足. */
  cells: HeatCell[] | null
}

export interface HeatView {
  month: string
  minComments: number
  /** The themes with any mention this month, most negative mentions first. */
  themes: { id: CanonicalThemeId; label: string; negative: number }[]
  departments: HeatRow[]
}

export const heatCommentsInput = z.object({
  month: monthSchema,
  departmentId: idSchema,
  theme: z.enum(THEME_IDS, '主题不正确'),
})

export interface TaggedComment {
  source: TaggedSource
  text: string
  tagging: Tagging
}

/** A department-month's most criticised themes, for the dashboard. */
export const topThemesInput = z.object({ departmentId: idSchema, month: monthSchema })

export interface TopTheme {
  id: CanonicalThemeId
  label: string
  negative: number
  mentions: number
  /** Negative mentions the month before: the trend. */
  previousNegative: number
  /** Two of the month's texts that criticise it, most negative first. */
  examples: string[]
}

export interface TopThemes {
  month: string
  previousMonth: string
  comments: number
  minComments: number
  /** `null` below MIN_THEME_COMMENTS tagged texts: counts only. */
  themes: TopTheme[] | null
}

/** The tags of texts a page lists (the complaint queue): by id, a text without tags absent. */
export const tagsOfInput = z.object({
  source: z.enum(TAGGED_SOURCES),
  ids: z.array(z.string().max(40)).max(200, '一次最多200条'),
})

export interface VoiceApi {
  tagsOf: Endpoint<z.input<typeof tagsOfInput>, Record<string, Tagging>>
  topThemes: Endpoint<z.input<typeof topThemesInput>, TopThemes>
  heat: Endpoint<z.input<typeof heatInput>, HeatView>
  heatComments: Endpoint<z.input<typeof heatCommentsInput>, TaggedComment[]>
  lexicon: Endpoint<z.input<typeof emptyInput>, LexiconView>
  saveLexiconEntry: Endpoint<z.input<typeof saveLexiconEntryInput>, LexiconView>
  removeLexiconEntry: Endpoint<z.input<typeof removeLexiconEntryInput>, LexiconView>
}

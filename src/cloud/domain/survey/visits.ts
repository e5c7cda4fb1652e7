import type { z } from 'zod'
import {
  VISIT_TYPE_LABELS,
  type ImportVisitsResult,
  type OpenVisitResult,
  type VisitCode,
  type VisitQr,
  type importVisitsInput,
  type openVisitInput,
  type visitCodeInput,
} from '../../../contract'
import { AppError, conflict, invalid, notFound } from '../../core/app-error'
import type { Ctx } from '../../core/context'
import { parseCsv } from '../../core/csv'
import { audit } from '../../core/effects'
import { chinaDay } from '../../../contract/month'
import { readVisitRow, VISIT_CSV_HEADER } from './csv-import'
import { refuseWhileGuessing, refuseWrongCode } from './code-guard'
import type { NewVisit, QuestionnaireRecord, SurveyRepo, VisitLookup, VisitRecord, VisitRow } from './repo'
import { issueVisitCode, newShortCode, readVisitCode, sceneOf, shortCodeExpiry } from './visit-code'

/** The page a slip's code opens, in both builds. */
export const RATE_PAGE = 'pages/survey/rate/index'

/** A fresh short code drawn twice in a row for the same import is ~10^-9; three rounds is plenty. */
const SHORT_CODE_ROUNDS = 3

type CodedVisit = Pick<VisitRecord, 'id' | 'shortCode' | 'visitDate' | 'departmentName' | 'type'>

function codesOf(ctx: Ctx, visit: CodedVisit): VisitCode {
  const long = issueVisitCode(ctx.secrets.visitCode, visit.id, ctx.now)
  return {
    visitId: visit.id,
    code: long.code,
    scene: sceneOf(ctx.secrets.visitCode, visit.shortCode),
    shortCode: visit.shortCode,
    expiresAt: shortCodeExpiry(visit.visitDate).toISOString(),
    departmentName: visit.departmentName,
    visitType: visit.type,
    visitDate: visit.visitDate,
  }
}

/** Inserts the new visits, drawing fresh short codes for any that collided with a code already issued. */
async function insertWithShortCodes(
  ctx: Ctx,
  visits: VisitRow[],
  departmentNames: Map<string, string>,
): Promise<NewVisit[]> {
  const added: NewVisit[] = []
  let pending = visits
  for (let round = 0; round < SHORT_CODE_ROUNDS && pending.length > 0; round++) {
    const drawn = pending.map((v) => ({
      ...v,
      shortCode: newShortCode(),
      departmentName: departmentNames.get(v.departmentId) ?? '',
    }))
    const result = await ctx.repos.survey.insertVisits(drawn, ctx.now)
    const [isAdded, isTaken] = [new Set(result.added), new Set(result.codeTaken)]
    added.push(...drawn.filter((v) => isAdded.has(v.id)))
    pending = pending.filter((v) => isTaken.has(v.id))
  }
  if (pending.length > 0) throw new Error(`no free short code for ${pending.length} visits`)
  return added
}

export async function importVisits(ctx: Ctx, input: z.output<typeof importVisitsInput>): Promise<ImportVisitsResult> {
  const [header, ...rows] = parseCsv(input.csv)
  const headerText = header?.cells.map((c) => c.trim().toLowerCase()).join(',')
  if (headerText !== VISIT_CSV_HEADER.join(',')) {
    throw invalid(`第1行应为表头：${VISIT_CSV_HEADER.join(',')}`, [{ path: 'csv', message: '表头不正确' }])
  }
  const departmentList = await ctx.repos.identity.listDepartments()
  const departments = new Map(departmentList.map((d) => [d.name, d.id]))
  const departmentNames = new Map(departmentList.map((d) => [d.id, d.name]))
  const today = chinaDay(ctx.now)
  const errors: ImportVisitsResult['errors'] = []
  const visits = new Map<string, VisitRow>()
  let repeatedInFile = 0
  for (const row of rows) {
    const read = readVisitRow(row.cells, departments, today)
    if (!read.ok) errors.push({ line: row.line, message: read.message })
    else if (visits.has(read.visit.id)) repeatedInFile++
    else visits.set(read.visit.id, read.visit)
  }
  const added = visits.size > 0 ? await insertWithShortCodes(ctx, [...visits.values()], departmentNames) : []
  await audit(ctx, 'survey:visits', { added: added.length, errors: errors.length })
  return {
    added: added.length,
    skipped: visits.size - added.length + repeatedInFile,
    errors,
    codes: added.map((v) => codesOf(ctx, v)),
  }
}

async function visitOf(ctx: Ctx, visitId: string): Promise<VisitRecord> {
  const visit = await ctx.repos.survey.findVisit(visitId)
  if (!visit) throw notFound('没有这个就诊号')
  return visit
}

export async function visitCode(ctx: Ctx, input: z.output<typeof visitCodeInput>): Promise<VisitCode> {
  return codesOf(ctx, await visitOf(ctx, input.visitId))
}

/** The slip's QR: a mini-program code in WeChat, an ordinary QR of the H5 link on the local host. */
export async function visitQr(ctx: Ctx, input: z.output<typeof visitCodeInput>): Promise<VisitQr> {
  const visit = await visitOf(ctx, input.visitId)
  const scene = sceneOf(ctx.secrets.visitCode, visit.shortCode)
  return { visitId: visit.id, ...(await ctx.pageCodes.forPage(RATE_PAGE, scene)) }
}

const expired = () => new AppError('EXPIRED', '评价码已过期（就诊后30天内有效），感谢您的关注')

/**
 * The visit behind a code in any form, or the refusal a patient should see. `lookup.answered: false`
 * leaves an answered visit to the caller's own check.
 */
export async function visitOfCode(ctx: Ctx, code: string, lookup?: VisitLookup): Promise<VisitRecord> {
  await refuseWhileGuessing(ctx)
  const read = readVisitCode(ctx.secrets.visitCode, code, ctx.now)
  if (read.form === 'expired') throw expired()
  const visit =
    read.form === 'long'
      ? await ctx.repos.survey.findVisit(read.visitId, lookup)
      : read.form === 'short'
        ? await ctx.repos.survey.findVisitByShortCode(read.shortCode, lookup)
        : null
  if (!visit) return refuseWrongCode(ctx)
  if (read.form === 'short' && ctx.now > shortCodeExpiry(visit.visitDate)) throw expired()
  if (visit.answered) throw conflict('本次就诊已评价，感谢您的反馈')
  return visit
}

/**
 * Questionnaire versions read in this instance, per repository (one per database), by visit type and
 * version. A version never changes once defined (a change is a new version, see the migrations), so
 * an answer naming the version it was shown needs no read once that version has been read here.
 */
const questionnaireVersions = new WeakMap<SurveyRepo, Map<string, QuestionnaireRecord>>()

/** The version the patient was shown, where it exists; otherwise the active one. */
export async function questionnaireFor(ctx: Ctx, visit: VisitRecord, version?: number): Promise<QuestionnaireRecord> {
  const repo = ctx.repos.survey
  const known = questionnaireVersions.get(repo) ?? questionnaireVersions.set(repo, new Map()).get(repo)!
  const keyOf = (v: number) => `${visit.type}@${v}`
  const shown =
    version === undefined ? null : (known.get(keyOf(version)) ?? (await repo.findQuestionnaire(visit.type, version)))
  const questionnaire = shown ?? (await repo.activeQuestionnaire(visit.type))
  if (!questionnaire) throw notFound(`暂无${VISIT_TYPE_LABELS[visit.type]}问卷`)
  known.set(keyOf(questionnaire.version), questionnaire)
  return structuredClone(questionnaire)
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

import type { z } from 'zod'
import { OVERALL_ITEM, type FieldError, type SubmitResult, type submitInput } from '../../../contract'
import { conflict, invalid } from '../../core/app-error'
import type { Ctx } from '../../core/context'
import { limitRate, notify } from '../../core/effects'
import { chinaDay } from '../../../contract/month'
import { responsibleFor } from '../identity/responsible'
import { tagNow } from '../voice/current-lexicon'
import type { QuestionnaireRecord } from './repo'
import { questionnaireFor, visitOfCode } from './visits'

const SUBMITS_PER_WINDOW = 10
const SUBMIT_WINDOW_SECONDS = 600

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

/**
 * Stores an anonymous answer. It counts towards its visit's month, so that a late answer can never
 * push a month's response rate past 100%, and keeps only the day it was given. A call-back number
 * is kept only where it can be used: on a low score's alert, with the patient's consent.
 */
export async function submit(ctx: Ctx, input: z.output<typeof submitInput>): Promise<SubmitResult> {
  await limitRate(ctx, 'survey.submit', SUBMITS_PER_WINDOW, SUBMIT_WINDOW_SECONDS)
  // Whether the visit was answered is left to the answer's transaction, which refuses a second answer
  // anyway (with the same message): on the cloud that is one read fewer.
  const visit = await visitOfCode(ctx, input.code, { answered: false })
  const questionnaire = await questionnaireFor(ctx, visit, input.version)
  const errors = answerErrors(questionnaire, input.answers)
  if (errors.length > 0) throw invalid('还有题目没有作答或选择有误，请检查标红的项目', errors)
  const lowScore = isLowScore(input.answers)
  const month = visit.visitDate.slice(0, 7)
  const voiceTags = input.comment ? await tagNow(ctx.repos.voice, input.comment, visit.type) : null
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
    contactPhone: lowScore && input.contact ? input.contact.phone : null,
    day: chinaDay(ctx.now),
    voiceTags,
    departmentName: visit.departmentName,
    itemLabels: Object.fromEntries(questionnaire.items.map((item) => [item.id, item.label])),
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

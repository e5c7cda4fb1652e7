import type { StaffQuestionnaire } from '../../../contract'
import type { FieldError } from '../../../contract'

/**
 * The staff questionnaire, after the national staff-satisfaction dimensions. Each is a 5-point item;
 * 不适用 where a dimension may not reach a person (trainees paid elsewhere, staff near retirement).
 * A new version is a new constant: every answer records the version it answered.
 */
export const STAFF_QUESTIONNAIRE: StaffQuestionnaire = {
  id: 'staff',
  version: 1,
  items: [
    { id: 'workEnvironment', label: '工作内容与环境', allowNA: false },
    { id: 'payBenefits', label: '薪酬福利', allowNA: true },
    { id: 'careerTraining', label: '职业发展与培训', allowNA: true },
    { id: 'management', label: '管理与沟通', allowNA: false },
    { id: 'workload', label: '工作负荷', allowNA: false },
    { id: 'overall', label: '总体满意度', allowNA: false },
  ],
}

export const STAFF_OVERALL_ITEM = 'overall'

export type StaffAnswers = Record<string, number | null>

/** Every item answered, 不适用 only where allowed, nothing the questionnaire does not ask. */
export function answerErrors(answers: StaffAnswers): FieldError[] {
  const known = new Set(STAFF_QUESTIONNAIRE.items.map((item) => item.id))
  const errors: FieldError[] = Object.keys(answers)
    .filter((id) => !known.has(id))
    .map((id) => ({ path: `answers.${id}`, message: '问卷中没有这一项' }))
  for (const item of STAFF_QUESTIONNAIRE.items) {
    const value = answers[item.id]
    if (value === undefined) errors.push({ path: `answers.${item.id}`, message: `请为“${item.label}”打分` })
    else if (value === null && !item.allowNA) {
      errors.push({ path: `answers.${item.id}`, message: `“${item.label}”不能选择不适用` })
    }
  }
  return errors
}

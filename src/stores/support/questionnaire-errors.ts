import type { FieldError } from '../../contract'

export const INCOMPLETE = '还有题目没有作答，请检查标红的项目'

/**
 * Every question a questionnaire still waits for, by the paths the server names them with, so a
 * blank form is marked in full before anything is sent, and each mark goes as its question is answered.
 */
export function unansweredFields(
  items: readonly { id: string; label: string }[],
  answers: Record<string, number | null>,
  recommend: number | null,
  recommendMessage: string,
): FieldError[] {
  const unanswered = items
    .filter((item) => !(item.id in answers))
    .map((item) => ({ path: `answers.${item.id}`, message: `请为“${item.label}”打分` }))
  return recommend === null ? [...unanswered, { path: 'recommend', message: recommendMessage }] : unanswered
}

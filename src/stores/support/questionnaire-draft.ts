import { makeAutoObservable } from 'mobx'
import { INCOMPLETE, unansweredFields } from './questionnaire-errors'
import type { Submission } from './submission'

/** What every questionnaire asks: a score per item (`null` is 不适用), 0–10 recommendation, a comment. */
export interface QuestionnaireAnswers {
  answers: Record<string, number | null>
  recommend: number | null
  comment: string
}

interface Question {
  id: string
  label: string
}

/**
 * The draft edits the patient's 满意度评价 and the staff's 职工满意度调查 share: each answer clears
 * its own mark, and a blank form is marked in full before anything is sent. A small class the two
 * stores hold, rather than a base class, so each keeps its own extra fields, opening and submit.
 * The store owns the questionnaire and its current Submission; the draft reads both through getters
 * because the store replaces them when another visit or campaign opens.
 */
export class QuestionnaireDraft<Values extends QuestionnaireAnswers> {
  values: Values

  constructor(
    private readonly blank: () => Values,
    private readonly questions: () => readonly Question[],
    private readonly submission: () => Submission<unknown>,
    /** The recommend question's mark, worded for who is asked (患者 or 职工). */
    private readonly recommendMessage: string,
  ) {
    this.values = blank()
    makeAutoObservable<QuestionnaireDraft<Values>, 'blank' | 'questions' | 'submission' | 'recommendMessage'>(this, {
      blank: false,
      questions: false,
      submission: false,
      recommendMessage: false,
    })
  }

  get answeredCount(): number {
    return this.questions().filter((item) => item.id in this.values.answers).length
  }

  /** Item errors name the item by id, whether the form or the server found them. */
  itemError(itemId: string): string | undefined {
    return this.submission().fieldError(`answers.${itemId}`)
  }

  get recommendError(): string | undefined {
    return this.submission().fieldError('recommend')
  }

  answer(itemId: string, score: number | null) {
    this.values.answers[itemId] = score
    this.submission().clear(`answers.${itemId}`)
  }

  setRecommend(score: number) {
    this.values.recommend = score
    this.submission().clear('recommend')
  }

  setComment(text: string) {
    this.values.comment = text
    this.submission().clear('comment')
  }

  /** Marks every question still unanswered; true when there was none, so the form may be sent. */
  markUnanswered(): boolean {
    const missing = unansweredFields(
      this.questions(),
      this.values.answers,
      this.values.recommend,
      this.recommendMessage,
    )
    if (missing.length > 0) this.submission().refuse(INCOMPLETE, missing)
    return missing.length === 0
  }

  /** A fresh draft, or the one kept on the device for this questionnaire. */
  reset(values: Values = this.blank()) {
    this.values = values
  }

  /** A plain copy to keep on the device. */
  snapshot(): Values {
    return { ...this.values, answers: { ...this.values.answers } }
  }
}

import type {
  AlertFilter,
  AlertView,
  FollowUpAction,
  Improvement,
  Questionnaire,
  Tagging,
  ThemeTag,
  VisitType,
  VisitView,
} from '../../../contract'

/** A visit as the hospital's system exports it. */
export interface VisitRow {
  id: string
  type: VisitType
  departmentId: string
  visitDate: string
  doctor: string | null
}

export interface NewVisit extends VisitRow {
  shortCode: string
  /** Kept on the visit where the store cannot join (the cloud): a patient's code then reads one document. */
  departmentName: string
}

export interface VisitRecord extends VisitView {
  id: string
  shortCode: string
  /** `null` where the caller asked not to look (an answer's own transaction refuses a second one). */
  answered: boolean | null
}

/** Whether to look up if the visit has been answered: a store that must read another document for it may skip. */
export interface VisitLookup {
  answered: boolean
}

/** Visits whose id was new, and those left out only because another visit already has their short code. */
export interface InsertedVisits {
  added: string[]
  codeTaken: string[]
}

export interface QuestionnaireRecord extends Questionnaire {
  visitType: VisitType
}

export interface NewResponse {
  visitId: string
  departmentId: string
  visitType: VisitType
  month: string
  questionnaireId: string
  questionnaireVersion: number
  answers: Record<string, number | null>
  overall: number | null
  recommend: number
  comment: string | null
  /** A staff member the patient wants to praise, by name. */
  praiseStaff: string | null
  lowScore: boolean
  /** Kept on the alert only, and only with the patient's consent. */
  contactPhone: string | null
  /** China day: survey-side rows keep nothing finer. */
  day: string
  /** The comment's theme and sentiment tags, stored with the response (voice). */
  voiceTags?: { tagging: Tagging; version: number } | null
  /** Kept on a low score's alert where the store cannot join (the cloud): the alert list reads nothing else. */
  departmentName: string
  /** The labels of the questionnaire answered, item id -> label; on the alert like the department's name. */
  itemLabels: Record<string, string>
}

/** Counts of one item of one visit type's questionnaire in one department-month: index 0..4 are scores 1..5. */
export interface ItemCounts {
  departmentId: string
  month: string
  visitType: VisitType
  itemId: string
  scores: [number, number, number, number, number]
  notApplicable: number
}

/** Per visit type, item id -> label, in questionnaire order. */
export type ItemLabels = Record<VisitType, Record<string, string>>

export interface MonthCounts {
  responses: number
  recommendSum: number
  promoters: number
  detractors: number
}

/** An alert as stored; labels and `overdue` are the handler's business. */
export type AlertRecord = Omit<AlertView, 'overdue' | 'lowItems' | 'actions'> & {
  answers: Record<string, number | null>
  /** The labels of the questionnaire the answer was given on, item id -> label. */
  itemLabels: Record<string, string>
  /**
   * The comment's themes as tagged when the answer was stored, and the lexicon version they were tagged
   * with; absent where the store keeps none (then they are tagged when read).
   */
  tagged?: { themes: ThemeTag[]; version: number }
}

export interface NewImprovement {
  departmentId: string
  /** Kept on the improvement where the store cannot join (the cloud): the board then reads no department. */
  departmentName: string
  said: string
  did: string
  authorId: string
  publishedOn: string
  /** Orders improvements published the same day; not shown. */
  at: Date
}

export interface AlertEventInput {
  kind: 'followUp' | 'close'
  action: FollowUpAction | null
  note: string
  actorId: string
  actorName: string
  at: Date
}

export interface SurveyRepo {
  /** Adds the visits whose ids are new, unless their short code is taken. */
  insertVisits(visits: NewVisit[], at: Date): Promise<InsertedVisits>
  findVisit(id: string, lookup?: VisitLookup): Promise<VisitRecord | null>
  findVisitByShortCode(shortCode: string, lookup?: VisitLookup): Promise<VisitRecord | null>
  activeQuestionnaire(visitType: VisitType): Promise<QuestionnaireRecord | null>
  findQuestionnaire(visitType: VisitType, version: number): Promise<QuestionnaireRecord | null>
  /** Per visit type, item id -> label in the active questionnaire's order, then items only retired versions asked. */
  itemLabels(): Promise<ItemLabels>
  /**
   * Stores the response, marks the visit answered, updates the counters, the alert and the staff
   * mention in one transaction. `answered` when the visit already has a response.
   */
  submitResponse(response: NewResponse): Promise<'answered' | { alertId: string | null }>
  /** Counters of one item for every department, months from..to inclusive. */
  itemCountsAll(itemId: string, from: string, to: string): Promise<ItemCounts[]>
  itemCounts(departmentId: string, from: string, to: string): Promise<ItemCounts[]>
  /** Totals of the months from..to inclusive, per visit type (zeros where none). */
  monthCounts(departmentId: string, from: string, to: string): Promise<Record<VisitType, MonthCounts>>
  /**
   * Folds the counts answers left pending into the counters (the timer's sweep); returns how many
   * answers it folded. Reads count pending answers too, so this keeps reads small, not correct.
   */
  rollUpCounters(): Promise<number>
  /**
   * A value that changes whenever the board's inputs do (the counters, departments, improvements), so
   * a board built at one value can be served again while it stands; `null` where the adapter keeps
   * none, and then every board is built afresh.
   */
  boardVersion(): Promise<string | null>
  visitCount(departmentId: string, fromDate: string, toDate: string): Promise<number>
  /** Newest day first; the survey keeps the day only, so within a day the order is the store's own. */
  recentComments(
    departmentId: string,
    from: string,
    to: string,
    limit: number,
  ): Promise<{ month: string; visitType: VisitType; overall: number | null; comment: string }[]>
  /** `overdueBefore` is a China day: an open alert created before it is overdue. */
  listAlerts(departmentId: string | null, filter: AlertFilter, overdueBefore: string): Promise<AlertRecord[]>
  findAlert(id: string): Promise<AlertRecord | null>
  /** Appends to the history of an open alert; a close also closes it. `false` when it is not open. */
  recordAlertEvent(alertId: string, event: AlertEventInput): Promise<boolean>
  /** Blanks the call-back numbers of alerts closed before `closedBefore`; returns how many. */
  eraseContacts(closedBefore: Date): Promise<number>
  addImprovement(improvement: NewImprovement): Promise<Improvement>
  /** Newest first. */
  listImprovements(limit: number): Promise<Improvement[]>
}

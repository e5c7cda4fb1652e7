import type { StaffAnswers } from './questionnaire'

export interface CampaignFields {
  title: string
  opensOn: string
  closesOn: string
  questionnaireVersion: number
}

export interface CampaignRecord extends CampaignFields {
  id: string
  /** Staff invited per department (`''`: no department), frozen when the campaign was created. */
  invited: Record<string, number>
}

/** One anonymous answer: its department and the day, never a person or a time. */
export interface StaffAnswer {
  campaignId: string
  departmentId: string | null
  questionnaireVersion: number
  answers: StaffAnswers
  recommend: number
  comment: string | null
  submittedOn: string
}

/** Counts of one item: `[n1, n2, n3, n4, n5, 不适用]`. */
export type ItemCounts = [number, number, number, number, number, number]

/** The answers of one campaign and department, added up; comments in no particular order. */
export interface Tally {
  campaignId: string
  departmentId: string | null
  responses: number
  recommendSum: number
  items: Record<string, ItemCounts>
  comments: string[]
}

export interface StaffSurveyRepo {
  /** The campaign with its invited counts, and who was invited (approved staff at this moment). */
  createCampaign(
    fields: CampaignFields,
    createdBy: string,
    at: Date,
  ): Promise<{ campaign: CampaignRecord; invitees: string[] }>
  /** Newest first. */
  listCampaigns(): Promise<CampaignRecord[]>
  findCampaign(id: string): Promise<CampaignRecord | null>
  /** Answers per campaign. */
  responseCounts(campaignIds: string[]): Promise<Map<string, number>>
  /** The campaigns among these that the person has answered. */
  answeredBy(userId: string, campaignIds: string[]): Promise<Set<string>>
  /**
   * Marks the person as having answered, atomically: `false` when they already had. A write of its
   * own, never in the transaction that stores the answer.
   */
  markAnswered(campaignId: string, userId: string): Promise<boolean>
  /** Takes the mark back when the answer could not be stored, so the person can try again. */
  unmarkAnswered(campaignId: string, userId: string): Promise<void>
  addAnswer(answer: StaffAnswer): Promise<void>
  /**
   * Folds counts that answers left pending into their campaign-department's counts; how many answers
   * it folded. The timer runs it; a database that counts in the answer's own write has nothing to do.
   */
  rollUpCounts(): Promise<number>
  /** Per campaign and department, counting these items; of one department or (null) all. */
  tallies(campaignIds: string[], departmentId: string | null, itemIds: string[]): Promise<Tally[]>
}

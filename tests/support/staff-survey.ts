import { chinaDay, DAY_MS } from '../../src/contract/month'

/** A campaign open from today (the real clock) for a week. */
export const staffCampaignInput = (title = '职工满意度调查', from = new Date()) => ({
  title,
  opensOn: chinaDay(from),
  closesOn: chinaDay(new Date(from.getTime() + 7 * DAY_MS)),
})

/** A complete, valid answer: every item `score`, 不适用 on pay where asked. */
export const staffAnswersFor = (
  campaignId: string,
  score = 4,
  options: { comment?: string; payNA?: boolean } = {},
) => ({
  campaignId,
  answers: {
    workEnvironment: score,
    payBenefits: options.payNA ? null : score,
    careerTraining: score,
    management: score,
    workload: score,
    overall: score,
  },
  recommend: 8,
  ...(options.comment ? { comment: options.comment } : {}),
})

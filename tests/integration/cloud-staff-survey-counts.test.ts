import { randomUUID } from 'node:crypto'
import type { CampaignView, StaffResults } from '../../src/contract'
import type { StaffAnswer } from '../../src/cloud/domain/staff-survey/repo'
import type { CampaignDoc, StaffAnswerDoc } from '../../src/cloud/storage/cloudbase/staff-survey-repo'
import { C } from '../../src/cloud/storage/cloudbase/schema'
import { openCloudActions, type CloudActions } from '../support/cloud-actions'
import { staffAnswersFor, staffCampaignInput } from '../support/staff-survey'
import { dataOf, type SignedIn } from '../support/test-host'

const ANSWERS = 500

/** `ANSWERS` answers over the departments (scores 1..5 in turn, one in ten with a comment). */
const answersOf = (campaignId: string, departments: string[]): StaffAnswer[] =>
  Array.from({ length: ANSWERS }, (_, i) => {
    const { answers, recommend } = staffAnswersFor(campaignId, (i % 5) + 1, { payNA: i % 7 === 0 })
    return {
      campaignId,
      departmentId: departments[i % departments.length],
      questionnaireVersion: 1,
      answers,
      recommend: (recommend + i) % 11,
      comment: i % 10 === 0 ? `意见${i}` : null,
      submittedOn: '2026-06-10',
    }
  })

async function hospital(): Promise<{ cloud: CloudActions; admin: SignedIn; departments: string[] }> {
  const cloud = await openCloudActions()
  const departments = [(await cloud.fixtures.department()).id, (await cloud.fixtures.department()).id]
  for (const [i, departmentId] of departments.entries()) await cloud.signIn('staff', `counts-staff-${i}`, departmentId)
  return { cloud, admin: await cloud.signIn('admin', 'counts-admin'), departments }
}

/** What the results action costs: round trips and milliseconds on the stand-in. */
async function resultsOf(cloud: CloudActions, admin: SignedIn, campaignId: string) {
  let results: StaffResults | undefined
  const started = performance.now()
  const cost = await cloud.measure(async () => {
    results = dataOf(await admin.call<StaffResults>('staffSurvey', 'results', { campaignId }))
  })
  return { results: results as StaffResults, roundTrips: cost.roundTrips, ms: performance.now() - started }
}

/**
 * The admin's results of a campaign of 500 answers read the counts the answers keep (one query for the
 * counters and pending counts), where a campaign an earlier version stored still adds up every answer.
 * Both figures come from this run; the two must agree.
 */
test('results read the kept counts, agree with a campaign counted from its answers, before and after the fold', async () => {
  // Before: a campaign as an earlier version stored it, without kept counts.
  const before = await hospital()
  const created = dataOf(await before.admin.call<CampaignView>('staffSurvey', 'createCampaign', staffCampaignInput()))
  const campaigns = before.cloud.db.collection<CampaignDoc>(C.staffSurveyCampaigns)
  const stored = before.cloud.db
    .documents(C.staffSurveyCampaigns)
    .find((doc) => doc._id === created.id) as unknown as CampaignDoc
  const legacyId = randomUUID()
  const { _id: _, countsKept: __, ...legacy } = stored
  await campaigns.add({ data: { ...legacy, _id: legacyId, title: '旧版调查' } })
  for (const answer of answersOf(legacyId, before.departments)) {
    await before.cloud.db
      .collection<StaffAnswerDoc>(C.staffSurveyAnswers)
      .add({ data: { _id: randomUUID(), ...answer } })
  }
  await before.cloud.db.collection<CampaignDoc>(C.staffSurveyCampaigns).doc(created.id).remove()
  const counted = await resultsOf(before.cloud, before.admin, legacyId)

  // After: the same answers submitted to a campaign that keeps counts.
  const after = await hospital()
  const campaign = dataOf(await after.admin.call<CampaignView>('staffSurvey', 'createCampaign', staffCampaignInput()))
  for (const answer of answersOf(campaign.id, after.departments)) await after.cloud.repos.staffSurvey.addAnswer(answer)
  const pending = await resultsOf(after.cloud, after.admin, campaign.id)
  expect(await after.cloud.repos.staffSurvey.rollUpCounts()).toBe(ANSWERS)
  const folded = await resultsOf(after.cloud, after.admin, campaign.id)

  const figures = (results: StaffResults) => ({
    responses: results.responses,
    hospital: results.hospital,
    // Each run has its own departments: their cuts compared in one order, without names.
    departments: results.departments
      .map(({ departmentId: _id, departmentName: _name, ...cut }) => JSON.stringify(cut))
      .sort(),
  })
  expect(figures(pending.results)).toEqual(figures(counted.results))
  expect(figures(folded.results)).toEqual(figures(counted.results))
  expect(counted.results.responses).toBe(ANSWERS)
  // No answer's counts stay pending after the fold, and no counter names a person or a time.
  const counts = after.cloud.db.documents(C.staffSurveyCounts)
  expect(counts.filter((doc) => doc.pending)).toEqual([])
  for (const doc of counts) {
    expect(Object.keys(doc).sort()).toEqual(
      ['_id', 'campaignId', 'comments', 'departmentId', 'items', 'recommendSum', 'responses'].sort(),
    )
  }
  console.log(
    `staffSurvey.results at ${ANSWERS} answers: counted from the answers ${counted.roundTrips} round trips ` +
      `${counted.ms.toFixed(1)} ms; kept counts, all pending ${pending.roundTrips} / ${pending.ms.toFixed(1)} ms; ` +
      `folded ${folded.roundTrips} / ${folded.ms.toFixed(1)} ms`,
  )
  expect(folded.roundTrips).toBeLessThanOrEqual(counted.roundTrips)
}, 120_000)

/** A campaign's first morning: every answer at once to one campaign and department, on concurrent transactions. */
test('500 answers at once to one department are all counted, before and after the fold, with no transaction retried', async () => {
  const cloud = await openCloudActions({ concurrent: true })
  const department = await cloud.fixtures.department()
  await cloud.signIn('staff', 'burst-staff', department.id)
  const admin = await cloud.signIn('admin', 'burst-admin')
  const campaign = dataOf(await admin.call<CampaignView>('staffSurvey', 'createCampaign', staffCampaignInput()))
  const answers = answersOf(campaign.id, [department.id])
  const outcomes = await Promise.allSettled(answers.map((answer) => cloud.repos.staffSurvey.addAnswer(answer)))
  expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([])
  expect(cloud.db.conflicts).toBe(0)
  const responses = async () => (await cloud.repos.staffSurvey.responseCounts([campaign.id])).get(campaign.id)
  expect(await responses()).toBe(ANSWERS)
  expect(await cloud.repos.staffSurvey.rollUpCounts()).toBe(ANSWERS)
  expect(await responses()).toBe(ANSWERS)
  const [tally] = await cloud.repos.staffSurvey.tallies([campaign.id], department.id, ['overall'])
  expect(tally.items.overall).toEqual([100, 100, 100, 100, 100, 0])
}, 120_000)

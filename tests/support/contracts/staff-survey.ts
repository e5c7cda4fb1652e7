import { randomUUID } from 'node:crypto'
import { AppError } from '../../../src/cloud/core/app-error'
import type { Ctx } from '../../../src/cloud/core/context'
import { silentLogger } from '../../../src/cloud/core/logger'
import { loadSecrets } from '../../../src/cloud/core/secrets'
import { submit } from '../../../src/cloud/domain/staff-survey/handlers'
import { STAFF_QUESTIONNAIRE } from '../../../src/cloud/domain/staff-survey/questionnaire'
import type { RepoHarness } from '../repo-adapters'
import { staffAnswersFor } from '../staff-survey'

const now = new Date('2026-06-10T02:00:00.000Z')
const ITEM_IDS = STAFF_QUESTIONNAIRE.items.map((item) => item.id)

export function staffSurveyContract(harness: () => RepoHarness): void {
  describe('staff survey', () => {
    const repos = () => harness().repos
    const staffSurvey = () => harness().repos.staffSurvey

    async function staffOf(departmentId: string) {
      const user = await repos().identity.ensureUser(`openid-${randomUUID()}`)
      const entry = await harness().fixtures.rosterEntry(departmentId)
      await repos().identity.requestStaffBinding(user.id, entry.employeeNo, now)
      await repos().identity.decideStaffBinding(user.id, true, randomUUID(), now)
      return user
    }

    /** The domain's submit on this adapter, as the person: the rule under test is the handler's. */
    const ctxOf = (userId: string, departmentId: string): Ctx => ({
      caller: {
        userId,
        openid: `openid-${userId}`,
        name: '',
        roles: ['staff'],
        departmentId,
        sensitiveText: null,
        largeText: false,
      },
      now,
      repos: repos(),
      secrets: loadSecrets({}, false),
      log: silentLogger,
      pageCodes: {
        forPage: () => Promise.reject(new Error('the staff survey makes no page codes')),
      },
      fn: 'staffSurvey',
      action: 'submit',
      anonymous: true,
    })

    async function openCampaign(title = '2026年第二季度职工满意度') {
      const admin = await repos().identity.ensureUser(`openid-${randomUUID()}`)
      return staffSurvey().createCampaign(
        { title, opensOn: '2026-06-01', closesOn: '2026-06-30', questionnaireVersion: 1 },
        admin.id,
        now,
      )
    }

    it('counts the invited per department, and invites every approved staff member', async () => {
      const department = await harness().fixtures.department()
      const people = await Promise.all([staffOf(department.id), staffOf(department.id)])
      const { campaign, invitees } = await openCampaign()
      expect(campaign.invited[department.id]).toBe(2)
      expect(invitees).toEqual(expect.arrayContaining(people.map((p) => p.id)))
      expect(await staffSurvey().findCampaign(campaign.id)).toEqual(campaign)
      expect((await staffSurvey().listCampaigns()).map((c) => c.id)).toContain(campaign.id)
    })

    it('stores one answer per person when twenty submits race, and the rest are CONFLICT', async () => {
      const department = await harness().fixtures.department()
      const person = await staffOf(department.id)
      const { campaign } = await openCampaign()
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          submit(ctxOf(person.id, department.id), staffAnswersFor(campaign.id, (i % 5) + 1)),
        ),
      )
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
      const refusals = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []))
      expect(refusals.every((r) => r instanceof AppError && r.code === 'CONFLICT')).toBe(true)
      expect((await staffSurvey().responseCounts([campaign.id])).get(campaign.id)).toBe(1)
      expect(await staffSurvey().answeredBy(person.id, [campaign.id])).toEqual(new Set([campaign.id]))
      const [tally] = await staffSurvey().tallies([campaign.id], department.id, ITEM_IDS)
      expect(tally.responses).toBe(1)
    })

    it('adds up answers per department and item, 不适用 apart, comments without their order', async () => {
      const [cardiology, icu] = await Promise.all([harness().fixtures.department(), harness().fixtures.department()])
      const { campaign } = await openCampaign()
      const answer = (departmentId: string, score: number, comment: string | null, payNA = false) =>
        staffSurvey().addAnswer({
          campaignId: campaign.id,
          departmentId,
          questionnaireVersion: 1,
          answers: { ...staffAnswersFor(campaign.id, score, { payNA }).answers },
          recommend: score * 2,
          comment,
          submittedOn: '2026-06-10',
        })
      await answer(cardiology.id, 5, '乙：排班更透明')
      await answer(cardiology.id, 3, null, true)
      await answer(cardiology.id, 4, '甲：食堂好')
      await answer(icu.id, 2, null)
      const tallies = await staffSurvey().tallies([campaign.id], null, ITEM_IDS)
      const of = (id: string) => tallies.find((t) => t.departmentId === id)
      expect(of(cardiology.id)).toMatchObject({ campaignId: campaign.id, responses: 3, recommendSum: 24 })
      expect(of(cardiology.id)?.items.overall).toEqual([0, 0, 1, 1, 1, 0])
      expect(of(cardiology.id)?.items.payBenefits).toEqual([0, 0, 0, 1, 1, 1])
      expect([...(of(cardiology.id)?.comments ?? [])].sort()).toEqual(['乙：排班更透明', '甲：食堂好'].sort())
      expect(of(icu.id)).toMatchObject({ responses: 1, comments: [] })
      expect(await staffSurvey().tallies([campaign.id], icu.id, ITEM_IDS)).toEqual([of(icu.id)])
    })

    it('reads the same counts before and after the timer folds them, and counts answers added after a fold', async () => {
      const [wards, clinic] = await Promise.all([harness().fixtures.department(), harness().fixtures.department()])
      const { campaign } = await openCampaign('计数核对')
      const add = (departmentId: string, score: number, comment: string | null) =>
        staffSurvey().addAnswer({
          campaignId: campaign.id,
          departmentId,
          questionnaireVersion: 1,
          answers: { ...staffAnswersFor(campaign.id, score).answers },
          recommend: score * 2,
          comment,
          submittedOn: '2026-06-10',
        })
      const read = async () => {
        const tallies = await staffSurvey().tallies([campaign.id], null, ITEM_IDS)
        return {
          responses: (await staffSurvey().responseCounts([campaign.id])).get(campaign.id),
          tallies: tallies
            .map((tally) => ({ ...tally, comments: [...tally.comments].sort() }))
            .sort((a, b) => ((a.departmentId ?? '') < (b.departmentId ?? '') ? -1 : 1)),
        }
      }
      await add(wards.id, 5, '甲')
      await add(wards.id, 1, null)
      await add(clinic.id, 3, '乙')
      const before = await read()
      expect(before.responses).toBe(3)
      await staffSurvey().rollUpCounts()
      expect(await read()).toEqual(before)
      expect(await staffSurvey().rollUpCounts()).toBe(0)

      await add(wards.id, 4, '丙')
      const after = await read()
      const ofWards = after.tallies.find((tally) => tally.departmentId === wards.id)
      expect(after.responses).toBe(4)
      expect(ofWards).toMatchObject({ responses: 3, recommendSum: 20, comments: ['丙', '甲'].sort() })
      expect(ofWards?.items.overall).toEqual([1, 0, 0, 1, 1, 0])
      expect(after.tallies.find((tally) => tally.departmentId === clinic.id)).toEqual(
        before.tallies.find((tally) => tally.departmentId === clinic.id),
      )
      await staffSurvey().rollUpCounts()
      expect(await read()).toEqual(after)
    })

    it('keeps the answer apart from the person: the export lists the campaign, never the answer', async () => {
      const department = await harness().fixtures.department()
      const person = await staffOf(department.id)
      const { campaign } = await openCampaign('无关联核对')
      await submit(ctxOf(person.id, department.id), staffAnswersFor(campaign.id, 2, { comment: '独一无二的意见' }))
      const mine = await repos().personalData.exportUser(person.id)
      expect(mine.staffSurvey).toEqual({ answered: [{ title: '无关联核对', opensOn: '2026-06-01' }] })
      expect(JSON.stringify(mine)).not.toContain('独一无二的意见')
      await staffSurvey().unmarkAnswered(campaign.id, person.id)
      expect(await staffSurvey().answeredBy(person.id, [campaign.id])).toEqual(new Set())
    })
  })
}

import { randomUUID } from 'node:crypto'
import type { NewResponse } from '../../../src/cloud/domain/survey/repo'
import { newShortCode } from '../../../src/cloud/domain/survey/visit-code'
import type { RepoHarness } from '../repo-adapters'

const at = new Date('2026-03-02T08:00:00.000Z')
const DAY = '2026-03-02'
const MONTH = '2026-03'
const NONE = { responses: 0, recommendSum: 0, promoters: 0, detractors: 0 }

export function surveyContract(harness: () => RepoHarness): void {
  describe('survey', () => {
    const survey = () => harness().repos.survey
    const fixtures = () => harness().fixtures

    async function visits(department: { id: string; name: string }, count: number, visitDate = '2026-03-01') {
      const list = Array.from({ length: count }, () => ({
        id: `V${randomUUID().slice(0, 12)}`,
        type: 'outpatient' as const,
        departmentId: department.id,
        departmentName: department.name,
        visitDate,
        doctor: null,
        shortCode: newShortCode(),
      }))
      expect(await survey().insertVisits(list, at)).toEqual({ added: list.map((v) => v.id), codeTaken: [] })
      return list.map((v) => v.id)
    }

    async function response(
      departmentId: string,
      visitId: string,
      score: number,
      extra: Partial<NewResponse> = {},
    ): Promise<NewResponse> {
      const questionnaire = await survey().activeQuestionnaire('outpatient')
      if (!questionnaire) throw new Error('no active outpatient questionnaire')
      const answers = Object.fromEntries(questionnaire.items.map((item) => [item.id, score]))
      const department = await harness().repos.identity.findDepartment(departmentId)
      return {
        departmentName: department?.name ?? '',
        itemLabels: Object.fromEntries(questionnaire.items.map((item) => [item.id, item.label])),
        visitId,
        departmentId,
        visitType: 'outpatient' as const,
        month: MONTH,
        questionnaireId: questionnaire.id,
        questionnaireVersion: questionnaire.version,
        answers,
        overall: score,
        recommend: 9,
        comment: null,
        praiseStaff: null,
        lowScore: score <= 2,
        contactPhone: null,
        day: DAY,
        ...extra,
      }
    }

    it('adds only new visits and shows them with their department', async () => {
      const department = await fixtures().department()
      const [first] = await visits(department, 1)
      const second = {
        id: `V${randomUUID().slice(0, 12)}`,
        type: 'inpatient' as const,
        departmentId: department.id,
        visitDate: '2026-03-01',
        doctor: '李医生',
        shortCode: newShortCode(),
        departmentName: department.name,
      }
      const firstAgain = {
        id: first,
        type: 'outpatient' as const,
        departmentId: department.id,
        departmentName: department.name,
        visitDate: '2026-03-01',
        doctor: null,
        shortCode: newShortCode(),
      }
      expect(await survey().insertVisits([firstAgain, second], at)).toEqual({ added: [second.id], codeTaken: [] })
      const shown = {
        id: second.id,
        type: 'inpatient',
        departmentId: department.id,
        departmentName: department.name,
        visitDate: '2026-03-01',
        doctor: '李医生',
        shortCode: second.shortCode,
        answered: false,
      }
      expect(await survey().findVisit(second.id)).toEqual(shown)
      expect(await survey().findVisitByShortCode(second.shortCode)).toEqual(shown)
      // Not asked whether it was answered, a store may leave that out (null), never say it was.
      const { answered: _answered, ...unasked } = shown
      expect(await survey().findVisitByShortCode(second.shortCode, { answered: false })).toMatchObject(unasked)
      expect((await survey().findVisit(second.id, { answered: false }))?.answered).not.toBe(true)
      expect(await survey().findVisit('V-none')).toBeNull()
      expect(await survey().findVisitByShortCode('ZZZZZZZZ')).toBeNull()
      expect(await survey().visitCount(department.id, '2026-03-01', '2026-03-01')).toBe(2)
      expect(await survey().visitCount(department.id, '2026-03-02', '2026-03-31')).toBe(0)
    })

    it('keeps a short code to one visit: a visit drawing a taken code is left out and named', async () => {
      const department = await fixtures().department()
      const [first] = await visits(department, 1)
      const taken = (await survey().findVisit(first))?.shortCode ?? ''
      const clash = {
        id: `V${randomUUID().slice(0, 12)}`,
        type: 'outpatient' as const,
        departmentId: department.id,
        departmentName: department.name,
      }
      const fresh = { ...clash, id: `V${randomUUID().slice(0, 12)}`, shortCode: newShortCode() }
      const racing = { ...clash, visitDate: '2026-03-01', doctor: null, shortCode: taken }
      expect(await survey().insertVisits([racing, { ...fresh, visitDate: '2026-03-01', doctor: null }], at)).toEqual({
        added: [fresh.id],
        codeTaken: [clash.id],
      })
      expect(await survey().findVisit(clash.id)).toBeNull()
      expect((await survey().findVisitByShortCode(taken))?.id).toBe(first)
      const retried = { ...racing, shortCode: newShortCode() }
      expect(await survey().insertVisits([retried], at)).toEqual({ added: [clash.id], codeTaken: [] })
    })

    it('serves the questionnaires the migrations define', async () => {
      const active = await survey().activeQuestionnaire('outpatient')
      expect(active).toMatchObject({
        id: 'outpatient',
        version: 1,
        visitType: 'outpatient',
        title: '门诊患者满意度调查',
      })
      expect(active?.items[0]).toEqual({ id: 'registration', label: '挂号便捷', allowNA: false })
      expect(await survey().findQuestionnaire('inpatient', 1)).toMatchObject({ id: 'inpatient', version: 1 })
      expect(await survey().findQuestionnaire('inpatient', 99)).toBeNull()
      const labels = await survey().itemLabels()
      expect(labels).toMatchObject({
        outpatient: { registration: '挂号便捷', overall: '总体满意度' },
        inpatient: { diet: '饮食', overall: '总体满意度' },
      })
      expect(labels.outpatient.diet).toBeUndefined()
      // Each type in its own questionnaire's order: the dashboard lists them so.
      expect(Object.keys(labels.inpatient)[0]).toBe('admission')
      expect(Object.keys(labels.inpatient).at(-1)).toBe('overall')
    })

    it('stores one response per visit however many submissions race', async () => {
      const department = await fixtures().department()
      const [visitId] = await visits(department, 1)
      const r = await response(department.id, visitId, 5)
      const results = await Promise.all(Array.from({ length: 20 }, () => survey().submitResponse(r)))
      expect(results.filter((x) => x !== 'answered')).toEqual([{ alertId: null }])
      expect(await survey().findVisit(visitId)).toMatchObject({ answered: true })
      expect(await survey().monthCounts(department.id, MONTH, MONTH)).toEqual({
        outpatient: { responses: 1, recommendSum: 9, promoters: 1, detractors: 0 },
        inpatient: NONE,
      })
    })

    it('loses no counter increment when different visits are answered at once', async () => {
      const department = await fixtures().department()
      const ids = await visits(department, 15)
      const scores = ids.map((_, i) => (i % 5) + 1)
      await Promise.all(
        ids.map(async (id, i) =>
          survey().submitResponse(
            await response(department.id, id, scores[i], { recommend: i % 11, comment: i < 3 ? `意见${i}` : null }),
          ),
        ),
      )
      const month = (await survey().monthCounts(department.id, MONTH, MONTH)).outpatient
      expect(month).toEqual({
        responses: 15,
        recommendSum: ids.reduce((sum, _, i) => sum + (i % 11), 0),
        promoters: ids.filter((_, i) => i % 11 >= 9).length,
        detractors: ids.filter((_, i) => i % 11 <= 6).length,
      })
      const counts = await survey().itemCounts(department.id, MONTH, MONTH)
      const registration = counts.find((c) => c.itemId === 'registration')
      expect(registration).toEqual({
        departmentId: department.id,
        month: MONTH,
        visitType: 'outpatient',
        itemId: 'registration',
        scores: [3, 3, 3, 3, 3],
        notApplicable: 0,
      })
      expect(counts.map((c) => c.itemId)).toEqual([...counts.map((c) => c.itemId)].sort())
      const everywhere = await survey().itemCountsAll('registration', MONTH, MONTH)
      expect(everywhere).toContainEqual(registration)
      expect(await survey().itemCounts(department.id, '2026-04', '2026-05')).toEqual([])
      expect(await survey().monthCounts(department.id, '2026-04', '2026-05')).toEqual({
        outpatient: NONE,
        inpatient: NONE,
      })
      const comments = await survey().recentComments(department.id, MONTH, MONTH, 2)
      expect(comments).toHaveLength(2)
      expect(comments[0]).toMatchObject({
        month: MONTH,
        visitType: 'outpatient',
        comment: expect.stringMatching(/^意见\d$/),
      })
    })

    it('counts the same before, during and after racing roll-ups of the counters, and keeps counting after', async () => {
      const department = await fixtures().department()
      const ids = await visits(department, 8)
      const counted = async () => ({
        month: (await survey().monthCounts(department.id, MONTH, MONTH)).outpatient,
        items: await survey().itemCounts(department.id, MONTH, MONTH),
        everywhere: (await survey().itemCountsAll('registration', MONTH, MONTH)).filter(
          (c) => c.departmentId === department.id,
        ),
      })
      for (const [i, id] of ids.slice(0, 6).entries()) {
        await survey().submitResponse(await response(department.id, id, (i % 5) + 1, { recommend: i }))
      }
      const before = await counted()
      expect(before.month.responses).toBe(6)
      expect(before.everywhere).toEqual([expect.objectContaining({ scores: [2, 1, 1, 1, 1] })])
      await Promise.all([survey().rollUpCounters(), survey().rollUpCounters()])
      expect(await counted()).toEqual(before)
      expect(await survey().rollUpCounters()).toBe(0)
      await Promise.all(ids.slice(6).map(async (id) => survey().submitResponse(await response(department.id, id, 5))))
      const after = await counted()
      expect(after.month).toEqual({
        ...before.month,
        responses: 8,
        recommendSum: before.month.recommendSum + 18,
        promoters: before.month.promoters + 2,
      })
      expect(after.everywhere).toEqual([expect.objectContaining({ scores: [2, 1, 1, 1, 3] })])
      await survey().rollUpCounters()
      expect(await counted()).toEqual(after)
    })

    it('counts outpatient and inpatient answers apart, an item both questionnaires ask included, before and after a roll-up', async () => {
      const department = await fixtures().department()
      const [out1, out2, in1] = await visits(department, 3)
      const inpatient = await survey().activeQuestionnaire('inpatient')
      if (!inpatient) throw new Error('no active inpatient questionnaire')
      const inpatientAnswers = Object.fromEntries(inpatient.items.map((item) => [item.id, 2]))
      await survey().submitResponse(await response(department.id, out1, 5, { recommend: 10 }))
      await survey().submitResponse(await response(department.id, out2, 4, { recommend: 8 }))
      await survey().submitResponse(
        await response(department.id, in1, 2, {
          visitType: 'inpatient',
          questionnaireId: inpatient.id,
          questionnaireVersion: inpatient.version,
          answers: inpatientAnswers,
          recommend: 3,
        }),
      )
      const counted = async () => ({
        month: await survey().monthCounts(department.id, MONTH, MONTH),
        items: await survey().itemCounts(department.id, MONTH, MONTH),
        overall: (await survey().itemCountsAll('overall', MONTH, MONTH)).filter(
          (c) => c.departmentId === department.id,
        ),
      })
      const before = await counted()
      expect(before.month).toEqual({
        outpatient: { responses: 2, recommendSum: 18, promoters: 1, detractors: 0 },
        inpatient: { responses: 1, recommendSum: 3, promoters: 0, detractors: 1 },
      })
      const overallOf = (visitType: string) => before.overall.find((c) => c.visitType === visitType)?.scores
      expect(overallOf('outpatient')).toEqual([0, 0, 0, 1, 1])
      expect(overallOf('inpatient')).toEqual([0, 1, 0, 0, 0])
      const privacy = before.items.filter((c) => c.itemId === 'privacy').map((c) => [c.visitType, c.scores])
      expect(privacy).toEqual(
        expect.arrayContaining([
          ['outpatient', [0, 0, 0, 1, 1]],
          ['inpatient', [0, 1, 0, 0, 0]],
        ]),
      )
      expect(before.items.find((c) => c.itemId === 'diet')).toMatchObject({ visitType: 'inpatient' })
      expect(before.items.find((c) => c.itemId === 'registration')).toMatchObject({ visitType: 'outpatient' })
      await survey().rollUpCounters()
      const after = await counted()
      const sorted = (list: typeof before.items) =>
        [...list].sort((a, b) => `${a.visitType}${a.itemId}`.localeCompare(`${b.visitType}${b.itemId}`))
      expect({ ...after, items: sorted(after.items), overall: sorted(after.overall) }).toEqual({
        ...before,
        items: sorted(before.items),
        overall: sorted(before.overall),
      })
    })

    it('moves the board version with an answer and an improvement, or keeps none at all', async () => {
      const department = await fixtures().department()
      const [visitId] = await visits(department, 1)
      const first = await survey().boardVersion()
      expect(await survey().boardVersion()).toBe(first)
      await survey().submitResponse(await response(department.id, visitId, 4))
      const afterAnswer = await survey().boardVersion()
      await survey().addImprovement({
        departmentId: department.id,
        departmentName: department.name,
        said: '候诊时间长',
        did: '增开诊室',
        authorId: randomUUID(),
        // Long before the other cases' improvements, so their newest-first lists stay theirs.
        publishedOn: '2020-01-01',
        at: new Date('2020-01-01T00:00:00.000Z'),
      })
      const afterImprovement = await survey().boardVersion()
      const versions = [first, afterAnswer, afterImprovement]
      // An adapter keeps a version or none; one it keeps must move with every change the board shows.
      if (first === null) expect(versions).toEqual([null, null, null])
      else expect(new Set(versions).size).toBe(3)
    })

    it('lists recent comments newest day first, whatever order they were stored in', async () => {
      const department = await fixtures().department()
      const [late, early] = await visits(department, 2)
      await survey().submitResponse(
        await response(department.id, late, 4, { comment: '后来的意见', day: '2026-03-20' }),
      )
      await survey().submitResponse(
        await response(department.id, early, 4, { comment: '早先的意见', day: '2026-03-05' }),
      )
      const comments = await survey().recentComments(department.id, MONTH, MONTH, 2)
      expect(comments.map((c) => c.comment)).toEqual(['后来的意见', '早先的意见'])
    })

    it('leaves no counter behind for a response that lost the race for its visit', async () => {
      const department = await fixtures().department()
      const [visitId] = await visits(department, 1)
      const results = await Promise.all([
        response(department.id, visitId, 5).then((r) => survey().submitResponse(r)),
        response(department.id, visitId, 3, { month: '2026-04', day: '2026-04-01' }).then((r) =>
          survey().submitResponse(r),
        ),
      ])
      expect(results.filter((result) => result === 'answered')).toHaveLength(1)
      const counted = await Promise.all(
        [MONTH, '2026-04'].map(async (month) => (await survey().itemCounts(department.id, month, month)).length),
      )
      expect(counted.filter((n) => n === 0)).toHaveLength(1)
      expect(await survey().itemCounts(department.id, MONTH, '2026-04')).toEqual(
        expect.arrayContaining([expect.objectContaining({ itemId: 'registration' })]),
      )
    })

    it('counts 不适用 apart from scores', async () => {
      const department = await fixtures().department()
      const [visitId] = await visits(department, 1)
      const r = await response(department.id, visitId, 4)
      await survey().submitResponse({ ...r, answers: { ...r.answers, nursing: null } })
      const nursing = (await survey().itemCounts(department.id, MONTH, MONTH)).find((c) => c.itemId === 'nursing')
      expect(nursing).toMatchObject({ scores: [0, 0, 0, 0, 0], notApplicable: 1 })
    })

    it('raises an alert for a low score and keeps its follow-up history in order; one close wins', async () => {
      const department = await fixtures().department()
      const manager = await harness().repos.identity.ensureUser(`openid-${randomUUID()}`)
      await harness().repos.identity.setRole(manager.id, 'manager', true, department.id)
      const [low, fine] = await visits(department, 2)
      const stored = await survey().submitResponse(await response(department.id, low, 1, { comment: '等太久' }))
      expect(await survey().submitResponse(await response(department.id, fine, 5))).toEqual({ alertId: null })
      if (stored === 'answered' || !stored.alertId) throw new Error('expected an alert')
      const alertId = stored.alertId
      const alert = await survey().findAlert(alertId)
      expect(alert).toMatchObject({
        id: alertId,
        departmentId: department.id,
        departmentName: department.name,
        visitType: 'outpatient',
        month: MONTH,
        status: 'open',
        createdOn: DAY,
        contactPhone: null,
        overall: 1,
        recommend: 9,
        comment: '等太久',
        history: [],
      })
      expect(alert?.answers.registration).toBe(1)
      const later = new Date(at.getTime() + 49 * 3600_000)
      const [sameDay, dayAfter] = [DAY, '2026-03-03']
      expect((await survey().listAlerts(department.id, 'open', sameDay)).map((a) => a.id)).toEqual([alertId])
      expect(await survey().listAlerts(department.id, 'overdue', sameDay)).toEqual([])
      expect((await survey().listAlerts(department.id, 'overdue', dayAfter)).map((a) => a.id)).toEqual([alertId])
      expect(await survey().listAlerts(department.id, 'closed', dayAfter)).toEqual([])
      expect((await survey().listAlerts(null, 'all', dayAfter)).map((a) => a.id)).toContain(alertId)

      const actor = { actorId: manager.id, actorName: '主任' }
      const followUp = { kind: 'followUp' as const, action: 'called' as const, note: '已致电', ...actor, at }
      expect(await survey().recordAlertEvent(alertId, followUp)).toBe(true)
      expect(await survey().recordAlertEvent(alertId, { ...followUp, action: 'explained', note: '已解释' })).toBe(true)
      const closes = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          survey().recordAlertEvent(alertId, { kind: 'close', action: null, note: `结案${i}`, ...actor, at: later }),
        ),
      )
      expect(closes.filter(Boolean)).toHaveLength(1)
      expect(await survey().recordAlertEvent(alertId, followUp)).toBe(false)
      expect(await survey().recordAlertEvent(randomUUID(), followUp)).toBe(false)
      const closed = await survey().findAlert(alertId)
      expect(closed?.status).toBe('closed')
      expect(closed?.history.map((e) => [e.kind, e.note])).toEqual([
        ['followUp', '已致电'],
        ['followUp', '已解释'],
        ['close', expect.stringMatching(/^结案\d$/)],
      ])
      expect(closed?.history[0]).toEqual({
        kind: 'followUp',
        action: 'called',
        note: '已致电',
        actorName: '主任',
        at: at.toISOString(),
      })
      expect((await survey().listAlerts(department.id, 'closed', dayAfter)).map((a) => a.id)).toEqual([alertId])
      expect(await survey().listAlerts(department.id, 'open', dayAfter)).toEqual([])
      expect(await survey().findAlert(randomUUID())).toBeNull()
    })

    it('keeps a consented call-back number on the alert and erases it once the alert has been closed long enough', async () => {
      const department = await fixtures().department()
      const [consented, stillOpen] = await visits(department, 2)
      const phone = '13800138000'
      const alertOf = async (visitId: string) => {
        const stored = await survey().submitResponse(await response(department.id, visitId, 1, { contactPhone: phone }))
        if (stored === 'answered' || !stored.alertId) throw new Error('expected an alert')
        return stored.alertId
      }
      const [closedId, openId] = [await alertOf(consented), await alertOf(stillOpen)]
      expect(await survey().findAlert(closedId)).toMatchObject({ contactPhone: phone })
      const closedAt = new Date('2026-03-05T02:00:00.000Z')
      const close = { kind: 'close' as const, action: null, note: '', actorId: randomUUID(), actorName: '主任' }
      expect(await survey().recordAlertEvent(closedId, { ...close, at: closedAt })).toBe(true)
      expect(await survey().eraseContacts(closedAt)).toBe(0)
      expect(await survey().eraseContacts(new Date(closedAt.getTime() + 1))).toBe(1)
      expect(await survey().findAlert(closedId)).toMatchObject({ contactPhone: null, status: 'closed' })
      expect(await survey().findAlert(openId)).toMatchObject({ contactPhone: phone, status: 'open' })
      expect(await survey().eraseContacts(new Date('2027-01-01T00:00:00.000Z'))).toBe(0)
    })

    it('lists improvements newest first with their department', async () => {
      const department = await fixtures().department()
      const author = randomUUID()
      const first = await survey().addImprovement({
        departmentId: department.id,
        departmentName: department.name,
        said: '候诊时间太长',
        did: '上午增开两个诊室',
        authorId: author,
        publishedOn: DAY,
        at,
      })
      expect(first).toEqual({
        id: expect.any(String),
        departmentId: department.id,
        departmentName: department.name,
        said: '候诊时间太长',
        did: '上午增开两个诊室',
        publishedOn: DAY,
      })
      const second = await survey().addImprovement({
        departmentId: department.id,
        departmentName: department.name,
        said: '指示牌看不清',
        did: '更换了大字指示牌',
        authorId: author,
        publishedOn: DAY,
        at: new Date(at.getTime() + 60_000),
      })
      const listed = await survey().listImprovements(20)
      expect(listed.map((i) => i.id).slice(0, 2)).toEqual([second.id, first.id])
      expect(await survey().listImprovements(1)).toEqual([second])
    })
  })
}

import type { Doc, Value } from '../../src/cloud/storage/cloudbase/db'
import { C } from '../../src/cloud/storage/cloudbase/schema'
import { openCloudStandIn } from '../support/repo-adapters'

/** A document as an earlier version wrote it, so with fields today's types no longer describe. */
type OldDoc = Doc & Record<string, Value>

/**
 * Documents a cloud environment wrote before this version kept the visit type on its counters and the
 * department's name, history and labels on its alerts: they still read as they did.
 */
describe('survey documents written by an earlier version, on the cloud database', () => {
  test('an alert without its name, history or labels reads them from where they were kept', async () => {
    const { db, repos, fixtures } = await openCloudStandIn()
    const department = await fixtures.department()
    await db.collection<OldDoc>(C.alerts).add({
      data: {
        _id: 'legacy-alert',
        responseId: 'legacy-response',
        departmentId: department.id,
        visitType: 'inpatient',
        month: '2026-03',
        overall: 1,
        recommend: 2,
        comment: '饭菜凉了',
        answers: { diet: 1, overall: 1 },
        status: 'open',
        createdOn: '2026-03-02',
        contactPhone: null,
        closedAt: null,
        events: 1,
      },
    })
    await db.collection<OldDoc>(C.alertEvents).add({
      data: {
        _id: 'legacy-alert#1',
        alertId: 'legacy-alert',
        seq: 1,
        kind: 'followUp',
        action: 'explained',
        note: '已向病区说明',
        actorId: 'someone',
        actorName: '护士长',
        at: '2026-03-03T01:00:00.000Z',
      },
    })
    const [alert] = await repos.survey.listAlerts(department.id, 'all', '2026-03-01')
    expect(alert).toMatchObject({
      id: 'legacy-alert',
      departmentName: department.name,
      history: [{ kind: 'followUp', action: 'explained', note: '已向病区说明', actorName: '护士长' }],
    })
    expect(alert.itemLabels).toMatchObject({ diet: '饮食', overall: '总体满意度' })

    // A later event keeps to the event documents, so the history stays whole.
    const close = { kind: 'close' as const, action: null, note: '', actorId: 'x', actorName: '主任', at: new Date() }
    expect(await repos.survey.recordAlertEvent('legacy-alert', close)).toBe(true)
    expect((await repos.survey.findAlert('legacy-alert'))?.history.map((e) => e.kind)).toEqual(['followUp', 'close'])
  })

  test('counters and pending answers without a visit type count as outpatient, before and after the sweep folds them', async () => {
    const { db, repos, fixtures } = await openCloudStandIn()
    const department = await fixtures.department()
    const base = { departmentId: department.id, month: '2026-03' }
    await db.collection<OldDoc>(C.itemCounters).add({
      data: {
        _id: `${department.id}|2026-03|overall`,
        ...base,
        itemId: 'overall',
        n1: 0,
        n2: 0,
        n3: 0,
        n4: 2,
        n5: 3,
        na: 0,
      },
    })
    await db
      .collection<OldDoc>(C.itemCounters)
      .add({ data: { _id: 'legacy-pending', ...base, itemId: '*', answers: { overall: 5 } } })
    await db.collection<OldDoc>(C.monthCounters).add({
      data: { _id: 'legacy-month', ...base, pending: true, responses: 1, recommendSum: 9, promoters: 1, detractors: 0 },
    })
    const counted = async () => ({
      items: await repos.survey.itemCounts(department.id, '2026-03', '2026-03'),
      months: await repos.survey.monthCounts(department.id, '2026-03', '2026-03'),
    })
    const before = await counted()
    expect(before.items).toEqual([
      { ...base, visitType: 'outpatient', itemId: 'overall', scores: [0, 0, 0, 2, 4], notApplicable: 0 },
    ])
    expect(before.months.outpatient.responses).toBe(1)
    expect(before.months.inpatient.responses).toBe(0)
    await repos.survey.rollUpCounters()
    expect(await counted()).toEqual(before)
  })
})

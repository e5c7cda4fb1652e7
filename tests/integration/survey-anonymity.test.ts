import type { OpenVisitResult } from '../../src/contract'
import { AdjustableClock } from '../../src/cloud/core/clock'
import type { Runtime } from '../../src/cloud/core/context'
import { dispatch } from '../../src/cloud/core/dispatch'
import { silentLogger } from '../../src/cloud/core/logger'
import { loadSecrets } from '../../src/cloud/core/secrets'
import { surveyFunction } from '../../src/cloud/domain/survey/function'
import { newShortCode } from '../../src/cloud/domain/survey/visit-code'
import { linkPageCodes } from '../../src/cloud/host/page-codes'
import { REPO_ADAPTERS, type DumpedRow, type RepoHarness } from '../support/repo-adapters'

/**
 * Section 2 of the anonymity promise, proved from the outside: two patients answer, then every
 * table is read as someone holding a copy of the database would, and nothing in it may join either
 * patient to their answer: no row naming them beside the answer, no shared time, no shared transaction.
 */
const SURVEY_SIDE = /^(survey_(responses|alerts|item_counters|month_counters|answered_visits)|staff_mentions)$/
const TIMESTAMP = /\d{4}-\d{2}-\d{2}T(\d{2}):(\d{2}):(\d{2})/g
const COMMENT = '护士态度很差，等了两个小时没人理'

function stringsOf(row: Record<string, unknown>): string[] {
  return JSON.stringify(row).match(/"(?:[^"\\]|\\.)*"/g) ?? []
}

function timestampsOf(row: Record<string, unknown>): string[] {
  return [...JSON.stringify(row).matchAll(TIMESTAMP)].map((m) => m[0])
}

describe.each(REPO_ADAPTERS)('an anonymous answer read from a dump of $name', (adapter) => {
  let harness: RepoHarness
  let rows: DumpedRow[]
  let patients: { openid: string; userId: string }[]

  beforeAll(async () => {
    harness = await adapter.open()
    const clock = new AdjustableClock()
    const runtime: Runtime = {
      repos: harness.repos,
      clock,
      secrets: loadSecrets({}, false),
      log: silentLogger,
      pageCodes: linkPageCodes(() => 'http://127.0.0.1'),
    }
    const department = await harness.fixtures.department()
    await harness.fixtures.rosterEntry(department.id, '王护士')
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    const visits = ['A', 'B'].map((who) => ({
      id: `LINK-${who}-${Date.now()}`,
      type: 'outpatient' as const,
      departmentId: department.id,
      departmentName: department.name,
      visitDate: today,
      doctor: null,
      shortCode: newShortCode(),
    }))
    await harness.repos.survey.insertVisits(visits, clock.now())
    const call = async (openid: string, action: string, data: unknown, requestId?: string) => {
      const reply = await dispatch('survey', surveyFunction, { action, data, requestId }, openid, runtime)
      return reply
    }
    patients = []
    for (const [i, visit] of visits.entries()) {
      const openid = `linkage-patient-${i}-${Date.now()}`
      // A typo first, so that a wrong-code entry is written as well.
      expect(await call(openid, 'openVisit', { code: 'ZZZZZZZZ' })).toMatchObject({ ok: false })
      const opened = await call(openid, 'openVisit', { code: visit.shortCode })
      if (!opened.ok) throw new Error(JSON.stringify(opened.error))
      const { questionnaire } = opened.data as OpenVisitResult
      const score = i === 0 ? 1 : 5
      const submit = {
        code: visit.shortCode,
        answers: Object.fromEntries(questionnaire.items.map((item) => [item.id, score])),
        recommend: score * 2,
        comment: i === 0 ? COMMENT : undefined,
        commentConsent: i === 0 ? true : undefined,
        praiseStaff: i === 0 ? undefined : '王护士',
      }
      const requestId = `linkage-request-${i}-${Date.now()}`
      expect(await call(openid, 'submit', submit, requestId)).toMatchObject({ ok: true })
      // A retried tap replays the stored result: the record exists, so the test below is not vacuous.
      expect(await call(openid, 'submit', submit, requestId)).toMatchObject({ ok: true })
      const user = await harness.repos.identity.ensureUser(openid)
      patients.push({ openid, userId: user.id })
    }
    rows = await harness.dump()
  })
  afterAll(async () => {
    await harness.close()
  })

  const namesAPatient = (row: DumpedRow) =>
    stringsOf(row.row).some((text) => patients.some((p) => text.includes(p.openid) || text.includes(p.userId)))
  const surveySide = () => rows.filter((r) => SURVEY_SIDE.test(r.table))

  it('the answers, the alert and the praise are stored', () => {
    expect(surveySide().filter((r) => /responses/.test(r.table))).toHaveLength(2)
    expect(surveySide().filter((r) => JSON.stringify(r.row).includes(COMMENT)).length).toBeGreaterThanOrEqual(1)
    expect(surveySide().filter((r) => r.table === 'survey_alerts')).toHaveLength(1)
    expect(surveySide().filter((r) => r.table === 'staff_mentions')).toHaveLength(1)
  })

  it('only the account rows name the patients: no write record, rate entry, audit or message does', () => {
    const naming = rows.filter(namesAPatient)
    expect(naming.length).toBeGreaterThanOrEqual(2)
    expect([...new Set(naming.map((r) => r.table))]).toEqual(['users'])
  })

  it('the write records and wrong-code entries of the answers exist, keyed by neither patient', () => {
    const records = rows.filter((r) => r.table === 'idempotency' && r.row.fn === 'survey' && r.row.action === 'submit')
    expect(records).toHaveLength(2)
    const ids = patients.flatMap((p) => [p.userId, p.openid])
    for (const record of records) expect(ids).not.toContain(record.row.user_id ?? record.row.userId)
    const wrongCodes = rows.filter(
      (r) => r.table === 'rate_hits' && JSON.stringify(r.row).includes('survey.wrongCode/'),
    )
    expect(wrongCodes.length).toBeGreaterThanOrEqual(2)
  })

  it('survey-side rows keep the day only, so no time lines up with anything the patients wrote', () => {
    const survey = surveySide().flatMap((r) => timestampsOf(r.row))
    expect(survey.filter((t) => !/T00:00:00/.test(t))).toEqual([])
    const personTimes = new Set(rows.filter(namesAPatient).flatMap((r) => timestampsOf(r.row)))
    expect(survey.filter((t) => personTimes.has(t))).toEqual([])
  })

  it('no survey-side row was written in a transaction that also wrote a row naming a patient', () => {
    if (rows.every((r) => r.tx === null)) return // the cloud database keeps no transaction ids
    const personTx = new Set(rows.filter(namesAPatient).map((r) => r.tx))
    expect(surveySide().filter((r) => personTx.has(r.tx))).toEqual([])
    const answerTx = new Set(surveySide().map((r) => r.tx))
    const rateOrRecord = rows.filter((r) => r.table === 'idempotency' || r.table === 'rate_hits')
    expect(rateOrRecord.filter((r) => answerTx.has(r.tx))).toEqual([])
  })
})

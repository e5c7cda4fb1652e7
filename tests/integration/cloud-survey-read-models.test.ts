import type { AlertView, OpenVisitResult, Tagging } from '../../src/contract'
import type { Doc, Value } from '../../src/cloud/storage/cloudbase/db'
import { C } from '../../src/cloud/storage/cloudbase/schema'
import { openCloudActions, type CloudActions } from '../support/cloud-actions'
import { answersFor, importVisits } from '../support/survey'
import { dataOf, type SignedIn } from '../support/test-host'

/**
 * What the survey's cloud reads find kept on the documents they read, written when the answer was
 * stored, and how they still read right once what was kept has gone stale or was never kept.
 */
let cloud: CloudActions
let admin: SignedIn
let manager: SignedIn
let departmentId: string
let departmentName: string

beforeAll(async () => {
  cloud = await openCloudActions()
  const home = await cloud.fixtures.department()
  ;[departmentId, departmentName] = [home.id, home.name]
  admin = await cloud.signIn('admin', 'rm-admin')
  manager = await cloud.signIn('manager', 'rm-manager', home.id)
}, 60_000)

const COMMENT = '等了半天，挂号处的人太拽了'

async function answerLow(prefix: string, comment: string) {
  const [code] = await importVisits(admin, prefix, departmentName, 1)
  const patient = await cloud.signIn('patient', `${prefix}-patient`)
  const opened = dataOf(await patient.call<OpenVisitResult>('survey', 'openVisit', { code }))
  const answers = answersFor(opened, 1)
  dataOf(
    await patient.call(
      'survey',
      'submit',
      { code, answers, recommend: 1, comment, commentConsent: true },
      `${prefix}-submit`,
    ),
  )
}

const alertsNow = async () => {
  const cost = await cloud.measure(async () => manager.call('survey', 'alerts', { departmentId, filter: 'all' }))
  const list = dataOf(await manager.call<AlertView[]>('survey', 'alerts', { departmentId, filter: 'all' }))
  return { cost, list }
}

const tagged = async (text: string) =>
  dataOf(await manager.call<Tagging>('survey', 'analyzeText', { text, visitType: 'outpatient' })).themes

test("an alert keeps its comment's themes: the list reads the alerts and the lexicon's version, and no phrase", async () => {
  await answerLow('rm-themes', COMMENT)
  const expected = await tagged(COMMENT)
  expect(expected.length).toBeGreaterThan(0)
  const { cost, list } = await alertsNow()
  expect(list.map((a) => a.themes)).toEqual([expected])
  // The caller, the alerts, the lexicon's version: whether or not this instance has read the lexicon.
  expect(cost.roundTrips).toBeLessThanOrEqual(3)
  // What is served is what was kept: the alert's own copy, not a fresh tagging.
  const [kept] = cloud.db.documents(C.alerts)
  await cloud.db
    .collection(C.alerts)
    .doc(String(kept._id))
    .update({ data: { themes: [] } })
  expect((await alertsNow()).list.map((a) => a.themes)).toEqual([[]])

  // An admin's new phrase moves the lexicon on: the kept themes are stale, and the comment is tagged again.
  dataOf(await admin.call('voice', 'saveLexiconEntry', { phrase: '拽', kind: 'term', theme: 'courtesy', weight: -0.8 }))
  const retagged = await tagged(COMMENT)
  expect(retagged).not.toEqual(expected)
  expect((await alertsNow()).list.map((a) => a.themes)).toEqual([retagged])
  dataOf(await admin.call('voice', 'removeLexiconEntry', { phrase: '拽' }))
})

test('an alert stored before its themes were kept is tagged when read', async () => {
  const [stored] = cloud.db.documents(C.alerts)
  const { themes: _themes, tagsVersion: _version, ...older } = stored
  await cloud.db.collection<Doc & Record<string, Value>>(C.alerts).add({
    data: { ...(older as Doc & Record<string, Value>), _id: 'older-alert', responseId: 'older-response' },
  })
  const { list } = await alertsNow()
  expect(list.find((a) => a.id === 'older-alert')?.themes).toEqual(await tagged(COMMENT))
})

test('a visit keeps its department name from the import; one imported before that reads it from the department', async () => {
  const [code] = await importVisits(admin, 'rm-visit', departmentName, 1)
  const [kept] = cloud.db.documents(C.visits).filter((v) => String(v._id).startsWith('rm-visit'))
  expect(kept.departmentName).toBe(departmentName)
  const patient = await cloud.signIn('patient', 'rm-visit-patient')
  const opened = dataOf(await patient.call<OpenVisitResult>('survey', 'openVisit', { code }))
  expect(opened.visit.departmentName).toBe(departmentName)

  const { departmentName: _name, ...older } = kept
  await cloud.db.collection<Doc & Record<string, Value>>(C.visits).add({
    data: { ...(older as Doc & Record<string, Value>), _id: 'older-visit', shortCode: 'OLDER001' },
  })
  expect((await cloud.repos.survey.findVisit('older-visit'))?.departmentName).toBe(departmentName)
})

test('an answer naming the questionnaire version it was shown reads that version once per instance', async () => {
  const codes = await importVisits(admin, 'rm-version', departmentName, 3)
  const repo = cloud.repos.survey
  const reads = [jest.spyOn(repo, 'findQuestionnaire'), jest.spyOn(repo, 'activeQuestionnaire')]
  const answer = async (code: string, version: number) => {
    const patient = await cloud.signIn('patient', `${code}-patient`)
    const opened = dataOf(await patient.call<OpenVisitResult>('survey', 'openVisit', { code }))
    reads.forEach((read) => read.mockClear())
    const reply = await patient.call('survey', 'submit', {
      code,
      version,
      answers: answersFor(opened, 4),
      recommend: 9,
    })
    return { opened, reply, reads: reads.reduce((sum, read) => sum + read.mock.calls.length, 0) }
  }
  const first = await answer(codes[0], 1)
  expect(first.reply.body.ok).toBe(true)
  const second = await answer(codes[1], first.opened.questionnaire.version)
  expect(second.reply.body.ok).toBe(true)
  expect(second.reads).toBe(0)
  // A version that does not exist is answered on the active one, read as before.
  const unknown = await answer(codes[2], 99)
  expect(unknown.reply.body.ok).toBe(true)
  expect(unknown.reads).toBe(2)
  reads.forEach((read) => read.mockRestore())
})

test("an improvement keeps its department's name: the board reads no department for it; an older one reads it", async () => {
  const patient = await cloud.signIn('patient', 'rm-board-patient')
  const boardCost = async () => (await cloud.measure(() => patient.call('survey', 'board', {}))).roundTrips
  const before = await boardCost()
  dataOf(
    await manager.call(
      'survey',
      'publishImprovement',
      { departmentId, said: '候诊太久', did: '增开诊室' },
      'rm-improve',
    ),
  )
  expect(await boardCost()).toBe(before)
  const [kept] = cloud.db.documents(C.improvements)
  expect(kept.departmentName).toBe(departmentName)

  const { departmentName: _name, ...older } = kept
  await cloud.db.collection<Doc & Record<string, Value>>(C.improvements).add({
    data: { ...(older as Doc & Record<string, Value>), _id: 'older-improvement', publishedAt: '2020-01-01T00:00:00Z' },
  })
  const listed = await cloud.repos.survey.listImprovements(20)
  expect(listed.find((i) => i.id === 'older-improvement')?.departmentName).toBe(departmentName)
})

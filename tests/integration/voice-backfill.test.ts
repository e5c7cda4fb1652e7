import type { Department, OpenVisitResult, Tagging } from '../../src/contract'
import { seedLexicon } from '../../src/cloud/storage/pglite/voice-repo'
import { answersFor } from '../support/survey'
import { visitCode } from '../support/world'
import { consentToTreatmentText, dataOf, post, type SignedIn, startTestHost, type TestHost } from '../support/test-host'

let host: TestHost
let admin: SignedIn

beforeAll(async () => {
  host = await startTestHost()
  admin = await host.signIn('admin', 'backfill-admin')
})

afterAll(async () => {
  await host.close()
})

const sweep = async () =>
  ((await post(`${host.url}/dev/sweep`, '{}')).body as { sweeps: Record<string, number> }).sweeps

const tagsOf = async (source: string, sourceId: string) =>
  (
    await host.host.store.sql.query<{ tagging: Tagging }>(
      'SELECT tagging FROM voice_tags WHERE source = $1 AND source_id = $2',
      [source, sourceId],
    )
  )[0]?.tagging

/** As if written before tagging existed: the text is there, its tags are not. */
const forgetTags = (source: string, sourceId: string) =>
  host.host.store.sql.query('DELETE FROM voice_tags WHERE source = $1 AND source_id = $2', [source, sourceId])

async function feedback(patient: SignedIn, department: Department, kind: 'complaint' | 'praise', text: string) {
  const categories = kind === 'complaint' ? ['等候无人理睬'] : ['耐心解释']
  await consentToTreatmentText(patient)
  const item = dataOf(
    await patient.call<{ id: string }>('feedback', 'submit', {
      kind,
      departmentId: department.id,
      categories,
      text,
      anonymous: false,
    }),
  )
  return item.id
}

const matchedOf = (tagging: Tagging | undefined) => tagging?.themes.flatMap((theme) => theme.matched) ?? []

describe('the back-fill on the timer', () => {
  it('tags a survey comment, a complaint and a praise written before tagging, with a phrase added since, once', async () => {
    const patient = await host.signIn('patient', 'backfill-writer')
    const departments = dataOf(await patient.call<Department[]>('identity', 'departments'))
    const department = departments[1]
    const complaintId = await feedback(patient, department, 'complaint', '收费窗口的人磨磨蹭蹭，后面排了一长串人')
    const praiseId = await feedback(patient, department, 'praise', '导诊台的小姑娘特别机灵，一路把我带到了诊室门口')
    const code = await visitCode(admin, 'backfill-survey', department)
    const opened = dataOf(await patient.call<OpenVisitResult>('survey', 'openVisit', { code }))
    const comment = '取药的人磨磨蹭蹭的，等得心急'
    dataOf(
      await patient.call('survey', 'submit', {
        code,
        answers: answersFor(opened, 4, 4),
        recommend: 7,
        comment,
        commentConsent: true,
      }),
    )
    const [{ id: responseId }] = await host.host.store.sql.query<{ id: string }>(
      'SELECT id::text AS id FROM survey_responses WHERE comment = $1',
      [comment],
    )
    const written = [
      ['complaint', complaintId],
      ['praise', praiseId],
      ['survey', responseId],
    ] as const
    for (const [source, id] of written) await forgetTags(source, id)
    expect(await tagsOf('complaint', complaintId)).toBeUndefined()

    for (const [phrase, theme, weight] of [
      ['磨磨蹭蹭', 'waiting', -0.7],
      ['机灵', 'courtesy', 0.7],
    ] as const) {
      dataOf(await admin.call('voice', 'saveLexiconEntry', { phrase, kind: 'term', theme, weight }))
    }
    const first = await sweep()
    expect(first.backfilledTexts).toBeGreaterThanOrEqual(written.length)

    const complaint = await tagsOf('complaint', complaintId)
    expect(complaint?.sentiment).toBe('negative')
    expect(complaint?.themes).toContainEqual(expect.objectContaining({ id: 'waiting', polarity: 'negative' }))
    expect(matchedOf(complaint)).toContain('磨磨蹭蹭')
    const praise = await tagsOf('praise', praiseId)
    expect(praise?.themes).toContainEqual(expect.objectContaining({ id: 'courtesy', polarity: 'positive' }))
    expect(matchedOf(praise)).toContain('机灵')
    expect(matchedOf(await tagsOf('survey', responseId))).toContain('磨磨蹭蹭')

    // The pass of this lexicon version is done: the next run finds nothing and reads nothing again.
    expect((await sweep()).backfilledTexts).toBe(0)
  })

  it('never tags the words of a person who erased them, on a later pass either', async () => {
    const patient = await host.signIn('patient', 'backfill-eraser')
    const department = dataOf(await patient.call<Department[]>('identity', 'departments'))[2]
    const id = await feedback(patient, department, 'complaint', '挂号处的人磨磨蹭蹭，问了三遍才回答')
    dataOf(await patient.call('identity', 'deleteMe', { confirm: true }))
    expect(await tagsOf('complaint', id)).toBeUndefined()
    dataOf(
      await admin.call('voice', 'saveLexiconEntry', { phrase: '回答', kind: 'term', theme: 'courtesy', weight: 0 }),
    )
    await sweep()
    expect(await tagsOf('complaint', id)).toBeUndefined()
  })

  it('re-tags what was tagged before the built-in lexicon was seeded, once it is', async () => {
    // Its own host: this one starts with the seed gone, as a cloud environment deployed before its setup ran.
    const bare = await startTestHost()
    try {
      const sql = bare.host.store.sql
      await sql.query('DELETE FROM voice_lexicon_seed')
      const patient = await consentToTreatmentText(await bare.signIn('patient', 'unseeded-writer'))
      const department = dataOf(await patient.call<Department[]>('identity', 'departments'))[0]
      const item = dataOf(
        await patient.call<{ id: string }>('feedback', 'submit', {
          kind: 'complaint',
          departmentId: department.id,
          categories: ['等候无人理睬'],
          text: '候诊等了半天，护士态度很差',
          anonymous: false,
        }),
      )
      const stored = () =>
        sql.query<{ version: number; tagging: Tagging }>(
          `SELECT version, tagging FROM voice_tags WHERE source = 'complaint' AND source_id = $1`,
          [item.id],
        )
      expect(await stored()).toEqual([{ version: 0, tagging: { sentiment: 'neutral', score: 0, themes: [] } }])

      await sql.transaction((tx) => seedLexicon(tx))
      const run = ((await post(`${bare.url}/dev/sweep`, '{}')).body as { sweeps: Record<string, number> }).sweeps
      expect(run.retaggedTexts).toBeGreaterThanOrEqual(1)
      const [again] = await stored()
      expect(again.version).toBeGreaterThan(0)
      expect(again.tagging.sentiment).toBe('negative')
      expect(again.tagging.themes.map((theme) => theme.id)).toEqual(expect.arrayContaining(['waiting', 'courtesy']))
    } finally {
      await bare.close()
    }
  })
})

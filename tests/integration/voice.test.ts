import type {
  AlertView,
  Department,
  HeatView,
  LexiconView,
  OpenVisitResult,
  TaggedComment,
  Tagging,
  TopThemes,
} from '../../src/contract'
import { shiftMonth } from '../../src/contract/month'
import { answersFor } from '../support/survey'
import { visitCode } from '../support/world'
import {
  consentToTreatmentText,
  dataOf,
  errorOf,
  post,
  type SignedIn,
  startTestHost,
  type TestHost,
} from '../support/test-host'

let host: TestHost
let manager: SignedIn
let admin: SignedIn

beforeAll(async () => {
  host = await startTestHost()
  const patient = await host.signIn('patient')
  const departments = dataOf(await patient.call<{ id: string; name: string }[]>('identity', 'departments'))
  manager = await host.signIn('manager', 'voice-manager', departments[0].id)
  admin = await host.signIn('admin', 'voice-admin')
})

afterAll(async () => {
  await host.close()
})

const analyze = (as: SignedIn, text: string, visitType?: string) =>
  as.call<Tagging>('survey', 'analyzeText', visitType ? { text, visitType } : { text })

describe('survey.analyzeText', () => {
  it('tags a mixed comment for a manager, each theme with its polarity and the phrases that made it', async () => {
    const tagging = dataOf(await analyze(manager, '虽然排队等了很久，但是医生解释得很清楚'))
    expect(tagging.sentiment).toBe('positive')
    expect(tagging.themes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'waiting', polarity: 'negative', matched: expect.arrayContaining(['排队']) }),
        expect.objectContaining({ id: 'doctorCommunication', polarity: 'positive' }),
      ]),
    )
  })

  it('uses the inpatient item names when asked', async () => {
    const tagging = dataOf(await analyze(admin, '病房太吵了', 'inpatient'))
    expect(tagging.themes.map((t) => t.id)).toEqual(['wardEnvironment'])
  })

  it('answers an empty or non-Chinese text as neutral, and refuses text longer than 2000 characters', async () => {
    expect(dataOf(await analyze(manager, ''))).toEqual({ sentiment: 'neutral', score: 0, themes: [] })
    expect(dataOf(await analyze(manager, 'terrible service'))).toEqual({ sentiment: 'neutral', score: 0, themes: [] })
    const tooLong = errorOf(await analyze(manager, '很好'.repeat(1001)))
    expect(tooLong.code).toBe('INVALID_INPUT')
    expect(tooLong.fields).toEqual([expect.objectContaining({ message: '文本不超过2000字' })])
  })
})

describe('the lexicon', () => {
  it('takes an admin’s phrase into the next tagging, and switching it off takes it out again', async () => {
    expect(dataOf(await analyze(manager, '护士太拽了')).sentiment).not.toBe('negative')
    const saved = dataOf(
      await admin.call<LexiconView>('voice', 'saveLexiconEntry', {
        phrase: '拽',
        kind: 'term',
        theme: 'courtesy',
        weight: -0.8,
      }),
    )
    expect(saved.custom).toEqual([
      expect.objectContaining({ phrase: '拽', theme: 'courtesy', weight: -0.8, enabled: true }),
    ])
    expect(saved.builtIn).toBeGreaterThan(500)
    const tagged = dataOf(await analyze(manager, '护士太拽了'))
    expect(tagged.sentiment).toBe('negative')
    expect(tagged.themes).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'courtesy', matched: expect.arrayContaining(['拽']) })]),
    )

    dataOf(
      await admin.call('voice', 'saveLexiconEntry', {
        phrase: '拽',
        kind: 'term',
        theme: 'courtesy',
        weight: -0.8,
        enabled: false,
      }),
    )
    expect(dataOf(await analyze(manager, '护士太拽了')).sentiment).not.toBe('negative')
    dataOf(await admin.call('voice', 'removeLexiconEntry', { phrase: '拽' }))
    expect(dataOf(await admin.call<LexiconView>('voice', 'lexicon')).custom).toEqual([])
  })

  it('tags with the lexicon in the database, read again only when its version moves', async () => {
    const sql = host.host.store.sql
    const matched = async () => dataOf(await analyze(admin, '候诊等了半天')).themes.flatMap((t) => t.matched)
    expect(await matched()).toContain('等了半天')
    const [seeded] = await sql.query<{ kind: string; theme: string; weight: number }>(
      `DELETE FROM voice_lexicon_seed WHERE phrase = '等了半天' RETURNING kind, theme, weight`,
    )
    // Warm instances keep the compiled lexicon until the version says it changed.
    expect(await matched()).toContain('等了半天')
    await sql.query('UPDATE voice_lexicon_version SET version = version + 1')
    expect(await matched()).not.toContain('等了半天')
    await sql.query('INSERT INTO voice_lexicon_seed (phrase, kind, theme, weight) VALUES ($1, $2, $3, $4)', [
      '等了半天',
      seeded.kind,
      seeded.theme,
      seeded.weight,
    ])
    await sql.query('UPDATE voice_lexicon_version SET version = version + 1')
    expect(await matched()).toContain('等了半天')
  })

  it('stores a phrase typed in traditional characters as the simplified phrase it matches', async () => {
    const saved = dataOf(
      await admin.call<LexiconView>('voice', 'saveLexiconEntry', {
        phrase: '態度囂張',
        kind: 'term',
        theme: 'courtesy',
        weight: -0.9,
      }),
    )
    expect(saved.custom.map((e) => e.phrase)).toContain('态度囂张')
    expect(dataOf(await analyze(manager, '收费员态度囂张')).sentiment).toBe('negative')
    dataOf(await admin.call('voice', 'removeLexiconEntry', { phrase: '态度囂张' }))
  })

  it('refuses a phrase with punctuation, a weight out of range, and removing a phrase it does not have', async () => {
    const punctuated = errorOf(
      await admin.call('voice', 'saveLexiconEntry', { phrase: '很，差', kind: 'term', theme: null, weight: -0.5 }),
    )
    expect(punctuated.code).toBe('INVALID_INPUT')
    expect(punctuated.fields).toEqual([expect.objectContaining({ message: '词语不能含标点或空格' })])
    const heavy = errorOf(
      await admin.call('voice', 'saveLexiconEntry', { phrase: '很差劲', kind: 'term', theme: null, weight: -2 }),
    )
    expect(heavy.code).toBe('INVALID_INPUT')
    const empty = errorOf(
      await admin.call('voice', 'saveLexiconEntry', { phrase: '某词', kind: 'term', theme: null, weight: 0 }),
    )
    expect(empty.fields).toEqual([expect.objectContaining({ message: '词语至少要有主题或情感权重' })])
    expect(errorOf(await admin.call('voice', 'removeLexiconEntry', { phrase: '从没加过' })).code).toBe('NOT_FOUND')
  })

  it('writes every change into the audit log', async () => {
    dataOf(await admin.call('voice', 'saveLexiconEntry', { phrase: '慢吞吞', kind: 'term', theme: null, weight: -0.6 }))
    const log = dataOf(
      await admin.call<{ fn: string; action: string; target: string }[]>('identity', 'auditLog', { limit: 5 }),
    )
    expect(log).toEqual(
      expect.arrayContaining([expect.objectContaining({ fn: 'voice', action: 'saveLexiconEntry', target: '慢吞吞' })]),
    )
  })
})

describe('tagging at write time', () => {
  const tagsOf = async (sourceId: string) =>
    (
      await host.host.store.sql.query<{ version: number; tagging: Tagging }>(
        'SELECT version, tagging FROM voice_tags WHERE source_id = $1',
        [sourceId],
      )
    )[0]

  async function complain(patient: SignedIn, text: string) {
    await consentToTreatmentText(patient)
    const departments = dataOf(await patient.call<{ id: string }[]>('identity', 'departments'))
    const item = dataOf(
      await patient.call<{ id: string }>('feedback', 'submit', {
        kind: 'complaint',
        departmentId: departments[0].id,
        categories: ['态度生硬'],
        text,
        anonymous: false,
      }),
    )
    return item.id
  }

  it('tags a complaint as it is written, re-tags it on the timer after the lexicon changes, and forgets it with its writer', async () => {
    const patient = await host.signIn('patient', 'voice-complainer')
    const id = await complain(patient, '排队等了半天，窗口那个人还很拽，问什么都不理')
    const first = await tagsOf(id)
    expect(first.tagging.sentiment).toBe('negative')
    expect(first.tagging.themes.map((t) => t.id)).toEqual(expect.arrayContaining(['waiting', 'courtesy']))
    expect(first.tagging.themes.flatMap((t) => t.matched)).not.toContain('拽')

    dataOf(
      await admin.call('voice', 'saveLexiconEntry', { phrase: '很拽', kind: 'term', theme: 'courtesy', weight: -0.8 }),
    )
    const swept = (await post(`${host.url}/dev/sweep`, '{}')).body as { sweeps: Record<string, number> }
    expect(swept.sweeps.retaggedTexts).toBeGreaterThanOrEqual(1)
    const again = await tagsOf(id)
    expect(again.version).toBeGreaterThan(first.version)
    expect(again.tagging.themes.flatMap((t) => t.matched)).toContain('很拽')
    expect(
      ((await post(`${host.url}/dev/sweep`, '{}')).body as { sweeps: Record<string, number> }).sweeps.retaggedTexts,
    ).toBe(0)

    dataOf(await patient.call('identity', 'deleteMe', { confirm: true }))
    expect(await tagsOf(id)).toBeUndefined()
  })
})

describe('患者声音', () => {
  it('counts a department’s themes from five texts, opens a cell’s texts to its manager, and not to another’s', async () => {
    const patient = await host.signIn('patient')
    const departments = dataOf(await patient.call<{ id: string; name: string }[]>('identity', 'departments'))
    const [home, other] = [departments[1], departments[2]]
    const texts = [
      '挂号以后排队等了半天，太慢了',
      '候诊等了两个小时也没人管',
      '护士态度很好，非常感谢她们',
      '排队太久了，希望医院改进',
      '等候时间太长，下午都耽误了',
    ]
    for (const [i, text] of texts.entries()) {
      const writer = await consentToTreatmentText(await host.signIn('patient', `voice-heat-${i}`))
      dataOf(
        await writer.call('feedback', 'submit', {
          kind: 'complaint',
          departmentId: home.id,
          categories: ['其他'],
          text: `${text}。`,
          anonymous: false,
        }),
      )
    }
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)
    // One complaint about waiting last month: the top themes compare with it.
    host.setClock(new Date(`${shiftMonth(month, -1)}-15T04:00:00Z`))
    const earlier = await consentToTreatmentText(await host.signIn('patient', 'voice-heat-earlier'))
    const lastMonth = dataOf(
      await earlier.call<{ id: string }>('feedback', 'submit', {
        kind: 'complaint',
        departmentId: home.id,
        categories: ['其他'],
        text: '候诊等了一个多小时，太慢了。',
        anonymous: false,
      }),
    )
    host.setClock(null)
    const homeManager = await host.signIn('manager', 'voice-heat-manager', home.id)
    const heat = dataOf(await homeManager.call<HeatView>('voice', 'heat', { month }))
    const row = heat.departments.find((d) => d.departmentId === home.id)
    expect(row?.comments).toBe(5)
    expect(row?.cells).toEqual(expect.arrayContaining([expect.objectContaining({ theme: 'waiting', negative: 4 })]))

    const comments = dataOf(
      await homeManager.call<TaggedComment[]>('voice', 'heatComments', {
        month,
        departmentId: home.id,
        theme: 'waiting',
      }),
    )
    expect(comments).toHaveLength(4)
    expect(comments.every((c) => c.source === 'complaint' && c.tagging.sentiment === 'negative')).toBe(true)
    expect(comments.map((c) => c.text)).toContain('候诊等了两个小时也没人管。')

    const top = dataOf(await homeManager.call<TopThemes>('voice', 'topThemes', { departmentId: home.id, month }))
    expect(top.comments).toBe(5)
    expect(top.themes?.[0]).toMatchObject({ id: 'waiting', negative: 4, previousNegative: 1 })
    expect(top.themes?.[0].examples).toHaveLength(2)
    for (const example of top.themes?.[0].examples ?? []) expect(texts.map((t) => `${t}。`)).toContain(example)

    const queue = dataOf(await homeManager.call<{ id: string }[]>('feedback', 'queue', {}))
    const ids = queue.map((item) => item.id).filter((id) => id !== lastMonth.id)
    const tags = dataOf(
      await homeManager.call<Record<string, Tagging>>('voice', 'tagsOf', { source: 'complaint', ids }),
    )
    expect(Object.keys(tags)).toHaveLength(5)
    expect(Object.values(tags).filter((t) => t.themes.some((theme) => theme.id === 'waiting'))).toHaveLength(4)

    const otherManager = await host.signIn('manager', 'voice-heat-other', other.id)
    expect(dataOf(await otherManager.call('voice', 'tagsOf', { source: 'complaint', ids }))).toEqual({})
    const refused = errorOf(
      await otherManager.call('voice', 'heatComments', { month, departmentId: home.id, theme: 'waiting' }),
    )
    expect(refused.code).toBe('FORBIDDEN')
  })
})

describe('survey comments', () => {
  it('are tagged with the response, under their visit type’s item names, and a response without a comment is not', async () => {
    const patient = await host.signIn('patient')
    const departments = dataOf(await patient.call<Department[]>('identity', 'departments'))
    const department = departments[3]
    const before = await host.host.store.sql.query('SELECT 1 FROM voice_tags WHERE source = $1', ['survey'])
    const code = await visitCode(admin, 'voice-survey', department)
    const opened = dataOf(await patient.call<OpenVisitResult>('survey', 'openVisit', { code }))
    const comment = '医生很耐心，就是取药排队太久了'
    const answers = answersFor(opened, 4, 4)
    dataOf(await patient.call('survey', 'submit', { code, answers, recommend: 8, comment, commentConsent: true }))
    const [row] = await host.host.store.sql.query<{ department_id: string; visit_type: string; tagging: Tagging }>(
      `SELECT department_id, visit_type, tagging FROM voice_tags WHERE source = 'survey' ORDER BY source_id::bigint DESC LIMIT 1`,
    )
    expect(row.department_id).toBe(department.id)
    expect(row.visit_type).toBe(opened.visit.type)
    expect(row.tagging.themes.map((t) => t.polarity)).toEqual(expect.arrayContaining(['positive', 'negative']))

    const silent = await visitCode(admin, 'voice-survey-silent', department)
    const openedSilent = dataOf(await patient.call<OpenVisitResult>('survey', 'openVisit', { code: silent }))
    dataOf(
      await patient.call('survey', 'submit', { code: silent, answers: answersFor(openedSilent, 4, 4), recommend: 8 }),
    )
    const after = await host.host.store.sql.query('SELECT 1 FROM voice_tags WHERE source = $1', ['survey'])
    expect(after.length).toBe(before.length + 1)
  })
  it('show on the low-score alert they raise', async () => {
    const patient = await host.signIn('patient', 'voice-alert')
    const department = dataOf(await patient.call<Department[]>('identity', 'departments'))[4]
    const code = await visitCode(admin, 'voice-alert', department)
    const opened = dataOf(await patient.call<OpenVisitResult>('survey', 'openVisit', { code }))
    const comment = '护士态度很差，问什么都不理'
    const answers = answersFor(opened, 1, 1)
    dataOf(await patient.call('survey', 'submit', { code, answers, recommend: 2, comment, commentConsent: true }))
    const alerts = dataOf(await admin.call<AlertView[]>('survey', 'alerts', { departmentId: department.id }))
    const alert = alerts.find((a) => a.comment === comment)
    expect(alert?.themes).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'courtesy', polarity: 'negative' })]),
    )
  })
})

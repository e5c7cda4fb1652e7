import type { CallEvent, CallResult, LexiconView, Tagging } from '../../src/contract'
import { RootStore } from '../../src/stores/root-store'
import { createMemoryStorage } from '../../src/stores/support/storage'
import { fakeApi, type Responder } from '../support/fake-api'

const view = (phrases: string[]): LexiconView => ({
  builtIn: 800,
  custom: phrases.map((phrase) => ({
    phrase,
    kind: 'term',
    theme: 'courtesy',
    weight: -0.8,
    enabled: true,
    updatedAt: '2026-04-01T00:00:00.000Z',
  })),
  themes: [],
})
const negative: Tagging = {
  sentiment: 'negative',
  score: -0.6,
  themes: [{ id: 'courtesy', polarity: 'negative', matched: ['拽'] }],
}

function storeWith(respond: Responder) {
  const toasts: string[] = []
  const { api, sent } = fakeApi(respond)
  const root = new RootStore({ api, storage: createMemoryStorage(), toast: (m) => toasts.push(m), devSignIn: null })
  return { voice: root.voice, sent, toasts }
}

const ok = <T>(data: T): CallResult<unknown> => ({ ok: true, data })

describe('VoiceStore', () => {
  it('saves a phrase with its weight as a number, clears the form and reads the trial text again', async () => {
    const { voice, sent } = storeWith((_fn: string, event: CallEvent) => {
      if (event.action === 'saveLexiconEntry') return ok(view(['拽']))
      return ok(negative)
    })
    voice.setTrialText('护士太拽了')
    await voice.tryText()
    voice.setForm({ phrase: ' 拽 ', theme: 'courtesy', weight: '-0.8' })
    await voice.save()
    expect(sent.map((s) => `${s.fn}.${s.event.action}`)).toEqual([
      'survey.analyzeText',
      'voice.saveLexiconEntry',
      'survey.analyzeText',
    ])
    expect(sent[1].event.data).toEqual({ phrase: '拽', kind: 'term', theme: 'courtesy', weight: -0.8 })
    expect(voice.lexicon?.custom.map((e) => e.phrase)).toEqual(['拽'])
    expect(voice.form.phrase).toBe('')
    expect(voice.trialResult).toEqual(negative)
  })

  it('keeps the form and shows the field message when the save is refused', async () => {
    const { voice } = storeWith(() => ({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: '填写的内容有误',
        fields: [{ path: 'phrase', message: '词语不能含标点或空格' }],
      },
    }))
    voice.setForm({ phrase: '很，差' })
    await voice.save()
    expect(voice.form.phrase).toBe('很，差')
    expect(voice.saving.fieldError('phrase')).toBe('词语不能含标点或空格')
  })

  it('does not send a trial text longer than the limit, and sends the visit type when one is chosen', async () => {
    const { voice, sent } = storeWith(() => ok(negative))
    voice.setTrialText('好'.repeat(2001))
    await voice.tryText()
    expect(voice.trialTooLong).toBe(true)
    expect(sent).toEqual([])
    voice.setTrialText('病房太吵')
    voice.setTrialVisitType('inpatient')
    await voice.tryText()
    expect(sent[0].event.data).toEqual({ text: '病房太吵', visitType: 'inpatient' })
  })

  it('switches an entry off by saving it again with enabled false', async () => {
    const { voice, sent, toasts } = storeWith(() => ok(view([])))
    await voice.setEnabled(view(['拽']).custom[0], false)
    expect(sent[0].event).toMatchObject({ action: 'saveLexiconEntry', data: { phrase: '拽', enabled: false } })
    expect(sent[0].event.data).not.toHaveProperty('updatedAt')
    expect(toasts).toEqual(['已停用'])
  })
})

describe('VoiceHeatStore', () => {
  const heat = {
    month: '2026-04',
    minComments: 5,
    themes: [
      { id: 'waiting', label: '候诊时间', negative: 6 },
      { id: 'courtesy', label: '服务礼仪与态度', negative: 2 },
    ],
    departments: [
      {
        departmentId: 'd1',
        departmentName: '心内科',
        comments: 9,
        cells: [
          { theme: 'waiting', negative: 6, positive: 0, mentions: 6 },
          { theme: 'courtesy', negative: 2, positive: 1, mentions: 3 },
        ],
      },
      { departmentId: 'd2', departmentName: '骨科', comments: 3, cells: null },
    ],
  }

  it('loads a month, scales cells against the hottest, and opens a cell’s comments for that month', async () => {
    const { api, sent: calls } = fakeApi((_fn, event) => ok(event.action === 'heat' ? heat : []))
    const store = new RootStore({ api, storage: createMemoryStorage(), toast: () => {}, devSignIn: null }).voiceHeat
    expect(store.heat).toBeNull()
    await store.setMonth('2026-04')
    expect(store.columns.map((c) => c.id)).toEqual(['waiting', 'courtesy'])
    expect(store.heatOf(6)).toBe(1)
    expect(store.heatOf(2)).toBeCloseTo(1 / 3)
    await store.openCell({ departmentId: 'd1', departmentName: '心内科', theme: 'courtesy' })
    expect(calls.map((c) => c.event)).toEqual([
      expect.objectContaining({ action: 'heat', data: { month: '2026-04' } }),
      expect.objectContaining({
        action: 'heatComments',
        data: { month: '2026-04', departmentId: 'd1', theme: 'courtesy' },
      }),
    ])
    expect(store.commentsLoading.status).toBe('ready')
  })
})

describe('VoiceTagsStore', () => {
  it('offers the themes the listed texts have and filters the list by one, across visit-type names', async () => {
    const tags: Record<string, Tagging> = {
      a: {
        sentiment: 'negative',
        score: -0.5,
        themes: [{ id: 'waiting', polarity: 'negative', matched: ['等了半天'] }],
      },
      b: { sentiment: 'negative', score: -0.5, themes: [{ id: 'nurse', polarity: 'negative', matched: ['护士'] }] },
    }
    const { api, sent } = fakeApi(() => ok(tags))
    const store = new RootStore({ api, storage: createMemoryStorage(), toast: () => {}, devSignIn: null }).voiceTags
    await store.load('complaint', ['a', 'b', 'c'])
    expect(sent[0].event.data).toEqual({ source: 'complaint', ids: ['a', 'b', 'c'] })
    expect(store.themes.map((t) => t.id)).toEqual(['waiting', 'nursing'])
    store.setTheme('nursing')
    expect(['a', 'b', 'c'].filter((id) => store.shows(id))).toEqual(['b'])
    store.setTheme(null)
    expect(['a', 'b', 'c'].filter((id) => store.shows(id))).toEqual(['a', 'b', 'c'])
  })
})

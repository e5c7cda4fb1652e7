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

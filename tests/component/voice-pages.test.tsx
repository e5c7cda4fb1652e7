import { act, fireEvent, render, screen, within } from '@testing-library/react'
import type { ComponentType } from 'react'
import type { CallEvent, CallResult, HeatView, LexiconView, TaggedComment, Tagging, UserView } from '../../src/contract'
import { THEME_IDS } from '../../src/contract'
import HeatPage from '../../src/pages/voice/heat/index'
import LexiconPage from '../../src/pages/voice/lexicon/index'
import { StoreContext } from '../../src/stores/context'
import { RootStore } from '../../src/stores/root-store'
import { createMemoryStorage } from '../../src/stores/support/storage'
import { fakeApi, type Responder } from '../support/fake-api'

const person = (roles: UserView['roles'], departmentId: string | null = null): UserView => ({
  id: '00000000-0000-4000-8000-000000000031',
  name: '院办',
  roles,
  departmentId,
  departmentName: null,
  prefs: { largeText: false, sensitiveText: null },
  staff: null,
})
const admin = person(['patient', 'staff', 'admin'])

async function renderPage(Page: ComponentType, me: UserView, respond: Responder) {
  const { api, sent } = fakeApi((fn, event) => (event.action === 'me' ? { ok: true, data: me } : respond(fn, event)))
  const store = new RootStore({ api, storage: createMemoryStorage(), toast: () => {}, devSignIn: null })
  render(
    <StoreContext.Provider value={store}>
      <Page />
    </StoreContext.Provider>,
  )
  await act(() => store.identity.load())
  return { store, sent }
}

const actions = (sent: { event: CallEvent }[], action: string) =>
  sent.filter((s) => s.event.action === action).map((s) => s.event.data)

describe('the lexicon page', () => {
  const view = (custom: LexiconView['custom'] = []): LexiconView => ({
    builtIn: 828,
    custom,
    themes: [{ id: 'courtesy', label: '服务态度' }],
  })
  const tagging: Tagging = {
    sentiment: 'negative',
    score: -0.62,
    themes: [{ id: 'waiting', polarity: 'negative', matched: ['排队', '等了半天'] }],
  }
  const TRY_PLACEHOLDER = '例如：医生很耐心，就是排队等了太久'

  test('shows the size of the seeded lexicon and explains a trial text phrase by phrase', async () => {
    const { sent } = await renderPage(LexiconPage, admin, (_fn, event) =>
      event.action === 'lexicon' ? { ok: true, data: view() } : { ok: true, data: tagging },
    )
    expect(screen.getByText(/内置词典 828 个词语/)).toBeTruthy()
    expect(screen.getByText('还没有添加词语，内置词典已在使用')).toBeTruthy()

    fireEvent.change(screen.getByPlaceholderText(TRY_PLACEHOLDER), { target: { value: '排队等了半天' } })
    await act(async () => {
      fireEvent.click(screen.getByText('分析'))
    })
    expect(actions(sent, 'analyzeText')).toEqual([{ text: '排队等了半天' }])
    const result = screen.getByLabelText('分析结果')
    expect(within(result).getByText('分值 -0.62')).toBeTruthy()
    expect(within(result).getByText('依据：「排队」 「等了半天」')).toBeTruthy()
  })

  test('keeps the trial text and shows why when 试一试 fails, and refuses a text over the limit before sending', async () => {
    const { sent } = await renderPage(LexiconPage, admin, (_fn, event) =>
      event.action === 'lexicon'
        ? { ok: true, data: view() }
        : { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } },
    )
    const box = screen.getByPlaceholderText(TRY_PLACEHOLDER) as HTMLTextAreaElement
    fireEvent.change(box, { target: { value: '护士很耐心' } })
    await act(async () => {
      fireEvent.click(screen.getByText('分析'))
    })
    expect(screen.getByText(/系统繁忙/)).toBeTruthy()
    expect(box.value).toBe('护士很耐心')
    expect(screen.queryByLabelText('分析结果')).toBeNull()

    fireEvent.change(box, { target: { value: '好'.repeat(2001) } })
    expect(screen.getByText('文本不超过2000字')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('分析'))
    })
    expect(actions(sent, 'analyzeText')).toHaveLength(1)
  })

  test('saves a phrase with its theme and weight and lists it among the hospital’s own', async () => {
    const saved = { phrase: '很拽', kind: 'term' as const, theme: 'courtesy' as const, weight: -0.8, enabled: true }
    const { sent } = await renderPage(LexiconPage, admin, (_fn, event) =>
      event.action === 'saveLexiconEntry'
        ? { ok: true, data: view([{ ...saved, updatedAt: '2026-11-30T04:00:00.000Z' }]) }
        : { ok: true, data: view() },
    )
    fireEvent.change(screen.getByPlaceholderText('如：态度敷衍'), { target: { value: ' 很拽 ' } })
    // Choice 0 is 无主题, then THEME_IDS in order.
    fireEvent.change(screen.getByLabelText('主题'), { target: { value: String(THEME_IDS.indexOf('courtesy') + 1) } })
    fireEvent.change(screen.getByDisplayValue('-0.6'), { target: { value: '-0.8' } })
    await act(async () => {
      fireEvent.click(screen.getByText('保存词语'))
    })
    expect(actions(sent, 'saveLexiconEntry')).toEqual([
      { phrase: '很拽', kind: 'term', theme: 'courtesy', weight: -0.8 },
    ])
    expect(screen.getByText('「很拽」')).toBeTruthy()
    expect(screen.getByText(/权重 -0.8/)).toBeTruthy()
    expect((screen.getByPlaceholderText('如：态度敷衍') as HTMLInputElement).value).toBe('')
  })

  test('keeps the form filled and shows the field’s message when the server refuses the phrase', async () => {
    await renderPage(LexiconPage, admin, (_fn, event) =>
      event.action === 'saveLexiconEntry'
        ? {
            ok: false,
            error: {
              code: 'INVALID_INPUT',
              message: '请检查输入',
              fields: [{ path: 'phrase', message: '词语不能含标点' }],
            },
          }
        : { ok: true, data: view() },
    )
    fireEvent.change(screen.getByPlaceholderText('如：态度敷衍'), { target: { value: '很拽！' } })
    await act(async () => {
      fireEvent.click(screen.getByText('保存词语'))
    })
    expect(screen.getByText('词语不能含标点')).toBeTruthy()
    expect((screen.getByPlaceholderText('如：态度敷衍') as HTMLInputElement).value).toBe('很拽！')
  })

  test('is for admins only', async () => {
    const { sent } = await renderPage(LexiconPage, person(['patient', 'staff', 'manager'], 'd1'), () => ({
      ok: false,
      error: { code: 'FORBIDDEN', message: '无权限' },
    }))
    expect(screen.getByText('仅管理员可维护评论标注词典')).toBeTruthy()
    expect(screen.queryByText('试一试')).toBeNull()
    expect(actions(sent, 'saveLexiconEntry')).toEqual([])
  })
})

describe('the 患者声音 page', () => {
  const heat: HeatView = {
    month: '2026-11',
    minComments: 5,
    themes: [
      { id: 'waiting', label: '候诊时间', negative: 6 },
      { id: 'courtesy', label: '服务态度', negative: 2 },
    ],
    departments: [
      {
        departmentId: 'd1',
        departmentName: '心内科',
        comments: 12,
        cells: [
          { theme: 'waiting', negative: 6, positive: 1, mentions: 8 },
          { theme: 'courtesy', negative: 2, positive: 3, mentions: 5 },
        ],
      },
      { departmentId: 'd2', departmentName: '眼科', comments: 3, cells: null },
    ],
  }
  const comments: TaggedComment[] = [
    {
      source: 'complaint',
      text: '候诊等了半天没人理',
      tagging: {
        sentiment: 'negative',
        score: -0.7,
        themes: [{ id: 'waiting', polarity: 'negative', matched: ['等了半天'] }],
      },
    },
  ]
  const manager = person(['patient', 'staff', 'manager'], 'd1')

  test('shows each department’s negative mentions by theme, 样本不足 below the minimum, and opens a cell’s texts', async () => {
    const { sent } = await renderPage(HeatPage, manager, (_fn, event) =>
      event.action === 'heat' ? { ok: true, data: heat } : { ok: true, data: comments },
    )
    expect(screen.getByText('候诊时间')).toBeTruthy()
    expect(screen.getByText('样本不足（少于5条，不分主题）')).toBeTruthy()
    const cell = screen.getByLabelText('心内科 候诊时间：负面6条，共8条')
    await act(async () => {
      fireEvent.click(cell)
    })
    const month = (actions(sent, 'heat')[0] as { month: string }).month
    expect(actions(sent, 'heatComments')).toEqual([{ month, departmentId: 'd1', theme: 'waiting' }])
    const opened = screen.getByLabelText('这一格的评论')
    expect(within(opened).getByText('候诊等了半天没人理')).toBeTruthy()
    expect(within(opened).getByText('依据：「等了半天」')).toBeTruthy()
    expect(within(opened).getByText('发布“你说·我们做”')).toBeTruthy()
  })

  test('says when a cell has no texts the caller may read, and offers a retry when the month fails to load', async () => {
    let reply: CallResult<unknown> = { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } }
    const { store } = await renderPage(HeatPage, manager, (_fn, event) =>
      event.action === 'heat' ? reply : { ok: true, data: [] },
    )
    await act(async () => {
      await store.voiceHeat.load()
    })
    expect(screen.getByText(/系统繁忙/)).toBeTruthy()
    reply = { ok: true, data: heat }
    await act(async () => {
      fireEvent.click(screen.getByText('重新加载'))
    })
    await act(async () => {
      fireEvent.click(screen.getByLabelText('心内科 服务态度：负面2条，共5条'))
    })
    expect(screen.getByText('没有可查看的评论（仅管理员和本科室负责人可查看原文）')).toBeTruthy()
  })

  test('is for managers and admins only', async () => {
    await renderPage(HeatPage, person(['patient']), () => ({
      ok: false,
      error: { code: 'FORBIDDEN', message: '无权限' },
    }))
    expect(screen.getByText('仅科室负责人和管理员可查看患者声音')).toBeTruthy()
  })
})

import { act, fireEvent, render, screen } from '@testing-library/react'
import {
  EXCELLENT_RULE_TEXT,
  type CallResult,
  type ExcellentList,
  type ExcellentShortlist,
  type ExcellentVolunteer,
} from '../../src/contract'
import { ExcellentCard } from '../../src/pages/volunteer/admin/recognition-cards'
import { PublishedExcellentCard } from '../../src/pages/volunteer/shared/excellent-list'
import { StoreContext } from '../../src/stores/context'
import { RootStore } from '../../src/stores/root-store'
import { createMemoryStorage } from '../../src/stores/support/storage'
import { fakeApi } from '../support/fake-api'

const wang: ExcellentVolunteer = {
  userId: '00000000-0000-4000-8000-0000000000b1',
  name: '王建华',
  team: '党员',
  minutes: 12_750,
  services: 38,
  averageRating: 4.9,
}
const li: ExcellentVolunteer = {
  ...wang,
  userId: '00000000-0000-4000-8000-0000000000b2',
  name: '李秀英',
  team: '老年',
  minutes: 2100,
  averageRating: null,
}
const PUBLISHED_AT = '2026-01-05T02:00:00.000Z'

function renderWith(ui: JSX.Element, answer: (action: string, data: unknown) => unknown) {
  const { api, sent } = fakeApi((_fn, event): CallResult<unknown> => ({
    ok: true,
    data: answer(event.action, event.data),
  }))
  const store = new RootStore({ api, storage: createMemoryStorage(), toast: () => {}, devSignIn: null })
  render(<StoreContext.Provider value={store}>{ui}</StoreContext.Provider>)
  return { sent, store }
}

const click = (text: string | RegExp) => act(async () => void fireEvent.click(screen.getByText(text)))

test('the admin unticks a candidate and publishes the rest, then sees the list as published', async () => {
  const year = new Date().getFullYear()
  const shortlist: ExcellentShortlist = { year, rule: EXCELLENT_RULE_TEXT, candidates: [wang, li], published: null }
  const { sent, store } = renderWith(<ExcellentCard />, (action, data) => {
    if (action === 'excellentShortlist') return shortlist
    const { userIds } = data as { userIds: string[] }
    const volunteers = shortlist.candidates.filter((c) => userIds.includes(c.userId))
    return { year, rule: EXCELLENT_RULE_TEXT, published: { publishedAt: PUBLISHED_AT, volunteers } }
  })
  await act(() => store.volunteer.recognition.loadShortlist())
  expect(screen.getByText(`评选规则：${EXCELLENT_RULE_TEXT}`)).toBeTruthy()
  expect(screen.getByText(`发布 ${year} 年优秀志愿者名单（2 人）`)).toBeTruthy()

  await click('李秀英 · 老年服务队')
  await click(`发布 ${year} 年优秀志愿者名单（1 人）`)
  expect(sent.find((s) => s.event.action === 'publishExcellent')?.event.data).toEqual({ year, userIds: [wang.userId] })
  expect(screen.getByText(/^已发布/)).toBeTruthy()
  expect(screen.getByText('王建华 · 党员服务队')).toBeTruthy()
  expect(screen.queryByText('李秀英 · 老年服务队')).toBeNull()
  expect(screen.queryByText(/^发布/)).toBeNull()
})

test('the hall card shows the latest published list with its rule, or says none is published yet', async () => {
  let list: ExcellentList = { year: 2026, rule: EXCELLENT_RULE_TEXT, published: null }
  const { store } = renderWith(<PublishedExcellentCard />, () => list)
  await act(() => store.volunteer.recognition.loadList())
  expect(screen.getByText('本年度名单尚未发布')).toBeTruthy()

  list = { ...list, year: 2025, published: { publishedAt: PUBLISHED_AT, volunteers: [wang, li] } }
  await act(() => store.volunteer.recognition.loadList())
  expect(screen.getByText('2025 年优秀志愿者')).toBeTruthy()
  expect(screen.getByText('王建华 · 党员服务队')).toBeTruthy()
  expect(screen.getByText('212.5 小时 · 38 次 · 4.9 分')).toBeTruthy()
  expect(screen.getByText('35.0 小时 · 38 次 · 暂无评分')).toBeTruthy()
  expect(screen.getByText(`评选规则：${EXCELLENT_RULE_TEXT}`)).toBeTruthy()
})

import { act, fireEvent, render, screen } from '@testing-library/react'
import type { CallResult, Department, MyHelpRequest } from '../../src/contract'
import HelpPage from '../../src/pages/volunteer/help/index'
import { StoreContext } from '../../src/stores/context'
import { RootStore } from '../../src/stores/root-store'
import { createMemoryStorage } from '../../src/stores/support/storage'
import { fakeApi } from '../support/fake-api'

const ORTHOPAEDICS: Department = { id: '00000000-0000-4000-8000-00000000000d', name: '骨科', kind: 'clinical' }

const waiting: MyHelpRequest = {
  id: '00000000-0000-4000-8000-0000000000a1',
  need: '轮椅协助',
  from: '门诊大厅',
  toDepartment: '骨科',
  note: null,
  people: 1,
  status: 'waiting',
  createdAt: '2026-11-23T01:00:00.000Z',
  queuePosition: 3,
  waitingMinutes: 4,
  volunteer: null,
  rating: null,
  nextStep: '请在「门诊大厅」等候，志愿者接单后会到这里找您',
}

async function renderPage(answer: (action: string, data: unknown) => unknown) {
  const { api, sent } = fakeApi((_fn, event): CallResult<unknown> => ({
    ok: true,
    data: answer(event.action, event.data),
  }))
  const store = new RootStore({ api, storage: createMemoryStorage(), toast: () => {}, devSignIn: null })
  render(
    <StoreContext.Provider value={store}>
      <HelpPage />
    </StoreContext.Provider>,
  )
  await act(async () => {})
  return { sent, store }
}

const click = (text: string) => act(async () => void fireEvent.click(screen.getByText(text, { exact: true })))

test('asks for wheelchair help with big choices, then shows the place in the queue and the wait', async () => {
  let mine: MyHelpRequest | null = null
  const { sent } = await renderPage((action) => {
    if (action === 'departments') return [ORTHOPAEDICS]
    if (action === 'request') mine = waiting
    return mine
  })

  await click('轮椅协助')
  await click('门诊大厅')
  await click('骨科')
  await click('呼叫志愿者')

  expect(sent.find((s) => s.event.action === 'request')?.event.data).toEqual({
    need: '轮椅协助',
    from: '门诊大厅',
    to: ORTHOPAEDICS.id,
    people: 1,
  })
  expect(screen.getByText('等待中')).toBeTruthy()
  expect(screen.getByText('排队第 3 位')).toBeTruthy()
  expect(screen.getByText(/已等待 4 分钟/)).toBeTruthy()
  expect(screen.getByText('取消呼叫')).toBeTruthy()
})

test('shows the volunteer and team once claimed, and offers the rating once completed', async () => {
  const volunteer = { name: '王建华', team: '党员' as const }
  let mine: MyHelpRequest = { ...waiting, status: 'claimed', queuePosition: null, volunteer }
  const { sent, store } = await renderPage((action) => (action === 'departments' ? [ORTHOPAEDICS] : mine))
  expect(screen.getByText('已接单')).toBeTruthy()
  expect(screen.getByText(/志愿者 王建华（党员服务队）正在赶来/)).toBeTruthy()
  expect(screen.queryByText('请为本次服务打分')).toBeNull()

  mine = { ...mine, status: 'completed' }
  // What the next poll brings.
  await act(() => store.volunteer.loadMyRequest(true))
  expect(screen.getByText('已完成')).toBeTruthy()
  await click('★★★★')
  mine = { ...mine, rating: { stars: 4, comment: null } }
  await click('提交评价')
  expect(sent.at(-1)?.event).toMatchObject({ action: 'rate', data: { requestId: waiting.id, stars: 4 } })
  expect(screen.getByText(/您的评价：★★★★/)).toBeTruthy()
  expect(screen.queryByText('提交评价')).toBeNull()
})

import { fireEvent, render, screen } from '@testing-library/react'
import { StateView } from '../../src/components/state-view'
import { ApiFailure, NETWORK_MESSAGE } from '../../src/services/api/errors'
import { LoadState } from '../../src/stores/support/load-state'
import { calls, pageStack } from '../support/taro-api'

async function failedLoad(error: unknown): Promise<LoadState> {
  const load = new LoadState()
  await load.run(() => Promise.reject(error))
  return load
}

function renderState(load: LoadState, onRetry = jest.fn()) {
  render(
    <StateView status={load.status} error={load.error} errorCode={load.code} onRetry={onRetry}>
      内容
    </StateView>,
  )
  return onRetry
}

test('a read that lost the network says so without promising kept input, and offers 重新加载', async () => {
  const load = await failedLoad(new ApiFailure('NETWORK', NETWORK_MESSAGE))
  const onRetry = renderState(load)
  expect(screen.getByRole('alert').textContent).toContain('网络不稳定')
  expect(screen.getByRole('alert').textContent).not.toContain('保留')
  fireEvent.click(screen.getByText('重新加载'))
  expect(onRetry).toHaveBeenCalledTimes(1)
})

test('a missing record offers 返回, not 重新加载, and goes home when opened directly', async () => {
  const load = await failedLoad(new ApiFailure('NOT_FOUND', '没有找到这条记录'))
  renderState(load)
  expect(screen.getByRole('alert').textContent).toContain('没有找到这条记录')
  expect(screen.queryByText('重新加载')).toBeNull()
  const back = calls.navigateBack
  fireEvent.click(screen.getByText('返回'))
  expect(calls.navigateBack).toBe(back + 1)

  pageStack.depth = 1
  fireEvent.click(screen.getByText('返回'))
  expect(calls.switchTab.at(-1)).toBe('/pages/tabs/care/index')
  pageStack.depth = 2
})

test('an empty list offers the next step', () => {
  const next = jest.fn()
  render(
    <StateView
      status='ready'
      empty
      emptyText='您还没有提交过表扬或投诉'
      emptyAction={{ label: '去表扬/投诉', onTap: next }}
    >
      内容
    </StateView>,
  )
  expect(screen.getByText('您还没有提交过表扬或投诉')).toBeTruthy()
  fireEvent.click(screen.getByText('去表扬/投诉'))
  expect(next).toHaveBeenCalledTimes(1)
  expect(screen.queryByText('内容')).toBeNull()
})

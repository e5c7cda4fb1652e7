import { act, render, screen } from '@testing-library/react'
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import type { PendingStaff } from '../../src/contract'
import { PendingStaffCard } from '../../src/pages/tabs/me/pending-staff'
import { StoreContext } from '../../src/stores/context'
import { RootStore } from '../../src/stores/root-store'
import { createMemoryStorage } from '../../src/stores/support/storage'
import { fakeApi } from '../support/fake-api'
import { pullDown } from '../support/taro-api'

const waiting = (name: string): PendingStaff =>
  ({ userId: `u-${name}`, employeeNo: 'H0001', name, departmentName: '心内科' }) as PendingStaff

test('待审核职工 loads when shown and again on pull-down, and stops the spinner', async () => {
  let pending = [waiting('王芳')]
  const { api, sent } = fakeApi(() => ({ ok: true, data: pending }))
  const store = new RootStore({ api, storage: createMemoryStorage(), toast: () => {}, devSignIn: null })
  render(
    <StoreContext.Provider value={store}>
      <PendingStaffCard />
    </StoreContext.Provider>,
  )
  await act(async () => {})
  expect(screen.getByText(/王芳/)).toBeTruthy()

  pending = [waiting('王芳'), waiting('李强')]
  const stopped = pullDown.stopped
  await act(async () => pullDown.handler?.())
  expect(screen.getByText(/李强/)).toBeTruthy()
  expect(pullDown.stopped).toBe(stopped + 1)
  expect(sent.filter((s) => s.event.action === 'pendingStaff')).toHaveLength(2)
})

/** Every page that lists things (an empty-list state) refreshes on show and on pull-down. */
test('every list page turns on pull-down refresh and uses useFreshList', () => {
  const root = join(__dirname, '../../src/pages')
  const lists: string[] = []
  const stale: string[] = []
  for (const area of readdirSync(root)) {
    for (const page of readdirSync(join(root, area))) {
      const dir = join(root, area, page)
      const config = join(dir, 'index.config.ts')
      if (!existsSync(config)) continue
      const sources = readdirSync(dir)
        .filter((file) => file.endsWith('.tsx'))
        .map((file) => readFileSync(join(dir, file), 'utf8'))
        .join('\n')
      if (!/<StateView[^>]*empty=\{[^}]*length === 0/s.test(sources)) continue
      lists.push(`${area}/${page}`)
      const pulls = readFileSync(config, 'utf8').includes('enablePullDownRefresh: true')
      if (!pulls || !sources.includes('useFreshList(')) stale.push(`${area}/${page}`)
    }
  }
  expect(stale).toEqual([])
  expect(lists).toEqual(expect.arrayContaining(['feedback/mine', 'tabs/me', 'volunteer/hall']))
})

import { act, fireEvent, render, screen, within } from '@testing-library/react'
import type { ComponentType } from 'react'
import type { Role, UserView } from '../../src/contract'
import CarePage from '../../src/pages/tabs/care/index'
import StudyPage from '../../src/pages/tabs/study/index'
import VolunteerPage from '../../src/pages/tabs/volunteer/index'
import { StoreContext } from '../../src/stores/context'
import { RootStore } from '../../src/stores/root-store'
import { createMemoryStorage } from '../../src/stores/support/storage'
import { fakeApi } from '../support/fake-api'
import { calls } from '../support/taro-api'

const person = (roles: Role[]): UserView => ({
  id: '00000000-0000-4000-8000-000000000009',
  name: '测试',
  roles,
  departmentId: null,
  departmentName: null,
  prefs: { largeText: false, sensitiveText: null },
  staff: null,
})

async function renderAs(roles: Role[], Page: ComponentType) {
  const { api } = fakeApi((_fn, event) =>
    event.action === 'me' ? { ok: true, data: person(roles) } : { ok: true, data: [] },
  )
  const store = new RootStore({ api, storage: createMemoryStorage(), toast: () => {}, devSignIn: null })
  await store.identity.load()
  const view = render(
    <StoreContext.Provider value={store}>
      <Page />
    </StoreContext.Provider>,
  )
  await act(async () => {})
  return view
}

const tileTitles = (container: HTMLElement) =>
  Array.from(container.querySelectorAll('.rx-entry__title')).map((tile) => tile.textContent)

test("a patient's 志愿服务 tab leads with 呼叫志愿者 and offers 报名; a volunteer's leads with serving", async () => {
  const patient = await renderAs(['patient'], VolunteerPage)
  expect(tileTitles(patient.container).slice(0, 2)).toEqual(['呼叫志愿者', '报名志愿者'])
  patient.unmount()

  const volunteer = await renderAs(['patient', 'volunteer'], VolunteerPage)
  const titles = tileTitles(volunteer.container)
  expect(titles[0]).toBe('上岗接单')
  expect(titles).not.toContain('报名志愿者')
  expect(titles).not.toContain('呼叫志愿者')
})

test('就医服务 keeps the admin tools apart from what a patient comes for', async () => {
  const patient = await renderAs(['patient'], CarePage)
  expect(screen.queryByRole('region', { name: '管理工具' })).toBeNull()
  expect(tileTitles(patient.container)).toContain('呼叫志愿者')
  patient.unmount()

  const admin = await renderAs(['patient', 'admin'], CarePage)
  const tools = screen.getByRole('region', { name: '管理工具' })
  expect(tileTitles(tools)).toEqual(expect.arrayContaining(['表扬审核', '服务明星评选', '投诉处理']))
  expect(tileTitles(tools)).not.toContain('满意度评价')
  const patientTiles = tileTitles(admin.container).filter((title) => !tileTitles(tools).includes(title))
  expect(patientTiles).toEqual(expect.arrayContaining(['满意度评价', '呼叫志愿者', '表扬与投诉']))
  expect(patientTiles).not.toContain('表扬审核')
})

test("a patient's 学习签到 tab says what it is for and how staff bind their identity", async () => {
  await renderAs(['patient'], StudyPage)
  const note = screen.getByRole('region', { name: '学习签到说明' })
  expect(note.textContent).toContain('本院职工')
  expect(note.textContent).toContain('工号')
  fireEvent.click(within(note).getByText('去职工认证'))
  expect(calls.switchTab.at(-1)).toBe('/pages/tabs/me/index')
})

import { act, fireEvent, render, screen } from '@testing-library/react'
import type { CallResult, Department, ImportRosterResult, UserView } from '../../src/contract'
import RosterPage from '../../src/pages/identity/roster/index'
import MePage from '../../src/pages/tabs/me/index'
import { StoreContext } from '../../src/stores/context'
import { RootStore } from '../../src/stores/root-store'
import { ROSTER_DRAFT_KEY } from '../../src/stores/roster-store'
import { createMemoryStorage, type KeyValueStorage } from '../../src/stores/support/storage'
import { fakeApi, type Responder } from '../support/fake-api'
import { calls } from '../support/taro-api'

const admin: UserView = {
  id: '00000000-0000-4000-8000-000000000021',
  name: '管理员',
  roles: ['patient', 'staff', 'admin'],
  departmentId: null,
  departmentName: null,
  prefs: { largeText: false, sensitiveText: null },
  staff: null,
}

const PLACEHOLDER = '从 Excel 复制粘贴（含表头）'
const pasted = [
  '工号\t姓名\t科室\t职称\t党员',
  'R1001\t周医生\t心内科\t主任医师\t是',
  'R1002\t王\t心内科\t医师\t否',
].join('\n')
const imported: ImportRosterResult = {
  created: 1,
  updated: 0,
  unchanged: 0,
  departmentsCreated: [],
  errors: [{ line: 3, message: '请填写姓名' }],
}

async function renderPage(
  respond: Responder,
  storage: KeyValueStorage = createMemoryStorage(),
  me: UserView = admin,
  Page = RosterPage,
  departments: () => CallResult<Department[]> = () => ({ ok: true, data: [] }),
) {
  const { api, sent } = fakeApi((fn, event) => {
    if (event.action === 'me') return { ok: true, data: me }
    if (event.action === 'departments') return departments()
    return respond(fn, event)
  })
  const store = new RootStore({ api, storage, toast: () => {}, devSignIn: null })
  render(
    <StoreContext.Provider value={store}>
      <Page />
    </StoreContext.Provider>,
  )
  await act(() => store.identity.load())
  return { store, sent, storage }
}

const imports = (sent: Awaited<ReturnType<typeof renderPage>>['sent']) =>
  sent.filter((s) => s.event.action === 'importRoster')

test('imports the pasted lines and shows the counts and each line in error', async () => {
  const { sent } = await renderPage(() => ({ ok: true, data: imported }))
  fireEvent.change(screen.getByPlaceholderText(PLACEHOLDER), { target: { value: pasted } })
  expect(screen.getByText('共 2 行')).toBeTruthy()
  await act(async () => {
    fireEvent.click(screen.getByText('导入'))
  })

  expect(imports(sent).map((s) => s.event.data)).toEqual([{ text: pasted }])
  const summary = screen.getByLabelText('导入结果').textContent ?? ''
  expect(summary).toContain('新增 1')
  expect(summary).toContain('有误 1')
  expect(screen.getByText('第3行：请填写姓名')).toBeTruthy()
  // A line in error stays in the box, to be fixed and imported again.
  expect((screen.getByPlaceholderText(PLACEHOLDER) as HTMLTextAreaElement).value).toBe(pasted)
})

test('keeps the pasted text after a failed import and retries with the same request id', async () => {
  let reply: CallResult<unknown> = { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } }
  const storage = createMemoryStorage()
  const { sent } = await renderPage(() => reply, storage)
  fireEvent.change(screen.getByPlaceholderText(PLACEHOLDER), { target: { value: pasted } })
  await act(async () => {
    fireEvent.click(screen.getByText('导入'))
  })

  expect(screen.getByText('系统繁忙，请稍后再试（已为您保留粘贴的内容）')).toBeTruthy()
  expect((screen.getByPlaceholderText(PLACEHOLDER) as HTMLTextAreaElement).value).toBe(pasted)
  expect(storage.get(ROSTER_DRAFT_KEY)).toBe(pasted)

  reply = { ok: true, data: { ...imported, created: 2, errors: [] } }
  await act(async () => {
    fireEvent.click(screen.getByText('导入'))
  })
  const [first, retry] = imports(sent)
  expect(retry.event.requestId).toBe(first.event.requestId)
  expect(screen.getByLabelText('导入结果').textContent).toContain('新增 2')
  expect((screen.getByPlaceholderText(PLACEHOLDER) as HTMLTextAreaElement).value).toBe('')
  expect(storage.get(ROSTER_DRAFT_KEY)).toBeUndefined()
})

test('brings back a draft pasted before the app was closed, and sends nothing when the box is empty or too full', async () => {
  const storage = createMemoryStorage()
  storage.set(ROSTER_DRAFT_KEY, pasted)
  const { sent } = await renderPage(() => ({ ok: true, data: imported }), storage)
  expect((screen.getByPlaceholderText(PLACEHOLDER) as HTMLTextAreaElement).value).toBe(pasted)

  fireEvent.change(screen.getByPlaceholderText(PLACEHOLDER), { target: { value: '' } })
  await act(async () => {
    fireEvent.click(screen.getByText('导入'))
  })
  expect(screen.getByText('请粘贴花名册（含表头）')).toBeTruthy()

  // Over what one request may carry: refused on the device, where the host would refuse the body.
  fireEvent.change(screen.getByPlaceholderText(PLACEHOLDER), { target: { value: `${pasted}\n${'张'.repeat(22_000)}` } })
  await act(async () => {
    fireEvent.click(screen.getByText('导入'))
  })
  expect(screen.getByText('内容过大，请减少行数，分批导入')).toBeTruthy()
  expect(imports(sent)).toEqual([])
})

test('links the import from 我的 for an admin', async () => {
  await renderPage(() => ({ ok: true, data: [] }), createMemoryStorage(), admin, MePage)
  await act(async () => {
    fireEvent.click(screen.getByText('导入职工花名册'))
  })
  expect(calls.navigateTo).toContain('/pages/identity/roster/index')
})

test('tells a non-admin the page is for admins only', async () => {
  await renderPage(() => ({ ok: true, data: imported }), createMemoryStorage(), {
    ...admin,
    roles: ['patient', 'staff'],
  })
  expect(screen.getByText('仅管理员可导入职工花名册')).toBeTruthy()
  expect(screen.queryByPlaceholderText(PLACEHOLDER)).toBeNull()
})

test('shows each department with its kind, and corrects a kind the import guessed', async () => {
  const radiology: Department = { id: '00000000-0000-4000-8000-0000000000d1', name: '放射科', kind: 'clinical' }
  const { sent } = await renderPage(
    () => ({ ok: true, data: { ...radiology, kind: 'medtech' } }),
    createMemoryStorage(),
    admin,
    RosterPage,
    () => ({ ok: true, data: [radiology] }),
  )
  const picker = await screen.findByLabelText('放射科的类别')
  expect(screen.getByText('临床科室', { selector: 'div' })).toBeTruthy()
  await act(async () => {
    fireEvent.change(picker, { target: { value: '1' } })
  })
  expect(sent.find((s) => s.event.action === 'setDepartmentKind')?.event.data).toEqual({
    departmentId: radiology.id,
    kind: 'medtech',
  })
  expect(screen.getByText('医技科室', { selector: 'div' })).toBeTruthy()
})

test('says when the department list cannot be loaded, and loads it again on retry', async () => {
  let reply: CallResult<Department[]> = { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } }
  await renderPage(
    () => ({ ok: true, data: imported }),
    createMemoryStorage(),
    admin,
    RosterPage,
    () => reply,
  )
  expect(await screen.findByText('系统繁忙，请稍后再试')).toBeTruthy()
  reply = { ok: true, data: [] }
  await act(async () => {
    fireEvent.click(screen.getByText('重新加载'))
  })
  expect(await screen.findByText('还没有科室，请先导入花名册')).toBeTruthy()
})

import type { AuditView, Board, Department, ImportRosterResult, UserView } from '../../src/contract'
import { buildRoster, ROSTER_SIZE } from '../../src/cloud/host/seed/hospital'
import { dataOf, errorOf, startTestHost, type TestHost } from '../support/test-host'

const seeded = buildRoster(ROSTER_SIZE)[4]

let host: TestHost
beforeAll(async () => {
  host = await startTestHost()
})
afterAll(async () => {
  await host.close()
})

const tsv = (rows: string[][]) => rows.map((cells) => cells.join('\t')).join('\r\n')

/** As Excel copies it: a header in HR's own order, a blank row, and the mistakes people make. */
const pasted = tsv([
  ['姓名', '工号', '科室', '职称', '党员(是/否)'],
  ['周医生', 'R1001', '心内科', '主任医师', '是'],
  ['吴护士', 'R1002', '血液净化中心', '护师', '否'],
  ['郑某', 'bad!', '心内科', '医师', '否'],
  ['王', 'R1003', '心内科', '医师', '否'],
  ['冯医生', 'R1004', '', '医师', '否'],
  ['陈医生', 'R1005', '骨科', '医师', '也许'],
  ['周医生', 'r1001', '心内科', '主任医师', '是'],
  ['褚医生', 'R1006', '骨科'],
  ['', '', '', '', ''],
  ['卫医生', 'r1007', '检验科', '技师', ''],
  [seeded.name, seeded.employeeNo, seeded.departmentName, '返聘专家', seeded.partyMember ? '是' : '否'],
])

const expectedErrors = [
  { line: 4, message: '工号应为3–16位字母或数字' },
  { line: 5, message: '请填写姓名' },
  { line: 6, message: '请填写科室' },
  { line: 7, message: '党员一栏应填“是”或“否”，实际为“也许”' },
  { line: 8, message: '工号R1001与第2行重复' },
  { line: 9, message: '应有5列，实际3列' },
]

describe('importing the staff roster', () => {
  it('imports the valid lines, reports the others by line, and changes nothing when the same text comes again', async () => {
    const admin = await host.signIn('admin')
    const first = dataOf(
      await admin.call<ImportRosterResult>('identity', 'importRoster', { text: pasted }, 'roster-import-1'),
    )
    expect(first).toEqual({
      created: 3,
      updated: 1,
      unchanged: 0,
      departmentsCreated: ['血液净化中心'],
      errors: expectedErrors,
    })

    const again = dataOf(
      await admin.call<ImportRosterResult>('identity', 'importRoster', { text: pasted }, 'roster-import-2'),
    )
    expect(again).toEqual({ created: 0, updated: 0, unchanged: 4, departmentsCreated: [], errors: expectedErrors })

    const departments = dataOf(await admin.call<Department[]>('identity', 'departments'))
    expect(departments.filter((d) => d.name === '血液净化中心')).toEqual([
      expect.objectContaining({ kind: 'clinical' }),
    ])
    const [row] = await host.host.store.sql.query<{ employee_no: string; title: string; party_member: boolean }>(
      `SELECT employee_no, title, party_member FROM staff_roster WHERE employee_no = 'R1007'`,
    )
    expect(row).toEqual({ employee_no: 'R1007', title: '技师', party_member: false })

    const audit = dataOf(await admin.call<AuditView[]>('identity', 'auditLog', { target: 'identity:roster' }))
    expect(audit.map((a) => a.details)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ created: 3, updated: 1, errors: 6 }),
        expect.objectContaining({ created: 0, unchanged: 4, errors: 6 }),
      ]),
    )
  })

  it('reads a CSV file with quoted cells and guesses the kind of a new department from its name', async () => {
    const admin = await host.signIn('admin')
    const csv =
      '\uFEFF工号,姓名,科室,职称,党员\n"R2001","蒋技师","病理科","主管技师, 组长","是"\nR2002,沈干事,宣传部,干事,否\n'
    const result = dataOf(await admin.call<ImportRosterResult>('identity', 'importRoster', { text: csv }))
    expect(result).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
      departmentsCreated: ['病理科', '宣传部'],
      errors: [],
    })
    const departments = dataOf(await admin.call<Department[]>('identity', 'departments'))
    expect(departments.find((d) => d.name === '病理科')?.kind).toBe('medtech')
    expect(departments.find((d) => d.name === '宣传部')?.kind).toBe('admin')
  })

  it('refuses a file without the header, or too many lines for one import', async () => {
    const admin = await host.signIn('admin')
    const headless = await admin.call('identity', 'importRoster', {
      text: tsv([['R3001', '韩医生', '骨科', '医师', '否']]),
    })
    expect(errorOf(headless)).toMatchObject({
      code: 'INVALID_INPUT',
      message: '第1行应为表头，缺少：工号、姓名、科室、职称、党员',
    })
    const rows = Array.from({ length: 1001 }, (_, i) => [`R${4000 + i}`, '杨医生', '骨科', '', '否'])
    const tooMany = await admin.call('identity', 'importRoster', {
      text: tsv([['工号', '姓名', '科室', '职称', '党员'], ...rows]),
    })
    expect(errorOf(tooMany)).toMatchObject({
      code: 'INVALID_INPUT',
      message: '一次最多导入1000行，本次1001行，请分批导入',
    })
    const [{ count }] = await host.host.store.sql.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM staff_roster WHERE employee_no IN ('R3001', 'R4000')`,
    )
    expect(count).toBe(0)
  })

  it('lets only an admin import', async () => {
    const text = tsv([
      ['工号', '姓名', '科室', '职称', '党员'],
      ['R5001', '秦医生', '骨科', '医师', '否'],
    ])
    for (const caller of [
      await host.signIn('patient', 'roster-p'),
      await host.signIn('staff'),
      await host.signIn('manager'),
    ]) {
      const reply = await caller.call('identity', 'importRoster', { text })
      expect(reply.status).toBe(403)
      expect(errorOf(reply).code).toBe('FORBIDDEN')
    }
    const [{ count }] = await host.host.store.sql.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM staff_roster WHERE employee_no = 'R5001'`,
    )
    expect(count).toBe(0)
  })

  it('lets an imported employee bind their WeChat account and, once approved, belong to the imported department', async () => {
    const admin = await host.signIn('admin')
    const text = tsv([
      ['工号', '姓名', '科室', '职称', '党员'],
      ['R6001', '尤护士', '日间手术中心', '护师', '是'],
    ])
    dataOf(await admin.call('identity', 'importRoster', { text }))

    const nurse = await host.signIn('patient', 'roster-bind')
    const pending = dataOf(await nurse.call<UserView>('identity', 'bindStaff', { employeeNo: 'r6001', name: '尤护士' }))
    expect(pending.staff).toEqual({ employeeNo: 'R6001', name: '尤护士', status: 'pending' })
    dataOf(await admin.call('identity', 'approveStaff', { userId: nurse.user.id, approve: true }))

    const me = dataOf(await nurse.call<UserView>('identity', 'me'))
    expect(me).toMatchObject({ name: '尤护士', roles: ['patient', 'staff'], departmentName: '日间手术中心' })
  })
})

describe('department kinds', () => {
  it('lets an admin correct a guessed kind, which decides whether the public board lists the department', async () => {
    const admin = await host.signIn('admin')
    const departments = dataOf(await admin.call<Department[]>('identity', 'departments'))
    const ortho = departments.find((d) => d.name === '骨科')!
    const onBoard = async () =>
      dataOf(await admin.call<Board>('survey', 'board')).departments.some((d) => d.departmentId === ortho.id)
    expect(await onBoard()).toBe(true)

    const moved = dataOf(
      await admin.call<Department>('identity', 'setDepartmentKind', { departmentId: ortho.id, kind: 'admin' }),
    )
    expect(moved).toEqual({ ...ortho, kind: 'admin' })
    expect(await onBoard()).toBe(false)
    dataOf(await admin.call('identity', 'setDepartmentKind', { departmentId: ortho.id, kind: 'clinical' }))
    expect(await onBoard()).toBe(true)

    const wrongKind = errorOf(
      await admin.call('identity', 'setDepartmentKind', { departmentId: ortho.id, kind: 'ward' }),
    )
    expect(wrongKind.fields?.map((f) => f.path)).toEqual(['kind'])
    const nowhere = '00000000-0000-4000-8000-000000000000'
    expect(
      errorOf(await admin.call('identity', 'setDepartmentKind', { departmentId: nowhere, kind: 'admin' })).code,
    ).toBe('NOT_FOUND')
    const manager = await host.signIn('manager', 'kind-manager', ortho.id)
    expect(
      errorOf(await manager.call('identity', 'setDepartmentKind', { departmentId: ortho.id, kind: 'admin' })).code,
    ).toBe('FORBIDDEN')
  })
})

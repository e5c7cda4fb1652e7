import type { Page } from 'playwright-core'
import type { UserView } from '../../src/contract'
import { setUpH5Session } from '../support/browser'
import { dataOf } from '../support/test-host'

const h5 = setUpH5Session()

const visible = (page: Page) => page.locator('.rx-page:visible')

test('an admin opens the import from 我的, pastes rows from Excel, and sees the counts and the line in error', async () => {
  const admin = await h5.host.signIn('admin', 'e2e-roster-admin')
  const page = await h5.pageAs(admin.token, '/pages/tabs/me/index')
  await visible(page).getByText('导入职工花名册', { exact: true }).click()

  const pasted = [
    '工号\t姓名\t科室\t职称\t党员',
    'E7001\t许医生\t日间病房\t主治医师\t是',
    'E7002\t何\t日间病房\t护师\t否',
  ].join('\n')
  await visible(page).locator('taro-textarea-core textarea').fill(pasted)
  await visible(page).getByText('共 2 行').waitFor()
  await visible(page).getByText('导入', { exact: true }).click()

  const summary = visible(page).getByLabel('导入结果')
  await summary.getByText('新建科室：日间病房').waitFor()
  expect((await summary.textContent())?.replace(/\s+/g, '')).toContain('新增1更新0未变0有误1')
  await visible(page).getByText('第3行：请填写姓名').waitFor()

  const employee = await h5.host.signIn('patient', 'e2e-roster-employee')
  const bound = dataOf(await employee.call<UserView>('identity', 'bindStaff', { employeeNo: 'E7001', name: '许医生' }))
  expect(bound.staff?.status).toBe('pending')
})

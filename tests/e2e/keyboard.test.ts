import type { Page } from 'playwright-core'
import type { VisitCode } from '../../src/contract'
import { setUpH5Session } from '../support/browser'
import { importVisits, departmentsByName } from '../support/survey'
import { dataOf } from '../support/test-host'
import { eventually } from '../support/eventually'

/** Taro's H5 buttons and our tiles, reached and pressed from a keyboard alone (WCAG 2.1.1). */
const h5 = setUpH5Session()

interface Focused {
  text: string
  role: string | null
  checked: string | null
  /** The question a focused answer tile belongs to. */
  question: string | null
}

const focused = (page: Page) =>
  page.evaluate((): Focused | null => {
    const element = document.activeElement
    if (!element || element === document.body) return null
    return {
      text: (element.textContent ?? '').trim(),
      role: element.getAttribute('role'),
      checked: element.getAttribute('aria-checked'),
      question: element.closest('[role="radiogroup"]')?.getAttribute('aria-label') ?? null,
    }
  })

/** Presses Tab until the control named `text` has focus, as a keyboard user would. */
async function tabTo(page: Page, text: string, limit = 150): Promise<Focused> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    const now = await focused(page)
    if (now?.text === text) return now
  }
  throw new Error(`Tab did not reach ${text} in ${limit} presses`)
}

test('a patient opens, answers and submits the questionnaire with Tab, Enter and Space', async () => {
  const admin = await h5.host.signIn('admin')
  if (!(await departmentsByName(admin)).has('骨科')) throw new Error('no 骨科')
  await importVisits(admin, 'E2E-KB', '骨科', 1)
  // Typed as a patient copies it from the paper slip.
  const { shortCode } = dataOf(await admin.call<VisitCode>('survey', 'visitCode', { visitId: 'E2E-KB-0' }))
  const patient = await h5.host.signIn('patient', 'e2e-keyboard')
  const page = await h5.pageAs(patient.token, '/pages/survey/rate/index')

  const input = page.locator('.code-entry__input input')
  await input.fill(shortCode)
  await input.focus()
  expect(await tabTo(page, '开始评价')).toMatchObject({ role: 'button' })
  await page.keyboard.press('Enter')
  await page.getByText('门诊患者满意度调查').waitFor()

  // A question is one tab stop; an arrow key moves to the next answer and chooses it.
  const groups = await page
    .getByRole('radiogroup')
    .evaluateAll((all) => all.map((g) => g.getAttribute('aria-label') ?? ''))
  const scale = groups.filter((label) => !label.startsWith('您是否愿意') && !label.startsWith('如果这次就医'))
  await page.getByRole('radiogroup', { name: scale[0], exact: true }).getByRole('radio').first().focus()
  await page.keyboard.press('ArrowDown')
  await page.getByLabel('答题进度').getByText(`已答 1 / ${scale.length} 题`).waitFor()
  expect(await focused(page)).toMatchObject({ text: '满意', checked: 'true', question: scale[0] })

  // Tab goes on to the next question, and Space chooses the answer it lands on, as it checks a radio button.
  await page.keyboard.press('Tab')
  expect(await focused(page)).toMatchObject({ text: '非常满意', role: 'radio', question: scale[1] })
  await page.keyboard.press(' ')
  await page.getByLabel('答题进度').getByText(`已答 2 / ${scale.length} 题`).waitFor()

  for (const item of scale.slice(2)) {
    await page
      .getByRole('radiogroup', { name: item, exact: true })
      .getByRole('radio', { name: '满意', exact: true })
      .click()
  }
  const recommend = groups.find((label) => label.startsWith('您是否愿意')) ?? ''
  await page
    .getByRole('radiogroup', { name: recommend, exact: true })
    .getByRole('radio', { name: '9', exact: true })
    .click()

  // From the last tile on, Tab reaches the page's main action and Enter submits.
  expect(await tabTo(page, '提交评价')).toMatchObject({ role: 'button' })
  await page.keyboard.press('Enter')
  await page.getByText('感谢您的评价！').waitFor()
})

/** What a picker's focused column says: its name and the item in its middle row. */
const focusedColumn = (page: Page) =>
  page.evaluate(() => {
    const column = document.activeElement
    const active = column?.getAttribute('aria-activedescendant')
    return {
      role: column?.getAttribute('role') ?? null,
      name: column?.getAttribute('aria-label') ?? null,
      shown: active ? (document.getElementById(active)?.textContent ?? '').trim() : null,
    }
  })

test("an admin chooses a department in Taro's picker with the keyboard alone, and Escape leaves it unchanged", async () => {
  const admin = await h5.host.signIn('admin', 'e2e-keyboard-admin')
  const page = await h5.pageAs(admin.token, '/pages/survey/dashboard/index')
  await page.locator('.rx-title', { hasText: '满意度看板' }).waitFor()

  const field = page.getByRole('button', { name: '选择科室' })
  const start = (await field.textContent()) ?? ''
  expect(await tabTo(page, start)).toMatchObject({ role: 'button' })
  await page.keyboard.press('Enter')
  await eventually(async () => expect(await focusedColumn(page)).toMatchObject({ role: 'listbox', name: '选择科室' }))
  // The sheet is the dialog the field announces, named as the field is.
  const sheet = await page.evaluate(() => {
    const dialog = document.activeElement?.closest('[role="dialog"]')
    return dialog && { name: dialog.getAttribute('aria-label'), modal: dialog.getAttribute('aria-modal') }
  })
  expect(sheet).toEqual({ name: '选择科室', modal: 'true' })
  const first = (await focusedColumn(page)).shown
  expect(first).toBe(start)
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  await eventually(async () => expect((await focusedColumn(page)).shown).not.toBe(first))
  const third = (await focusedColumn(page)).shown ?? ''
  expect(third).not.toBe('')

  // Enter confirms: the sheet closes, the field shows the department and has focus again.
  await page.keyboard.press('Enter')
  await eventually(async () => expect(await field.textContent()).toBe(third))
  await eventually(async () => expect(await focused(page)).toMatchObject({ text: third, role: 'button' }))

  // Escape cancels what the arrows turned.
  await page.keyboard.press('Enter')
  await eventually(async () => expect(await focusedColumn(page)).toMatchObject({ shown: third }))
  await page.keyboard.press('ArrowUp')
  await eventually(async () => expect((await focusedColumn(page)).shown).not.toBe(third))
  await page.keyboard.press('Escape')
  await eventually(async () => expect(await focused(page)).toMatchObject({ text: third, role: 'button' }))
  expect(await field.textContent()).toBe(third)
})

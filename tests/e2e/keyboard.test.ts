import type { Page } from 'playwright-core'
import type { VisitCode } from '../../src/contract'
import { setUpH5Session } from '../support/browser'
import { importVisits, departmentsByName } from '../support/survey'
import { dataOf } from '../support/test-host'

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

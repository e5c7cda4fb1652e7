import type { CsvExport } from '../../contract'
import type { UiStore } from '../ui-store'
import type { Submission } from './submission'

/** Runs an export once at a time; a failure is told in a toast, since the page has nothing to show. */
export async function runExport(submission: Submission<CsvExport>, ui: UiStore): Promise<CsvExport | undefined> {
  if (submission.isPending) return undefined
  const exported = await submission.submit()
  if (!exported) ui.toast(submission.error ?? '导出失败')
  return exported
}

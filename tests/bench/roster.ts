import { ROSTER_IMPORT_MAX_ROWS, type ImportRosterResult } from '../../src/contract'
import { dataOf } from '../support/test-host'
import { benchHost, ms, report } from './support'

const DEPARTMENTS = 40

/** One full batch as Excel copies it: new staff over forty departments, half of them new. */
function batch(title: string): string {
  const rows = Array.from({ length: ROSTER_IMPORT_MAX_ROWS }, (_, i) =>
    [
      `B${String(i).padStart(5, '0')}`,
      `测试职工${i}`,
      `测试科室${i % DEPARTMENTS}`,
      title,
      i % 3 === 0 ? '是' : '否',
    ].join('\t'),
  )
  return ['工号\t姓名\t科室\t职称\t党员', ...rows].join('\n')
}

/** A full import batch through the host on PGlite: first load, the same text again, and every row changed. */
export async function benchRoster() {
  const host = await benchHost()
  try {
    const admin = await host.signIn('admin')
    const timed = async (text: string) => {
      const started = performance.now()
      const result = dataOf(await admin.call<ImportRosterResult>('identity', 'importRoster', { text }))
      return { elapsed: performance.now() - started, result }
    }
    const first = batch('主治医师')
    const created = await timed(first)
    const unchanged = await timed(first)
    const updated = await timed(batch('副主任医师'))
    report(`roster import, ${ROSTER_IMPORT_MAX_ROWS} rows (PGlite, through the host)`, {
      'request body (UTF-8 bytes)': Buffer.byteLength(
        JSON.stringify({ action: 'importRoster', data: { text: first } }),
      ),
      'first import (all created)': `${ms(created.elapsed)}  created ${created.result.created}, departments ${created.result.departmentsCreated.length}`,
      'same text again (all unchanged)': `${ms(unchanged.elapsed)}  unchanged ${unchanged.result.unchanged}`,
      'every title changed (all updated)': `${ms(updated.elapsed)}  updated ${updated.result.updated}`,
    })
  } finally {
    await host.close()
  }
}

import {
  employeeNoSchema,
  ROSTER_COLUMNS,
  ROSTER_IMPORT_MAX_ROWS,
  staffNameSchema,
  type DepartmentKind,
  type ImportRosterResult,
} from '../../../contract'
import { invalid } from '../../core/app-error'
import { parseCsv, type CsvRecord } from '../../core/csv'
import type { RosterImportEntry } from './repo'

const DEPARTMENT_NAME_MAX = 30
const TITLE_MAX = 20
const PARTY_ANSWERS = new Map([
  ['是', true],
  ['否', false],
  ['', false],
])

interface ReadRoster {
  entries: RosterImportEntry[]
  errors: ImportRosterResult['errors']
}

/** `党员(是/否)` and `党员（是/否）` name the column 党员. */
const columnName = (cell: string) => cell.replace(/[(（].*$/, '').trim()

type Field = 'employeeNo' | 'name' | 'department' | 'title' | 'party'
const FIELD_COLUMNS: Record<Field, (typeof ROSTER_COLUMNS)[number]> = {
  employeeNo: '工号',
  name: '姓名',
  department: '科室',
  title: '职称',
  party: '党员',
}

/** Where each field sits in the file: HR exports put the columns in their own order. */
function columnIndexes(header: CsvRecord | undefined): Record<Field, number> {
  const names = header?.cells.map(columnName) ?? []
  const missing = ROSTER_COLUMNS.filter((column) => !names.includes(column))
  if (missing.length > 0) {
    throw invalid(`第1行应为表头，缺少：${missing.join('、')}`, [
      { path: 'text', message: `表头应包含 ${ROSTER_COLUMNS.join('、')}` },
    ])
  }
  const entries = Object.entries(FIELD_COLUMNS).map(([field, column]) => [field, names.indexOf(column)])
  return Object.fromEntries(entries) as Record<Field, number>
}

type RowResult = { ok: true; entry: RosterImportEntry } | { ok: false; message: string }

function readRow(cells: string[], at: Record<Field, number>, width: number): RowResult {
  if (cells.length !== width) return { ok: false, message: `应有${width}列，实际${cells.length}列` }
  const cell = (field: Field) => cells[at[field]].trim()
  const employeeNo = employeeNoSchema.safeParse(cell('employeeNo'))
  if (!employeeNo.success) return { ok: false, message: employeeNo.error.issues[0].message }
  const name = staffNameSchema.safeParse(cell('name'))
  if (!name.success) return { ok: false, message: name.error.issues[0].message }
  const departmentName = cell('department')
  if (departmentName === '') return { ok: false, message: '请填写科室' }
  if (departmentName.length > DEPARTMENT_NAME_MAX) {
    return { ok: false, message: `科室名称不超过${DEPARTMENT_NAME_MAX}字` }
  }
  const title = cell('title')
  if (title.length > TITLE_MAX) return { ok: false, message: `职称不超过${TITLE_MAX}字` }
  const partyMember = PARTY_ANSWERS.get(cell('party'))
  if (partyMember === undefined) return { ok: false, message: `党员一栏应填“是”或“否”，实际为“${cell('party')}”` }
  return {
    ok: true,
    entry: { employeeNo: employeeNo.data.toUpperCase(), name: name.data, departmentName, title, partyMember },
  }
}

/** Reads an HR export pasted from Excel or a CSV file: valid rows to import, the rest as line errors. */
export function readRoster(text: string): ReadRoster {
  const firstLine = text.slice(0, text.search(/\r|\n|$/))
  const [header, ...rows] = parseCsv(text, firstLine.includes('\t') ? '\t' : ',')
  const at = columnIndexes(header)
  const filled = rows.filter((row) => row.cells.some((c) => c.trim() !== ''))
  if (filled.length > ROSTER_IMPORT_MAX_ROWS) {
    throw invalid(`一次最多导入${ROSTER_IMPORT_MAX_ROWS}行，本次${filled.length}行，请分批导入`, [
      { path: 'text', message: `超过${ROSTER_IMPORT_MAX_ROWS}行` },
    ])
  }
  const entries: RosterImportEntry[] = []
  const lineOf = new Map<string, number>()
  const errors: ReadRoster['errors'] = []
  for (const row of filled) {
    const read = readRow(row.cells, at, header?.cells.length ?? 0)
    const earlier = read.ok ? lineOf.get(read.entry.employeeNo) : undefined
    if (!read.ok) errors.push({ line: row.line, message: read.message })
    else if (earlier !== undefined) {
      errors.push({ line: row.line, message: `工号${read.entry.employeeNo}与第${earlier}行重复` })
    } else {
      lineOf.set(read.entry.employeeNo, row.line)
      entries.push(read.entry)
    }
  }
  return { entries, errors }
}

const MEDTECH = /放射|检验|超声|影像|病理|药剂|药学|输血|核医学|心电|功能检查/
const ADMINISTRATIVE = /(部|处|办公室|办|委员会)$/

/** The kind of a department the file introduces, from its name: clinical unless the name says otherwise. */
export function departmentKindOf(name: string): DepartmentKind {
  if (MEDTECH.test(name)) return 'medtech'
  return ADMINISTRATIVE.test(name) ? 'admin' : 'clinical'
}

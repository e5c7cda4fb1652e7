/** Excel opens UTF-8 CSV correctly only with a byte-order mark. */
const BOM = '\uFEFF'

type Cell = string | number | boolean | null | undefined

/**
 * What makes a spreadsheet read a cell as a formula: = + - @, a tab or carriage return before
 * one (Excel skips them), and the full-width ＝ ＋ － ＠ that Chinese input methods type and
 * WPS and Excel accept as their ASCII forms.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/

function quote(cell: Cell): string {
  if (cell === null || cell === undefined) return ''
  const text = String(cell)
  // A leading apostrophe makes the cell plain text; numbers stay numbers.
  const safe = typeof cell === 'string' && FORMULA_START.test(text) ? `'${text}` : text
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** RFC 4180 CSV with CRLF line ends and a BOM, ready to save as .csv for Excel. */
export function toCsv(header: string[], rows: Cell[][]): string {
  return BOM + [header, ...rows].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n'
}

export interface CsvRecord {
  /** 1-based line where the record starts; the header is line 1. */
  line: number
  cells: string[]
}

/**
 * RFC 4180 records with the line each starts on, so errors can point at the line a person sees.
 * Excel copies cells as tab-separated text with the same quoting, hence the delimiter.
 */
export function parseCsv(text: string, delimiter: ',' | '\t' = ','): CsvRecord[] {
  const records: CsvRecord[] = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  let start = 1
  const endRecord = () => {
    cells.push(cell)
    if (cells.length > 1 || cells[0].trim() !== '') records.push({ line: start, cells })
    cells = []
    cell = ''
  }
  const body = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else {
        if (ch === '\n') line++
        cell += ch
      }
    } else if (ch === '"' && cell === '') quoted = true
    else if (ch === delimiter) {
      cells.push(cell)
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++
      endRecord()
      line++
      start = line
    } else cell += ch
  }
  if (cell !== '' || cells.length > 0) endRecord()
  return records
}

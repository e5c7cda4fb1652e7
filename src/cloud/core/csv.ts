/** Excel opens UTF-8 CSV correctly only with a byte-order mark. */
const BOM = '\uFEFF'

type Cell = string | number | boolean | null | undefined

function quote(cell: Cell): string {
  if (cell === null || cell === undefined) return ''
  const text = String(cell)
  // A leading = + - @ makes Excel evaluate the cell as a formula; neutralise it.
  const safe = /^[=+\-@]/.test(text) && typeof cell === 'string' ? `'${text}` : text
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** RFC 4180 CSV with CRLF line ends and a BOM, ready to save as .csv for Excel. */
export function toCsv(header: string[], rows: Cell[][]): string {
  return BOM + [header, ...rows].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n'
}

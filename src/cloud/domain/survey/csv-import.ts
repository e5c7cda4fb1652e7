import { VISIT_TYPES, visitIdSchema, type VisitType } from '../../../contract'
import type { VisitRow } from './repo'
import { isRealDate } from '../../../contract/month'

export const VISIT_CSV_HEADER = ['visit_id', 'type', 'department', 'visit_date', 'doctor']

const TYPE_NAMES: Record<string, VisitType> = { 门诊: 'outpatient', 住院: 'inpatient' }

export type VisitRowResult = { ok: true; visit: VisitRow } | { ok: false; message: string }

/** One data row against the hospital's departments; `today` rejects visits dated in the future. */
export function readVisitRow(cells: string[], departments: Map<string, string>, today: string): VisitRowResult {
  if (cells.length !== VISIT_CSV_HEADER.length) {
    return { ok: false, message: `应有${VISIT_CSV_HEADER.length}列，实际${cells.length}列` }
  }
  const [rawId, rawType, rawDepartment, rawDate, rawDoctor] = cells.map((c) => c.trim())
  const id = visitIdSchema.safeParse(rawId)
  if (!id.success) return { ok: false, message: id.error.issues[0].message }
  const type = (VISIT_TYPES as readonly string[]).includes(rawType) ? (rawType as VisitType) : TYPE_NAMES[rawType]
  if (!type) return { ok: false, message: `就诊类型“${rawType}”无效，应为 outpatient/inpatient 或 门诊/住院` }
  const departmentId = departments.get(rawDepartment)
  if (!departmentId) return { ok: false, message: `没有名为“${rawDepartment}”的科室` }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(rawDate) || !isRealDate(rawDate)) {
    return { ok: false, message: `就诊日期“${rawDate}”无效，应为 YYYY-MM-DD` }
  }
  if (rawDate > today) return { ok: false, message: '就诊日期不能晚于今天' }
  if (rawDoctor.length > 20) return { ok: false, message: '医生姓名不超过20字' }
  return {
    ok: true,
    visit: { id: id.data, type, departmentId, visitDate: rawDate, doctor: rawDoctor === '' ? null : rawDoctor },
  }
}

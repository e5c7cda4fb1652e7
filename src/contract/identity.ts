import { z } from 'zod'
import { emptyInput, idSchema, type Endpoint } from './common'

export const ROLES = ['patient', 'volunteer', 'staff', 'manager', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  patient: '患者',
  volunteer: '志愿者',
  staff: '职工',
  manager: '科室管理者',
  admin: '管理员',
}

export const DEPARTMENT_KINDS = ['clinical', 'medtech', 'admin'] as const
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number]

/** The public satisfaction board lists clinical and medical-technical departments, not administrative ones. */
export const DEPARTMENT_KIND_LABELS: Record<DepartmentKind, string> = {
  clinical: '临床科室',
  medtech: '医技科室',
  admin: '行政职能部门',
}

export interface Department {
  id: string
  name: string
  kind: DepartmentKind
}

export const setDepartmentKindInput = z.object({
  departmentId: idSchema,
  kind: z.enum(DEPARTMENT_KINDS, '请选择科室类别'),
})

/**
 * 单独同意 (个人信息保护法 art. 29): free text about one's treatment is sensitive personal
 * information, so the app asks once before the first such text and remembers the answer.
 */
export const SENSITIVE_TEXT_ANSWERS = ['granted', 'declined'] as const

/** The refusal when such text arrives without that consent; the app shows its consent card instead. */
export const SENSITIVE_TEXT_REFUSED =
  '填写病情、治疗或就医经历等文字前，需要您单独同意。请在页面上点“同意并填写”后再提交'
export type SensitiveTextAnswer = (typeof SENSITIVE_TEXT_ANSWERS)[number]

export interface Prefs {
  largeText: boolean
  /** `null` until the person has been asked. */
  sensitiveText: SensitiveTextAnswer | null
}

export type StaffBindingStatus = 'pending' | 'approved' | 'rejected'

export interface StaffBinding {
  employeeNo: string
  name: string
  status: StaffBindingStatus
}

export interface UserView {
  id: string
  name: string
  roles: Role[]
  departmentId: string | null
  departmentName: string | null
  prefs: Prefs
  staff: StaffBinding | null
}

export interface PendingStaff {
  userId: string
  employeeNo: string
  name: string
  departmentName: string
  requestedAt: string
}

export const setPrefsInput = z.object({
  largeText: z.boolean().optional(),
  sensitiveText: z.enum(SENSITIVE_TEXT_ANSWERS, '请选择同意或不同意').optional(),
})

export const employeeNoSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{3,16}$/, '工号应为3–16位字母或数字')

export const staffNameSchema = z.string().trim().min(2, '请填写姓名').max(20, '姓名过长')

export const bindStaffInput = z.object({ employeeNo: employeeNoSchema, name: staffNameSchema })

export const approveStaffInput = z.object({
  userId: idSchema,
  approve: z.boolean(),
})

export const setRoleInput = z
  .object({
    userId: idSchema,
    role: z.enum(['manager', 'admin']),
    grant: z.boolean(),
    departmentId: idSchema.optional(),
  })
  .refine((v) => !(v.role === 'manager' && v.grant && !v.departmentId), {
    message: '设为科室管理者时请选择科室',
    path: ['departmentId'],
  })

export const AUDIT_PAGE_MAX = 500

export const auditLogInput = z
  .object({
    from: z.iso.datetime({ offset: true, message: '开始时间应为 ISO 8601 时间' }).optional(),
    to: z.iso.datetime({ offset: true, message: '结束时间应为 ISO 8601 时间' }).optional(),
    /** e.g. `user:<id>`, `department:<id>`, `surveyAlert:<id>` */
    target: z.string().trim().min(1).max(120).optional(),
    limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).optional(),
  })
  .optional()

export interface AuditView {
  id: number
  at: string
  actorId: string
  actorName: string
  fn: string
  action: string
  target: string
  details: Record<string, unknown>
}

/** The columns of the HR export, in any order; extra columns are ignored. */
export const ROSTER_COLUMNS = ['工号', '姓名', '科室', '职称', '党员'] as const

/** Rows per import: a few thousand staff go in a few batches. */
export const ROSTER_IMPORT_MAX_ROWS = 1000

/**
 * The host refuses bodies over 64 KiB. Measured as sent: Chinese takes three bytes a character in
 * UTF-8 and JSON escapes every tab and line break, which leaves room for the rest of the request.
 */
export const ROSTER_IMPORT_MAX_BYTES = 64_000

function utf8Length(text: string): number {
  let bytes = 0
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
  }
  return bytes
}

/** What an admin pastes from Excel (tab-separated) or a CSV file, header row first. */
export const importRosterInput = z.object({
  text: z
    .string()
    .min(1, '请粘贴花名册（含表头）')
    .refine((text) => utf8Length(JSON.stringify(text)) <= ROSTER_IMPORT_MAX_BYTES, {
      message: '内容过大，请减少行数，分批导入',
    }),
})

export interface ImportRosterResult {
  created: number
  updated: number
  unchanged: number
  /** Names of the departments the import added. */
  departmentsCreated: string[]
  errors: { line: number; message: string }[]
}

export const deleteMeInput = z.object({ confirm: z.literal(true, '请确认删除') })

/** Everything stored about the caller, by area; `null` for an area that keeps nothing tied to a person. */
export type MyData = Record<string, unknown>

export interface IdentityApi {
  me: Endpoint<z.input<typeof emptyInput>, UserView>
  setPrefs: Endpoint<z.input<typeof setPrefsInput>, UserView>
  departments: Endpoint<z.input<typeof emptyInput>, Department[]>
  bindStaff: Endpoint<z.input<typeof bindStaffInput>, UserView>
  pendingStaff: Endpoint<z.input<typeof emptyInput>, PendingStaff[]>
  approveStaff: Endpoint<z.input<typeof approveStaffInput>, { userId: string; status: StaffBindingStatus }>
  setRole: Endpoint<z.input<typeof setRoleInput>, { userId: string; roles: Role[] }>
  auditLog: Endpoint<z.input<typeof auditLogInput>, AuditView[]>
  exportMyData: Endpoint<z.input<typeof emptyInput>, MyData>
  deleteMe: Endpoint<z.input<typeof deleteMeInput>, { deleted: true }>
  importRoster: Endpoint<z.input<typeof importRosterInput>, ImportRosterResult>
  setDepartmentKind: Endpoint<z.input<typeof setDepartmentKindInput>, Department>
}

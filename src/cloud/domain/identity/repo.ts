import type { Department, DepartmentKind, PendingStaff, Prefs, Role, StaffBinding, UserView } from '../../../contract'

export interface UserRecord {
  id: string
  openid: string
  name: string
  roles: Role[]
  departmentId: string | null
  prefs: Prefs
}

export interface RosterEntry {
  employeeNo: string
  name: string
  departmentId: string
  title: string
  partyMember: boolean
}

/** A roster line as HR exports it: the department by name. */
export interface RosterImportEntry {
  employeeNo: string
  name: string
  departmentName: string
  title: string
  partyMember: boolean
}

export interface RosterImportCounts {
  created: number
  updated: number
  unchanged: number
  departmentsCreated: string[]
}

export interface NewUser {
  openid: string
  name: string
  roles: Role[]
  departmentId: string | null
}

export interface IdentityRepo {
  /** The user behind an OPENID, created as a patient on first sight. */
  ensureUser(openid: string): Promise<UserRecord>
  /** Creates the user or, if the OPENID exists, returns it unchanged. */
  upsertUser(user: NewUser): Promise<UserRecord>
  findUser(id: string): Promise<UserRecord | null>
  /**
   * The user as the app shows them: department name and staff binding included. `known` is the user's
   * record as this call already read it (its caller): only what the record lacks is read then.
   */
  findProfile(id: string, known?: UserRecord): Promise<UserView | null>
  listDepartments(): Promise<Department[]>
  /** The department with its new kind; `null` when there is no such department. */
  setDepartmentKind(id: string, kind: DepartmentKind): Promise<Department | null>
  /** Everyone holding the admin role. */
  adminIds(): Promise<string[]>
  /** The managers of a department. */
  managerIds(departmentId: string): Promise<string[]>
  findDepartment(id: string): Promise<Department | null>
  /** Stores what is given; a 单独同意 answer keeps the time it was given, as proof of consent. */
  updatePrefs(userId: string, prefs: Partial<Prefs>, at: Date): Promise<void>
  findRosterEntry(employeeNo: string): Promise<RosterEntry | null>
  findStaffBinding(userId: string): Promise<StaffBinding | null>
  /** Pending again unless already approved; `false` when the employee number is taken by someone else. */
  requestStaffBinding(userId: string, employeeNo: string, at: Date): Promise<boolean>
  listPendingStaff(): Promise<PendingStaff[]>
  /**
   * Decides a pending binding. On approval the user atomically gains the staff role, the roster
   * name and department. `null` when there was nothing pending, `taken` when another account
   * holds that employee number.
   */
  decideStaffBinding(
    userId: string,
    approve: boolean,
    decidedBy: string,
    at: Date,
  ): Promise<StaffBinding | null | 'taken'>
  setRole(userId: string, role: Role, grant: boolean, departmentId: string | null): Promise<UserRecord | null>
  /**
   * Creates the departments the entries name that do not exist yet (matched by exact name, with
   * the kind given), then creates or updates each entry by employee number. Importing the same
   * entries again changes nothing and counts them as unchanged, however many imports race.
   * An account approved for a changed entry takes its new name and, unless it manages a department
   * (which an administrator assigns), its new department.
   */
  importRoster(
    entries: RosterImportEntry[],
    newDepartments: { name: string; kind: DepartmentKind }[],
  ): Promise<RosterImportCounts>
}

import {
  approveStaffInput,
  auditLogInput,
  bindStaffInput,
  deleteMeInput,
  emptyInput,
  importRosterInput,
  setDepartmentKindInput,
  setPrefsInput,
  setRoleInput,
  type IdentityApi,
} from '../../../contract'
import { action, ADMINS, EVERYONE, type FunctionOf } from '../../core/define'
import * as identity from './handlers'

export const identityFunction = {
  me: action({ roles: EVERYONE, input: emptyInput, handle: identity.me }),
  setPrefs: action({ roles: EVERYONE, input: setPrefsInput, write: true, handle: identity.setPrefs }),
  departments: action({ roles: EVERYONE, input: emptyInput, handle: identity.departments }),
  bindStaff: action({ roles: EVERYONE, input: bindStaffInput, write: true, handle: identity.bindStaff }),
  pendingStaff: action({ roles: ADMINS, input: emptyInput, handle: identity.pendingStaff }),
  approveStaff: action({ roles: ADMINS, input: approveStaffInput, write: true, handle: identity.approveStaff }),
  setRole: action({ roles: ADMINS, input: setRoleInput, write: true, handle: identity.setRole }),
  auditLog: action({ roles: ADMINS, input: auditLogInput, handle: identity.auditLog }),
  exportMyData: action({ roles: EVERYONE, input: emptyInput, handle: identity.exportMyData }),
  deleteMe: action({ roles: EVERYONE, input: deleteMeInput, write: true, handle: identity.deleteMe }),
  importRoster: action({ roles: ADMINS, input: importRosterInput, write: true, handle: identity.importRoster }),
  setDepartmentKind: action({
    roles: ADMINS,
    input: setDepartmentKindInput,
    write: true,
    handle: identity.setDepartmentKind,
  }),
} satisfies FunctionOf<IdentityApi>

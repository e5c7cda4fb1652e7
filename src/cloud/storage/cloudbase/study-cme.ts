import type { CmeRequirement } from '../../../contract'
import type { CmeRow, StudyRepo } from '../../domain/study/repo'
import { byIds, readAll, type CloudDb, type Doc } from './db'
import type { BindingDoc, DepartmentDoc, UserDoc } from './identity-repo'
import { C } from './schema'
import { byText, NO_DEPARTMENT, requiresCheckOut, studyReads, type AttendanceDoc, type SessionDoc } from './study-docs'

/** `_id` is the year. */
interface RequirementDoc extends Doc, Omit<CmeRequirement, 'year'> {
  setBy: string
  setAt: string
}

type CmeMethods = Pick<StudyRepo, 'cmeRequirement' | 'setCmeRequirement' | 'cmeRows' | 'staffPlaces'>

/** 继续医学教育: the yearly requirement, and the check-ins its credits follow from. */
export function createStudyCme(db: CloudDb): CmeMethods {
  const _ = db.command
  const requirements = () => db.collection<RequirementDoc>(C.studyCmeRequirements)
  const { allStaff, forSessions } = studyReads(db)
  const departmentsOf = (ids: (string | null)[]) => byIds<DepartmentDoc>(db, C.departments, ids)

  return {
    async cmeRequirement(year) {
      const { data } = await requirements().doc(String(year)).get()
      return data ? { year, total: data.total, class2Min: data.class2Min, class2Max: data.class2Max } : null
    },

    async setCmeRequirement({ year, ...requirement }, setBy, at) {
      await requirements()
        .doc(String(year))
        .set({ data: { ...requirement, setBy, setAt: at.toISOString() } })
    },

    async cmeRows(range, departmentId) {
      const sessions = await readAll(
        db
          .collection<SessionDoc>(C.studySessions)
          .where({
            status: 'scheduled',
            cmeCredits: _.gt(0),
            startAt: _.gte(range.from.toISOString()).and(_.lt(range.to.toISOString())),
          })
          .orderBy('startAt', 'asc'),
      )
      const byId = new Map(sessions.map((s) => [s._id, s]))
      const attended = (
        await forSessions<AttendanceDoc>(
          C.studyAttendance,
          sessions.map((s) => s._id),
        )
      ).filter((a) => departmentId === null || a.departmentId === departmentId)
      const userIds = attended.map((a) => a.userId)
      const users = await byIds<UserDoc>(db, C.users, userIds)
      const bindings = await byIds<BindingDoc>(db, C.staffBindings, userIds, { status: 'approved' })
      const departments = await departmentsOf(attended.map((a) => a.departmentId))
      const rows = attended.flatMap((a): (CmeRow & { sort: number })[] => {
        const session = byId.get(a.sessionId)
        const user = users.get(a.userId)
        if (!session || !user) return []
        const department = departments.get(a.departmentId ?? '')
        return [
          {
            userId: a.userId,
            name: user.name,
            employeeNo: bindings.get(a.userId)?.employeeNo ?? null,
            departmentId: a.departmentId,
            departmentName: department?.name ?? NO_DEPARTMENT,
            sessionId: session._id,
            title: session.title,
            startAt: session.startAt,
            endAt: session.endAt,
            cmeCredits: session.cmeCredits ?? 0,
            requireCheckOut: requiresCheckOut(session),
            checkedInAt: a.checkedInAt,
            checkedOutAt: a.checkedOutAt,
            sort: department?.sort ?? Infinity,
          },
        ]
      })
      rows.sort((a, b) => a.sort - b.sort || byText(a.name, b.name) || byText(a.startAt, b.startAt))
      return rows.map(({ sort: _sort, ...row }) => row)
    },

    async staffPlaces(departmentId) {
      const staff = [...(await allStaff()).values()].filter(
        (p) => departmentId === null || p.departmentId === departmentId,
      )
      const departments = await departmentsOf(staff.map((p) => p.departmentId))
      return staff
        .map((p) => ({ person: p, department: departments.get(p.departmentId ?? '') }))
        .sort((a, b) => (a.department?.sort ?? Infinity) - (b.department?.sort ?? Infinity))
        .map(({ person, department }) => ({
          userId: person.userId,
          departmentId: person.departmentId,
          departmentName: department?.name ?? NO_DEPARTMENT,
        }))
    },
  }
}

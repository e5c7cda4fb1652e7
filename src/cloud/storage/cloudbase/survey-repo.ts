import type { QuestionnaireItem, VisitType } from '../../../contract'
import { labelsByType } from '../../domain/survey/figures'
import type { NewVisit, QuestionnaireRecord, SurveyRepo, VisitLookup, VisitRecord } from '../../domain/survey/repo'
import { addOnce, readAll, type CloudDb, type Doc, type Where } from './db'
import type { DepartmentDoc } from './identity-repo'
import { C } from './schema'
import { createSurveyAlertsRepo } from './survey-alerts'
import { createSurveyCountersRepo } from './survey-counters'
import { createSurveyResponsesRepo } from './survey-responses'

export interface QuestionnaireDoc extends Doc {
  id: string
  version: number
  visitType: VisitType
  title: string
  items: QuestionnaireItem[]
  active: boolean
}

interface VisitDoc extends Doc {
  type: VisitType
  departmentId: string
  visitDate: string
  doctor: string | null
  shortCode: string
  importedAt: string
  /** Kept since the name was copied in at import (departments are never renamed); older visits read it. */
  departmentName?: string
}

/** `_id` is the short code: the document is what makes a code belong to one visit only. */
interface VisitCodeDoc extends Doc {
  visitId: string
}

const toQuestionnaire = (doc: QuestionnaireDoc): QuestionnaireRecord => ({
  id: doc.id,
  version: doc.version,
  visitType: doc.visitType,
  title: doc.title,
  items: doc.items,
})

class ShortCodeTaken extends Error {}

/** Visits written at once: a 1,000-row import fits a function's timeout, and no more run than the database takes. */
const VISIT_WRITE_BATCH = 20

/** The survey area on the cloud database: visits and questionnaires here, responses and alerts beside. */
export function createSurveyRepo(db: CloudDb): SurveyRepo {
  const _ = db.command

  const questionnaireWhere = async (where: Where) => {
    const { data } = await db.collection<QuestionnaireDoc>(C.questionnaires).where(where).limit(1).get()
    return data[0] ? toQuestionnaire(data[0]) : null
  }

  /** The visit and its code document in one transaction: `taken` rolls the visit back too. */
  const insertVisit = async (v: NewVisit, at: Date): Promise<'added' | 'exists' | 'taken'> => {
    try {
      return await db.runTransaction(async (tx) => {
        const doc: VisitDoc = {
          _id: v.id,
          type: v.type,
          departmentId: v.departmentId,
          visitDate: v.visitDate,
          doctor: v.doctor,
          shortCode: v.shortCode,
          importedAt: at.toISOString(),
          departmentName: v.departmentName,
        }
        if (!(await addOnce(tx.collection<VisitDoc>(C.visits), doc))) return 'exists' as const
        if (!(await addOnce(tx.collection<VisitCodeDoc>(C.visitCodes), { _id: v.shortCode, visitId: v.id }))) {
          throw new ShortCodeTaken()
        }
        return 'added' as const
      })
    } catch (error) {
      if (error instanceof ShortCodeTaken) return 'taken'
      throw error
    }
  }

  const findVisit = async (id: string, lookup: VisitLookup = { answered: true }): Promise<VisitRecord | null> => {
    const { data: visit } = await db.collection<VisitDoc>(C.visits).doc(id).get()
    if (!visit) return null
    const [departmentName, answered] = await Promise.all([
      visit.departmentName ??
        db
          .collection<DepartmentDoc>(C.departments)
          .doc(visit.departmentId)
          .get()
          .then(({ data }) => data?.name ?? ''),
      lookup.answered ? db.collection<Doc>(C.answeredVisits).doc(id).get() : null,
    ])
    return {
      id,
      type: visit.type,
      departmentId: visit.departmentId,
      departmentName,
      visitDate: visit.visitDate,
      doctor: visit.doctor,
      shortCode: visit.shortCode,
      answered: answered === null ? null : answered.data !== null,
    }
  }

  return {
    async insertVisits(visits, at) {
      const result = { added: [] as string[], codeTaken: [] as string[] }
      for (let i = 0; i < visits.length; i += VISIT_WRITE_BATCH) {
        const batch = visits.slice(i, i + VISIT_WRITE_BATCH)
        const outcomes = await Promise.all(batch.map((v) => insertVisit(v, at)))
        batch.forEach((v, j) => {
          if (outcomes[j] === 'added') result.added.push(v.id)
          if (outcomes[j] === 'taken') result.codeTaken.push(v.id)
        })
      }
      return result
    },

    findVisit,

    async findVisitByShortCode(shortCode, lookup) {
      const { data } = await db.collection<VisitCodeDoc>(C.visitCodes).doc(shortCode).get()
      return data ? findVisit(data.visitId, lookup) : null
    },

    activeQuestionnaire: (visitType) => questionnaireWhere({ visitType, active: true }),

    findQuestionnaire: (visitType, version) => questionnaireWhere({ visitType, version }),

    async itemLabels() {
      const docs = await readAll(db.collection<QuestionnaireDoc>(C.questionnaires))
      // Per type, the active set first, then retired versions: the first label seen wins.
      docs.sort((a, b) => Number(b.active) - Number(a.active) || b.version - a.version)
      return labelsByType(docs.flatMap((doc) => doc.items.map((item) => ({ visitType: doc.visitType, ...item }))))
    },

    // A shared version document would be written by every answer, the hot spot the pending counters
    // avoid; on the cloud each board is built from the counters (a fixed number of reads).
    boardVersion: async () => null,

    async visitCount(departmentId, fromDate, toDate) {
      const { total } = await db
        .collection<VisitDoc>(C.visits)
        .where({ departmentId, visitDate: _.gte(fromDate).and(_.lte(toDate)) })
        .count()
      return total
    },

    ...createSurveyResponsesRepo(db),
    ...createSurveyCountersRepo(db),
    ...createSurveyAlertsRepo(db),
  }
}

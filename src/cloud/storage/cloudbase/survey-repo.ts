import { randomUUID } from 'node:crypto'
import type { QuestionnaireItem, VisitType } from '../../../contract'
import type { AlertRecord, ItemCounts, NewResponse, QuestionnaireRecord, SurveyRepo } from '../../domain/survey/repo'
import { addOnce, readAll, type CloudDb, type Doc, type Patch, type Query, type Where } from './db'
import type { DepartmentDoc, RosterDoc } from './identity-repo'
import { C } from './schema'
import { chinaDay } from '../../../contract/month'

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
  importedAt: string
}

/** Anonymous: no user, no OPENID, no visit, and only the day it was given. */
interface ResponseDoc extends Doc, Omit<NewResponse, 'visitId' | 'praiseStaff' | 'lowScore' | 'at'> {
  submittedOn: string
}

interface ItemCounterDoc extends Doc {
  departmentId: string
  month: string
  itemId: string
  n1: number
  n2: number
  n3: number
  n4: number
  n5: number
  na: number
}

interface MonthCounterDoc extends Doc {
  departmentId: string
  month: string
  responses: number
  recommendSum: number
  promoters: number
  detractors: number
}

export interface StaffMentionDoc extends Doc {
  source: 'survey' | 'praise'
  departmentId: string
  employeeNo: string | null
  staffName: string
  month: string
  createdAt: string
}

/** The response's fields an alert shows are copied in: responses are never joined back. */
interface AlertDoc extends Doc {
  responseId: string
  departmentId: string
  visitType: VisitType
  month: string
  overall: number | null
  recommend: number
  comment: string | null
  answers: Record<string, number | null>
  status: 'open' | 'closed'
  createdAt: string
  closedAt: string | null
  /** How many events the history has; bumped in each event's transaction, it orders them. */
  events: number
}

interface AlertEventDoc extends Doc {
  alertId: string
  seq: number
  kind: 'followUp' | 'close'
  action: AlertRecord['history'][number]['action']
  note: string
  actorId: string
  actorName: string
  at: string
}

const counterId = (...parts: string[]) => parts.join('|')

const toQuestionnaire = (doc: QuestionnaireDoc): QuestionnaireRecord => ({
  id: doc.id,
  version: doc.version,
  visitType: doc.visitType,
  title: doc.title,
  items: doc.items,
})

const toCounts = (doc: ItemCounterDoc): ItemCounts => ({
  departmentId: doc.departmentId,
  month: doc.month,
  itemId: doc.itemId,
  scores: [doc.n1, doc.n2, doc.n3, doc.n4, doc.n5],
  notApplicable: doc.na,
})

const ALERT_PAGE = 200

export function createSurveyRepo(db: CloudDb): SurveyRepo {
  const _ = db.command
  const monthRange = (from: string, to: string) => _.gte(from).and(_.lte(to))

  const departmentNames = async (ids: string[]): Promise<Map<string, string>> => {
    const unique = [...new Set(ids)]
    if (unique.length === 0) return new Map()
    const docs = await readAll(db.collection<DepartmentDoc>(C.departments).where({ _id: _.in(unique) }))
    return new Map(docs.map((d) => [d._id, d.name]))
  }

  const withHistory = async (alerts: AlertDoc[]): Promise<AlertRecord[]> => {
    if (alerts.length === 0) return []
    const names = await departmentNames(alerts.map((a) => a.departmentId))
    const events = await readAll(
      db
        .collection<AlertEventDoc>(C.alertEvents)
        .where({ alertId: _.in(alerts.map((a) => a._id)) })
        .orderBy('seq', 'asc'),
    )
    return alerts.map((a) => ({
      id: a._id,
      departmentId: a.departmentId,
      departmentName: names.get(a.departmentId) ?? '',
      visitType: a.visitType,
      month: a.month,
      status: a.status,
      createdAt: a.createdAt,
      overall: a.overall,
      recommend: a.recommend,
      comment: a.comment,
      answers: a.answers,
      history: events
        .filter((e) => e.alertId === a._id)
        .map((e) => ({ kind: e.kind, action: e.action, note: e.note, actorName: e.actorName, at: e.at })),
    }))
  }

  /** Counter documents exist before the response's transaction, so it only ever increments. */
  const ensureCounters = async <T extends Doc>(collection: string, docs: T[]) => {
    const existing = await db
      .collection<T>(collection)
      .where({ _id: _.in(docs.map((d) => d._id)) })
      .limit(docs.length)
      .get()
    const have = new Set(existing.data.map((d) => d._id))
    for (const doc of docs) if (!have.has(doc._id)) await addOnce(db.collection<T>(collection), doc)
  }

  const questionnaireWhere = async (where: Where) => {
    const { data } = await db.collection<QuestionnaireDoc>(C.questionnaires).where(where).limit(1).get()
    return data[0] ? toQuestionnaire(data[0]) : null
  }

  return {
    async insertVisits(visits, at) {
      const visitDocs = db.collection<VisitDoc>(C.visits)
      const added: string[] = []
      for (const v of visits) {
        const doc: VisitDoc = {
          _id: v.id,
          type: v.type,
          departmentId: v.departmentId,
          visitDate: v.visitDate,
          doctor: v.doctor,
          importedAt: at.toISOString(),
        }
        if (await addOnce(visitDocs, doc)) added.push(v.id)
      }
      return added
    },

    async findVisit(id) {
      const { data: visit } = await db.collection<VisitDoc>(C.visits).doc(id).get()
      if (!visit) return null
      const { data: department } = await db.collection<DepartmentDoc>(C.departments).doc(visit.departmentId).get()
      const { data: answered } = await db.collection<Doc>(C.answeredVisits).doc(id).get()
      return {
        id,
        type: visit.type,
        departmentId: visit.departmentId,
        departmentName: department?.name ?? '',
        visitDate: visit.visitDate,
        doctor: visit.doctor,
        answered: answered !== null,
      }
    },

    activeQuestionnaire: (visitType) => questionnaireWhere({ visitType, active: true }),

    findQuestionnaire: (visitType, version) => questionnaireWhere({ visitType, version }),

    async itemLabels() {
      const docs = await readAll(db.collection<QuestionnaireDoc>(C.questionnaires))
      // Active sets first (outpatient, then inpatient), then retired versions: the first label seen wins.
      docs.sort(
        (a, b) =>
          Number(b.active) - Number(a.active) ||
          (a.visitType === b.visitType ? 0 : a.visitType > b.visitType ? -1 : 1) ||
          b.version - a.version,
      )
      const labels: Record<string, string> = {}
      for (const doc of docs) for (const item of doc.items) labels[item.id] ??= item.label
      return labels
    },

    async submitResponse(r) {
      const { data: already } = await db.collection<Doc>(C.answeredVisits).doc(r.visitId).get()
      if (already) return 'answered'
      const entries = Object.entries(r.answers)
      const itemIds = entries.map(([itemId]) => counterId(r.departmentId, r.month, itemId))
      const monthId = counterId(r.departmentId, r.month)
      await ensureCounters<ItemCounterDoc>(
        C.itemCounters,
        entries.map(([itemId], i) => ({
          _id: itemIds[i],
          departmentId: r.departmentId,
          month: r.month,
          itemId,
          ...{ n1: 0, n2: 0, n3: 0, n4: 0, n5: 0, na: 0 },
        })),
      )
      await ensureCounters<MonthCounterDoc>(C.monthCounters, [
        {
          _id: monthId,
          departmentId: r.departmentId,
          month: r.month,
          responses: 0,
          recommendSum: 0,
          promoters: 0,
          detractors: 0,
        },
      ])
      const praised = r.praiseStaff
        ? (
            await db
              .collection<RosterDoc>(C.roster)
              .where({ departmentId: r.departmentId, name: r.praiseStaff })
              .limit(2)
              .get()
          ).data
        : []
      try {
        return await db.runTransaction(async (tx) => {
          // The visit's own document: a second response for it fails here and rolls everything back.
          if (!(await addOnce(tx.collection<Doc>(C.answeredVisits), { _id: r.visitId }))) throw new AlreadyAnswered()
          const responseId = randomUUID()
          const response: ResponseDoc = {
            _id: responseId,
            departmentId: r.departmentId,
            visitType: r.visitType,
            month: r.month,
            questionnaireId: r.questionnaireId,
            questionnaireVersion: r.questionnaireVersion,
            answers: r.answers,
            overall: r.overall,
            recommend: r.recommend,
            comment: r.comment,
            submittedOn: chinaDay(r.at),
          }
          await tx.collection<ResponseDoc>(C.responses).add({ data: response })
          for (const [i, [, score]] of entries.entries()) {
            const field = score === null ? 'na' : `n${score}`
            await tx
              .collection<ItemCounterDoc>(C.itemCounters)
              .doc(itemIds[i])
              .update({ data: { [field]: _.inc(1) } })
          }
          await tx
            .collection<MonthCounterDoc>(C.monthCounters)
            .doc(monthId)
            .update({
              data: {
                responses: _.inc(1),
                recommendSum: _.inc(r.recommend),
                promoters: _.inc(r.recommend >= 9 ? 1 : 0),
                detractors: _.inc(r.recommend <= 6 ? 1 : 0),
              },
            })
          if (r.praiseStaff) {
            await tx.collection<StaffMentionDoc>(C.staffMentions).add({
              data: {
                _id: randomUUID(),
                source: 'survey',
                departmentId: r.departmentId,
                employeeNo: praised.length === 1 ? praised[0]._id : null,
                staffName: r.praiseStaff,
                month: r.month,
                createdAt: r.at.toISOString(),
              },
            })
          }
          if (!r.lowScore) return { alertId: null }
          const alertId = randomUUID()
          await tx.collection<AlertDoc>(C.alerts).add({
            data: {
              _id: alertId,
              responseId,
              departmentId: r.departmentId,
              visitType: r.visitType,
              month: r.month,
              overall: r.overall,
              recommend: r.recommend,
              comment: r.comment,
              answers: r.answers,
              status: 'open',
              createdAt: r.at.toISOString(),
              closedAt: null,
              events: 0,
            },
          })
          return { alertId }
        })
      } catch (error) {
        if (error instanceof AlreadyAnswered) return 'answered'
        throw error
      }
    },

    async itemCountsAll(itemId, from, to) {
      const docs = await readAll(
        db.collection<ItemCounterDoc>(C.itemCounters).where({ itemId, month: monthRange(from, to) }),
      )
      return docs.map(toCounts)
    },

    async itemCounts(departmentId, from, to) {
      const docs = await readAll(
        db
          .collection<ItemCounterDoc>(C.itemCounters)
          .where({ departmentId, month: monthRange(from, to) })
          .orderBy('month', 'asc')
          .orderBy('itemId', 'asc'),
      )
      return docs.map(toCounts)
    },

    async monthCounts(departmentId, from, to) {
      const docs = await readAll(
        db.collection<MonthCounterDoc>(C.monthCounters).where({ departmentId, month: monthRange(from, to) }),
      )
      return docs.reduce(
        (sum, d) => ({
          responses: sum.responses + d.responses,
          recommendSum: sum.recommendSum + d.recommendSum,
          promoters: sum.promoters + d.promoters,
          detractors: sum.detractors + d.detractors,
        }),
        { responses: 0, recommendSum: 0, promoters: 0, detractors: 0 },
      )
    },

    async visitCount(departmentId, fromDate, toDate) {
      const { total } = await db
        .collection<VisitDoc>(C.visits)
        .where({ departmentId, visitDate: _.gte(fromDate).and(_.lte(toDate)) })
        .count()
      return total
    },

    async recentComments(departmentId, from, to, limit) {
      const { data } = await db
        .collection<ResponseDoc>(C.responses)
        .where({ departmentId, month: monthRange(from, to), comment: _.neq(null) })
        .orderBy('submittedOn', 'desc')
        .limit(limit)
        .get()
      return data.map((d) => ({ month: d.month, visitType: d.visitType, overall: d.overall, comment: d.comment ?? '' }))
    },

    async listAlerts(departmentId, filter, overdueBefore) {
      const where: Where = departmentId ? { departmentId } : {}
      if (filter === 'closed') where.status = 'closed'
      if (filter === 'open' || filter === 'overdue') where.status = 'open'
      if (filter === 'overdue') where.createdAt = _.lt(overdueBefore.toISOString())
      const query: Query<AlertDoc> = db
        .collection<AlertDoc>(C.alerts)
        .where(where)
        .orderBy('status', 'desc')
        .orderBy('createdAt', 'desc')
        .limit(ALERT_PAGE)
      return withHistory((await query.get()).data)
    },

    async findAlert(id) {
      const { data } = await db.collection<AlertDoc>(C.alerts).doc(id).get()
      return data ? ((await withHistory([data]))[0] ?? null) : null
    },

    async recordAlertEvent(alertId, event) {
      return db.runTransaction(async (tx) => {
        const ref = tx.collection<AlertDoc>(C.alerts).doc(alertId)
        const { data: alert } = await ref.get()
        if (alert?.status !== 'open') return false
        // Writing the alert makes concurrent events on it conflict, so each gets its own number.
        const seq = alert.events + 1
        const close: Patch = event.kind === 'close' ? { status: 'closed', closedAt: event.at.toISOString() } : {}
        await ref.update({ data: { events: _.inc(1), ...close } })
        await tx.collection<AlertEventDoc>(C.alertEvents).add({
          data: {
            _id: `${alertId}#${seq}`,
            alertId,
            seq,
            kind: event.kind,
            action: event.action,
            note: event.note,
            actorId: event.actorId,
            actorName: event.actorName,
            at: event.at.toISOString(),
          },
        })
        return true
      })
    },
  }
}

class AlreadyAnswered extends Error {}

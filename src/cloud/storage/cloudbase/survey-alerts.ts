import type { Improvement, ThemeTag, VisitType } from '../../../contract'
import type { AlertRecord, SurveyRepo } from '../../domain/survey/repo'
import { readAll, type CloudDb, type Doc, type Patch, type Query, type Where } from './db'
import type { DepartmentDoc } from './identity-repo'
import { C } from './schema'
import type { QuestionnaireDoc } from './survey-repo'
import { randomUUID } from 'node:crypto'

/** The response's fields an alert shows are copied in: responses are never joined back. */
export interface AlertDoc extends Doc {
  responseId: string
  departmentId: string
  visitType: VisitType
  month: string
  overall: number | null
  recommend: number
  comment: string | null
  answers: Record<string, number | null>
  status: 'open' | 'closed'
  /** The day only: survey-side documents keep nothing finer. */
  createdOn: string
  /** Left by the patient with consent to a call-back; blanked 30 days after closing. */
  contactPhone: string | null
  closedAt: string | null
  /** How many events the history has; bumped in each event's transaction, it orders them. */
  events: number
  /**
   * Copied in when the alert is raised, so the list reads the alerts and nothing else. Alerts raised
   * before these were kept have none: their names, history and labels are read as before.
   */
  departmentName?: string
  history?: AlertRecord['history']
  itemLabels?: Record<string, string>
  /** The comment's themes tagged when the answer was stored, and the lexicon version; absent on older alerts. */
  themes?: ThemeTag[]
  tagsVersion?: number
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

interface ImprovementDoc extends Doc, Omit<Improvement, 'id' | 'departmentName'> {
  authorId: string
  publishedAt: string
  /** Copied in when published; improvements published before it was kept read it from the department. */
  departmentName?: string
}

const ALERT_PAGE = 200

type AlertsRepo = Pick<
  SurveyRepo,
  'listAlerts' | 'findAlert' | 'recordAlertEvent' | 'eraseContacts' | 'addImprovement' | 'listImprovements'
>

/** Low-score alerts, their follow-up history, and 你说·我们做 on the cloud database. */
export function createSurveyAlertsRepo(db: CloudDb): AlertsRepo {
  const _ = db.command

  const departmentNames = async (ids: string[]): Promise<Map<string, string>> => {
    const unique = [...new Set(ids)]
    if (unique.length === 0) return new Map()
    const docs = await readAll(db.collection<DepartmentDoc>(C.departments).where({ _id: _.in(unique) }))
    return new Map(docs.map((d) => [d._id, d.name]))
  }

  /** Labels of every questionnaire version, for alerts raised before their labels were kept on them. */
  const labelsOfVersions = async (alerts: AlertDoc[]) => {
    if (alerts.every((a) => a.itemLabels)) return new Map<string, Record<string, string>>()
    const docs = await readAll(db.collection<QuestionnaireDoc>(C.questionnaires))
    return new Map(docs.map((d) => [d.visitType, Object.fromEntries(d.items.map((i) => [i.id, i.label]))]))
  }

  const eventsOf = async (alerts: AlertDoc[]) => {
    const ids = alerts.filter((a) => !a.history).map((a) => a._id)
    if (ids.length === 0) return []
    return readAll(
      db
        .collection<AlertEventDoc>(C.alertEvents)
        .where({ alertId: _.in(ids) })
        .orderBy('seq', 'asc'),
    )
  }

  const withHistory = async (alerts: AlertDoc[]): Promise<AlertRecord[]> => {
    if (alerts.length === 0) return []
    const [names, events, labels] = await Promise.all([
      departmentNames(alerts.filter((a) => a.departmentName === undefined).map((a) => a.departmentId)),
      eventsOf(alerts),
      labelsOfVersions(alerts),
    ])
    return alerts.map((a) => ({
      id: a._id,
      departmentId: a.departmentId,
      departmentName: a.departmentName ?? names.get(a.departmentId) ?? '',
      visitType: a.visitType,
      month: a.month,
      status: a.status,
      createdOn: a.createdOn,
      contactPhone: a.contactPhone,
      overall: a.overall,
      recommend: a.recommend,
      comment: a.comment,
      answers: a.answers,
      itemLabels: a.itemLabels ?? labels.get(a.visitType) ?? {},
      ...(a.tagsVersion === undefined ? {} : { tagged: { themes: a.themes ?? [], version: a.tagsVersion } }),
      history:
        a.history ??
        events
          .filter((e) => e.alertId === a._id)
          .map((e) => ({ kind: e.kind, action: e.action, note: e.note, actorName: e.actorName, at: e.at })),
    }))
  }

  const toImprovements = async (docs: ImprovementDoc[]): Promise<Improvement[]> => {
    const names = await departmentNames(docs.filter((d) => d.departmentName === undefined).map((d) => d.departmentId))
    return docs.map((d) => ({
      id: d._id,
      departmentId: d.departmentId,
      departmentName: d.departmentName ?? names.get(d.departmentId) ?? '',
      said: d.said,
      did: d.did,
      publishedOn: d.publishedOn,
    }))
  }

  return {
    async listAlerts(departmentId, filter, overdueBefore) {
      const where: Where = departmentId ? { departmentId } : {}
      if (filter === 'closed') where.status = 'closed'
      if (filter === 'open' || filter === 'overdue') where.status = 'open'
      if (filter === 'overdue') where.createdOn = _.lt(overdueBefore)
      const query: Query<AlertDoc> = db
        .collection<AlertDoc>(C.alerts)
        .where(where)
        .orderBy('status', 'desc')
        .orderBy('createdOn', 'desc')
        .orderBy('_id', 'asc')
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
        const entry = {
          kind: event.kind,
          action: event.action,
          note: event.note,
          actorName: event.actorName,
          at: event.at.toISOString(),
        }
        // The history on the alert itself (read with it); the event document stays the full record.
        const history = alert.history ? ({ history: [...alert.history, entry] } as unknown as Patch) : {}
        await ref.update({ data: { events: _.inc(1), ...close, ...history } })
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

    async eraseContacts(closedBefore) {
      const { stats } = await db
        .collection<AlertDoc>(C.alerts)
        .where({ status: 'closed', contactPhone: _.neq(null), closedAt: _.lt(closedBefore.toISOString()) })
        .update({ data: { contactPhone: null } })
      return stats.updated
    },

    async addImprovement(improvement) {
      const doc: ImprovementDoc = {
        _id: randomUUID(),
        departmentId: improvement.departmentId,
        said: improvement.said,
        did: improvement.did,
        authorId: improvement.authorId,
        publishedOn: improvement.publishedOn,
        publishedAt: improvement.at.toISOString(),
        departmentName: improvement.departmentName,
      }
      await db.collection<ImprovementDoc>(C.improvements).add({ data: doc })
      const [added] = await toImprovements([doc])
      return added
    },

    async listImprovements(limit) {
      const { data } = await db
        .collection<ImprovementDoc>(C.improvements)
        .orderBy('publishedAt', 'desc')
        .limit(limit)
        .get()
      return toImprovements(data)
    },
  }
}

import { randomUUID } from 'node:crypto'
import type { NewResponse, SurveyRepo } from '../../domain/survey/repo'
import { addOnce, type CloudDb, type Doc } from './db'
import type { RosterDoc } from './identity-repo'
import type { AlertDoc } from './survey-alerts'
import { C } from './schema'
import { addPendingCounts } from './survey-counters'
import { tagsDoc, tagsId, type TagsDoc } from './voice-repo'

/** Anonymous: no user, no OPENID, no visit, and only the day it was given. */
interface ResponseDoc
  extends
    Doc,
    Omit<
      NewResponse,
      'visitId' | 'praiseStaff' | 'lowScore' | 'contactPhone' | 'day' | 'voiceTags' | 'departmentName' | 'itemLabels'
    > {
  submittedOn: string
}

export interface StaffMentionDoc extends Doc {
  source: 'survey' | 'praise'
  departmentId: string
  employeeNo: string | null
  staffName: string
  month: string
  createdAt: string
}

type ResponsesRepo = Pick<SurveyRepo, 'submitResponse' | 'recentComments'>

class AlreadyAnswered extends Error {}

/** Anonymous responses, on the cloud database; their counters are in survey-counters.ts. */
export function createSurveyResponsesRepo(db: CloudDb): ResponsesRepo {
  const _ = db.command
  const monthRange = (from: string, to: string) => _.gte(from).and(_.lte(to))

  return {
    async submitResponse(r) {
      // No look at the visit's answered document first: the handler has just read it with the visit,
      // and the transaction's own add of it is what keeps an answer to one per visit.
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
            submittedOn: r.day,
          }
          await tx.collection<ResponseDoc>(C.responses).add({ data: response })
          if (r.voiceTags) {
            const target = { source: 'survey', sourceId: responseId, ...r } as const
            await tx
              .collection<TagsDoc>(C.voiceTags)
              .doc(tagsId('survey', responseId))
              .set({ data: tagsDoc(target, r.voiceTags.tagging, r.voiceTags.version) })
          }
          await addPendingCounts(tx, r)
          if (r.praiseStaff) {
            await tx.collection<StaffMentionDoc>(C.staffMentions).add({
              data: {
                _id: randomUUID(),
                source: 'survey',
                departmentId: r.departmentId,
                employeeNo: praised.length === 1 ? praised[0]._id : null,
                staffName: r.praiseStaff,
                month: r.month,
                // The day only, like every survey-side document.
                createdAt: `${r.day}T00:00:00.000Z`,
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
              departmentName: r.departmentName,
              visitType: r.visitType,
              month: r.month,
              overall: r.overall,
              recommend: r.recommend,
              comment: r.comment,
              answers: r.answers,
              status: 'open',
              createdOn: r.day,
              contactPhone: r.contactPhone,
              closedAt: null,
              events: 0,
              history: [],
              itemLabels: r.itemLabels,
              // Tagged already for the voice area: the alert list then needs no lexicon while it stands.
              ...(r.voiceTags ? { themes: r.voiceTags.tagging.themes, tagsVersion: r.voiceTags.version } : {}),
            },
          })
          return { alertId }
        })
      } catch (error) {
        if (error instanceof AlreadyAnswered) return 'answered'
        throw error
      }
    },

    async recentComments(departmentId, from, to, limit) {
      const { data } = await db
        .collection<ResponseDoc>(C.responses)
        .where({ departmentId, month: monthRange(from, to), comment: _.neq(null) })
        .orderBy('submittedOn', 'desc')
        .orderBy('_id', 'desc')
        .limit(limit)
        .get()
      return data.map((d) => ({ month: d.month, visitType: d.visitType, overall: d.overall, comment: d.comment ?? '' }))
    },
  }
}

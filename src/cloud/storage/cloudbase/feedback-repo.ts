import { randomUUID } from 'node:crypto'
import type { Actor, FeedbackRecord, FeedbackRepo } from '../../domain/feedback/repo'
import {
  autoCloseOf,
  guardHolds,
  initialStatus,
  moveOf,
  type ItemWrites,
  type Move,
} from '../../domain/feedback/lifecycle'
import { byIds, readAll, type CloudDb, type Command, type Patch, type Where } from './db'
import type { BindingDoc, DepartmentDoc, RosterDoc, UserDoc } from './identity-repo'
import type { HistoryDoc, ItemDoc } from './feedback-docs'
import { phraseMethods } from './feedback-phrases'
import { starMethods, toStaff } from './feedback-stars'
import { C } from './schema'
import type { StaffMentionDoc } from './survey-responses'

const LIST_LIMIT = 200

/** A move's writes as a document patch: times as ISO strings, the reopen count as an increment. */
function patchOf(move: Move, _: Command): Patch {
  const patch: Patch = {}
  const writes = Object.entries(move.writes) as [string, Exclude<ItemWrites[keyof ItemWrites], undefined>][]
  for (const [field, value] of writes) {
    patch[field] = value === 'increment' ? _.inc(1) : value instanceof Date ? value.toISOString() : value
  }
  return patch
}

const historyDoc = (item: ItemDoc, seq: number, step: Omit<HistoryDoc, '_id' | 'itemId' | 'seq'>): HistoryDoc => ({
  _id: `${item._id}#${seq}`,
  itemId: item._id,
  seq,
  ...step,
})

/**
 * Moves the item along one step and appends its history row (and, for approved praise, the staff
 * mention) in one transaction. Writing the item makes concurrent steps on it conflict, so the
 * status read here is the one the write starts from: exactly one of racing steps wins.
 */
export const advanceItem = (db: CloudDb, id: string, move: Move, actor: Actor, at: string) =>
  db.runTransaction(async (tx) => {
    const { step } = move
    const ref = tx.collection<ItemDoc>(C.feedbackItems).doc(id)
    const { data: item } = await ref.get()
    if (!item || item.kind !== step.kind || item.status !== step.from) return false
    if (!guardHolds(move.guard, item)) return false
    const seq = item.events + 1
    await ref.update({ data: { ...patchOf(move, db.command), status: step.to, events: db.command.inc(1) } })
    await tx.collection<HistoryDoc>(C.feedbackHistory).add({
      data: historyDoc(item, seq, {
        action: step.action,
        fromStatus: step.from,
        toStatus: step.to,
        actorId: actor.id,
        actor: actor.role,
        note: move.note,
        at,
      }),
    })
    if (step.action === 'approve' && item.staffName) {
      await tx.collection<StaffMentionDoc>(C.staffMentions).add({
        data: {
          _id: randomUUID(),
          source: 'praise',
          departmentId: item.departmentId,
          employeeNo: item.employeeNo,
          staffName: item.staffName,
          month: item.month,
          createdAt: at,
        },
      })
    }
    return true
  })

export function createFeedbackRepo(db: CloudDb): FeedbackRepo {
  const _ = db.command
  const items = () => db.collection<ItemDoc>(C.feedbackItems)

  /** `patientNames: false` for lists that never show who wrote (the wall, a member of staff's praise). */
  const toRecords = async (docs: ItemDoc[], { patientNames = true } = {}): Promise<FeedbackRecord[]> => {
    const users = patientNames
      ? await byIds<UserDoc>(
          db,
          C.users,
          docs.map((d) => d.patientId),
        )
      : new Map<string, UserDoc>()
    // Only items written before their department's name was kept on them.
    const departments = await byIds<DepartmentDoc>(
      db,
      C.departments,
      docs.filter((d) => d.departmentName === undefined).map((d) => d.departmentId),
    )
    const roster = await byIds<RosterDoc>(
      db,
      C.roster,
      docs.map((d) => d.employeeNo),
    )
    return docs.map((doc) => {
      const staff = doc.employeeNo ? roster.get(doc.employeeNo) : undefined
      return {
        id: doc._id,
        kind: doc.kind,
        status: doc.status,
        patientId: doc.patientId,
        patientName: users.get(doc.patientId)?.name ?? '',
        departmentId: doc.departmentId,
        departmentName: doc.departmentName ?? departments.get(doc.departmentId)?.name ?? '',
        employeeNo: doc.employeeNo,
        staffName: staff?.name ?? doc.staffName,
        staffTitle: staff?.title ?? null,
        categories: doc.categories,
        text: doc.text,
        contactPhone: doc.contactPhone,
        anonymous: doc.anonymous,
        heldReasons: doc.heldReasons,
        createdAt: doc.createdAt,
        acceptedAt: doc.acceptedAt,
        repliedAt: doc.repliedAt,
        replyText: doc.replyText,
        upheld: doc.upheld,
        closedAt: doc.closedAt,
        rating: doc.rating,
        reopenedAt: doc.reopenedAt,
        reopenCount: doc.reopenCount,
        decidedAt: doc.decidedAt,
      }
    })
  }

  const find = async (id: string) => {
    const { data } = await items().doc(id).get()
    return data ? ((await toRecords([data]))[0] ?? null) : null
  }

  const listWhere = async (
    where: Where,
    field: 'createdAt' | 'decidedAt',
    direction: 'asc' | 'desc',
    limit = LIST_LIMIT,
    options: { patientNames?: boolean } = {},
  ) => toRecords((await items().where(where).orderBy(field, direction).limit(limit).get()).data, options)

  return {
    ...phraseMethods(db),

    async findStaffByNo(employeeNo) {
      const { data } = await db.collection<RosterDoc>(C.roster).doc(employeeNo).get()
      return data ? toStaff(data) : null
    },

    async findStaffByName(departmentId, name) {
      const { data } = await db.collection<RosterDoc>(C.roster).where({ departmentId, name }).limit(2).get()
      return data.length === 1 ? toStaff(data[0]) : null
    },

    async departmentName(id) {
      const { data } = await db.collection<DepartmentDoc>(C.departments).doc(id).get()
      return data?.name ?? null
    },

    async create(item, actor, at) {
      const when = at.toISOString()
      const doc: ItemDoc = {
        _id: randomUUID(),
        kind: item.kind,
        status: initialStatus(item.kind),
        patientId: item.patientId,
        departmentId: item.departmentId,
        departmentName: item.departmentName,
        employeeNo: item.employeeNo,
        staffName: item.staffName,
        categories: item.categories,
        text: item.text,
        contactPhone: item.contactPhone,
        anonymous: item.anonymous,
        heldReasons: item.heldReasons,
        month: item.month,
        createdAt: when,
        handlerId: null,
        acceptedAt: null,
        repliedAt: null,
        replyText: null,
        upheld: null,
        closedAt: null,
        rating: null,
        reopenedAt: null,
        reopenReason: null,
        reopenCount: 0,
        decidedAt: null,
        decidedBy: null,
        events: 1,
      }
      // Two adds and no transaction (a transaction costs two round trips more): the history row goes
      // first, so a reader never meets the item without it. A run that dies between the two leaves a
      // row naming an item that never came to be (its `_id` is fresh), which no reader reaches.
      await db.collection<HistoryDoc>(C.feedbackHistory).add({
        data: historyDoc(doc, 1, {
          action: 'submit',
          fromStatus: null,
          toStatus: doc.status,
          actorId: actor.id,
          actor: actor.role,
          note: null,
          at: when,
        }),
      })
      await items().add({ data: doc })
      return doc._id
    },

    find,

    async transition(id, change, actor, at) {
      const move = moveOf(change, actor, at)
      const moved = move !== null && (await advanceItem(db, id, move, actor, at.toISOString()))
      return moved ? find(id) : null
    },

    async closeExpired(repliedBefore, at) {
      const when = at.toISOString()
      const move = autoCloseOf(repliedBefore, at)
      const due = await readAll(
        items().where({ status: move.step.from, repliedAt: _.lte(repliedBefore.toISOString()) }),
      )
      const system: Actor = { id: null, role: 'system' }
      const closed: string[] = []
      for (const doc of due) if (await advanceItem(db, doc._id, move, system, when)) closed.push(doc._id)
      if (closed.length === 0) return []
      return toRecords(await readAll(items().where({ _id: _.in(closed) })))
    },

    async history(id) {
      const rows = await readAll(
        db.collection<HistoryDoc>(C.feedbackHistory).where({ itemId: id }).orderBy('seq', 'asc'),
      )
      return rows.map((row) => ({
        action: row.action,
        fromStatus: row.fromStatus,
        toStatus: row.toStatus,
        actor: row.actor,
        note: row.note,
        at: row.at,
      }))
    },

    listMine: (patientId) => listWhere({ patientId }, 'createdAt', 'desc'),

    async listQueue({ departmentId, status, overdue }) {
      const where: Where = { kind: 'complaint', status: status ?? _.neq('closed') }
      if (departmentId) where.departmentId = departmentId
      if (!overdue) return listWhere(where, 'createdAt', 'desc')
      // Overdue: not accepted by `acceptBy`, or not replied by `replyBy` (counted from a reopen when there was one).
      const acceptBy = overdue.acceptBy.toISOString()
      const replyBy = overdue.replyBy.toISOString()
      const late = (doc: ItemDoc) =>
        (doc.status === 'submitted' && doc.createdAt < acceptBy) ||
        ((doc.status === 'submitted' || doc.status === 'accepted') && (doc.reopenedAt ?? doc.createdAt) < replyBy)
      const docs = await readAll(items().where(where).orderBy('createdAt', 'desc'))
      return toRecords(docs.filter(late).slice(0, LIST_LIMIT))
    },

    listPendingPraise: () => listWhere({ status: 'pending' }, 'createdAt', 'asc'),

    listApprovedPraise: (limit) =>
      listWhere({ status: 'approved' }, 'decidedAt', 'desc', limit, { patientNames: false }),

    async listPraiseOf(userId) {
      const { data: binding } = await db.collection<BindingDoc>(C.staffBindings).doc(userId).get()
      if (binding?.status !== 'approved') return []
      const where = { status: 'approved', employeeNo: binding.employeeNo }
      return listWhere(where, 'decidedAt', 'desc', LIST_LIMIT, { patientNames: false })
    },

    ...starMethods(db),
  }
}

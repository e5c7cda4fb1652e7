import { randomUUID } from 'node:crypto'
import { addOnce, readAll, type CloudDb, type Doc } from './db'
import { C } from './schema'
import { expects, isFrozen, studyReads, type AttendanceDoc, type SessionDoc } from './study-docs'

/**
 * Who was expected (应到) at a session, frozen when its check-in window opens. A hospital-wide
 * session is ~5,000 people, too many for one document's comfort and for one transaction, so:
 * - a head document (`_id` = session) whose `add` decides who writes the snapshot;
 * - the snapshot in parts of at most PART_SIZE people (`_id` = `<session>#<writer>#<n>`), each written
 *   alone with `set`, so a retry rewrites the same parts;
 * - the session marked frozen last, conditionally (`audienceFrozenAt: null`), naming its writer:
 *   readers use the parts of that writer only, so a half-written or abandoned snapshot is never read.
 * A writer that died leaves its head; after HEAD_LEASE_MS another takes it over with a conditional update,
 * and removes the parts the dead one left once its own snapshot is marked.
 */
export const PART_SIZE = 500
const HEAD_LEASE_MS = 60_000

interface HeadDoc extends Doc {
  writer: string
  claimedAt: string
}

/** Parallel arrays: person i of the part is `userIds[i]`, in department `departmentIds[i]` when frozen. */
export interface PartDoc extends Doc {
  sessionId: string
  writer: string
  index: number
  userIds: string[]
  departmentIds: (string | null)[]
}

export { isFrozen }

export function studyAudience(db: CloudDb) {
  const _ = db.command
  const sessions = () => db.collection<SessionDoc>(C.studySessions)
  const heads = () => db.collection<HeadDoc>(C.studyAudienceHeads)
  const parts = () => db.collection<PartDoc>(C.studyAudienceParts)
  const { allStaff } = studyReads(db)

  /** Claims the head: the first `add`, or a take-over of one whose writer stopped before the lease ran out. */
  const claim = async (sessionId: string, writer: string, at: Date) => {
    const claimedAt = at.toISOString()
    if (await addOnce(heads(), { _id: sessionId, writer, claimedAt })) return true
    const lease = new Date(at.getTime() - HEAD_LEASE_MS).toISOString()
    const { stats } = await heads()
      .where({ _id: sessionId, claimedAt: _.lt(lease) })
      .update({ data: { writer, claimedAt } })
    return stats.updated === 1
  }

  /** Check-ins made before the freeze (in the minutes before the timer, or before an edit) follow the snapshot. */
  const followSnapshot = async (sessionId: string, expected: Set<string>) => {
    const checkIns = await readAll(db.collection<AttendanceDoc>(C.studyAttendance).where({ sessionId }))
    for (const checkIn of checkIns.filter((doc) => doc.expected !== expected.has(doc.userId))) {
      await db
        .collection<AttendanceDoc>(C.studyAttendance)
        .doc(checkIn._id)
        .update({ data: { expected: expected.has(checkIn.userId) } })
    }
  }

  const partsOf = (frozen: SessionDoc[]) => {
    const writers = new Map(frozen.map((session) => [session._id, session.audienceWriter]))
    return (docs: PartDoc[]) => docs.filter((part) => writers.get(part.sessionId) === part.writer)
  }

  return {
    async freeze(sessionId: string, at: Date): Promise<boolean> {
      const { data: session } = await sessions().doc(sessionId).get()
      if (!session || session.status !== 'scheduled' || isFrozen(session)) return false
      const writer = randomUUID()
      if (!(await claim(sessionId, writer, at))) return false
      const audience = [...(await allStaff(session.audienceKind === 'party')).values()]
        .filter((person) => expects(session, person))
        .sort((a, b) => (a.userId < b.userId ? -1 : 1))
      const count = Math.ceil(audience.length / PART_SIZE)
      for (let index = 0; index < count; index++) {
        const people = audience.slice(index * PART_SIZE, (index + 1) * PART_SIZE)
        await parts()
          .doc(`${sessionId}#${writer}#${index}`)
          .set({
            data: {
              sessionId,
              writer,
              index,
              userIds: people.map((person) => person.userId),
              departmentIds: people.map((person) => person.departmentId),
            },
          })
      }
      const { stats } = await sessions()
        .where({ _id: sessionId, status: 'scheduled', audienceFrozenAt: null })
        .update({ data: { audienceFrozenAt: at.toISOString(), audienceWriter: writer, audienceParts: count } })
      if (stats.updated === 1) {
        // Parts a writer that stopped left behind are never read; they go now.
        await parts()
          .where({ sessionId, writer: _.neq(writer) })
          .remove()
        await followSnapshot(sessionId, new Set(audience.map((person) => person.userId)))
        return true
      }
      // Cancelled meanwhile, or a slower writer whose head was taken over and finished first.
      if (count > 0) await parts().where({ sessionId, writer }).remove()
      return false
    },

    /**
     * Readers go back to the roster first (the session is unmarked), then the writer's parts and head
     * go, so the next freeze can claim the head again.
     */
    async thaw(sessionId: string): Promise<void> {
      const { data: session } = await sessions().doc(sessionId).get()
      const writer = session?.audienceWriter
      if (!writer) return
      const { stats } = await sessions()
        .where({ _id: sessionId, audienceWriter: writer })
        .update({ data: { audienceFrozenAt: null, audienceWriter: null, audienceParts: 0 } })
      if (stats.updated !== 1) return
      await parts().where({ sessionId, writer }).remove()
      await heads().where({ _id: sessionId, writer }).remove()
    },

    /** Every frozen session's audience: session -> person -> department when frozen. */
    async members(frozen: SessionDoc[]): Promise<Map<string, Map<string, string | null>>> {
      const all = new Map<string, Map<string, string | null>>()
      if (frozen.length === 0) return all
      const docs = await readAll(parts().where({ sessionId: _.in(frozen.map((session) => session._id)) }))
      for (const part of partsOf(frozen)(docs)) {
        const people = all.get(part.sessionId) ?? new Map<string, string | null>()
        part.userIds.forEach((userId, i) => people.set(userId, part.departmentIds[i] ?? null))
        all.set(part.sessionId, people)
      }
      return all
    },

    /** The frozen sessions among these that expected the person. */
    async expecting(userId: string, frozen: SessionDoc[]): Promise<Set<string>> {
      if (frozen.length === 0) return new Set()
      const docs = await readAll(
        parts().where({ sessionId: _.in(frozen.map((session) => session._id)), userIds: userId }),
      )
      return new Set(partsOf(frozen)(docs).map((part) => part.sessionId))
    },
  }
}

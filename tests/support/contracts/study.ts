import { randomUUID } from 'node:crypto'
import type { Audience } from '../../../src/contract'
import type { SessionFields, StudyPerson } from '../../../src/cloud/domain/study/repo'
import { creditEarned, expects } from '../../../src/cloud/domain/study/rules'
import type { RepoHarness } from '../repo-adapters'

const start = new Date('2026-04-07T06:00:00.000Z')
const minutes = (n: number) => new Date(start.getTime() + n * 60_000)

export function studyContract(harness: () => RepoHarness): void {
  describe('study', () => {
    const study = () => harness().repos.study
    const identity = () => harness().repos.identity
    const fixtures = () => harness().fixtures

    /** The person as the kernel reads them at the start of a call. */
    async function personOf(id: string): Promise<StudyPerson> {
      const user = await identity().findUser(id)
      return { userId: id, departmentId: user?.departmentId ?? null, roles: user?.roles ?? [] }
    }

    /** A staff member of the department, bound through the roster like a real one. */
    async function staffOf(departmentId: string) {
      const user = await identity().ensureUser(`openid-${randomUUID()}`)
      const entry = await fixtures().rosterEntry(departmentId)
      await identity().requestStaffBinding(user.id, entry.employeeNo, start)
      await identity().decideStaffBinding(user.id, true, randomUUID(), start)
      return { id: user.id, name: entry.name }
    }

    const fields = (audience: Audience, title = '院感防控培训', requireCheckOut = false): SessionFields => ({
      type: '业务学习',
      title,
      speaker: '李主任',
      location: '门诊楼三楼会议室',
      startAt: start,
      endAt: minutes(120),
      audience,
      creditHours: 2,
      requireCheckOut,
      cmeCredits: 0,
      fence: null,
      wifiBssids: [],
    })

    async function sessionFor(requireCheckOut = false) {
      const department = await fixtures().department()
      const organizer = await staffOf(department.id)
      const session = await study().createSession(
        { id: organizer.id, departmentId: department.id, name: organizer.name },
        fields([department.id], '院感防控培训', requireCheckOut),
        start,
      )
      return { department, organizer, session }
    }

    it('creates a session for a department audience and edits it only until it is cancelled', async () => {
      const { department, organizer, session } = await sessionFor()
      expect(session).toEqual({
        id: session.id,
        type: '业务学习',
        title: '院感防控培训',
        speaker: '李主任',
        location: '门诊楼三楼会议室',
        startAt: start.toISOString(),
        endAt: minutes(120).toISOString(),
        audience: [department.id],
        audienceLabel: department.name,
        creditHours: 2,
        cmeCredits: 0,
        requireCheckOut: false,
        fence: null,
        wifiBssids: [],
        status: 'scheduled',
        organizerName: organizer.name,
      })
      expect(await study().findSession(session.id)).toMatchObject({
        organizerId: organizer.id,
        organizerDepartmentId: department.id,
      })
      expect(await study().updateSession(session.id, fields('party', '党课：初心'), minutes(-60))).toMatchObject({
        title: '党课：初心',
        audience: 'party',
        audienceLabel: '全体党员',
      })
      const cancels = await Promise.all(
        Array.from({ length: 5 }, () => study().cancelSession(session.id, minutes(-30))),
      )
      expect(cancels.filter((view) => view?.status === 'cancelled')).toHaveLength(1)
      expect(cancels.filter((view) => view === null)).toHaveLength(4)
      expect(await study().updateSession(session.id, fields('all', '改不了'), minutes(-10))).toBeNull()
      expect(await study().findSession(session.id)).toMatchObject({ title: '党课：初心', status: 'cancelled' })
      expect(await study().sessionIdsStartingBetween({ from: minutes(-1), to: minutes(1) })).not.toContain(session.id)
      expect(await study().findSession(randomUUID())).toBeNull()
    })

    it('lists sessions by organizing department and by who is concerned', async () => {
      const { department, session } = await sessionFor()
      const outsider = await staffOf((await fixtures().department()).id)
      expect((await study().listOrganized(department.id, minutes(-60))).map((s) => s.id)).toEqual([session.id])
      expect(await study().listOrganized(department.id, minutes(120))).toEqual([])
      expect((await study().listOrganized(null, minutes(-60))).map((s) => s.id)).toContain(session.id)
      expect(await study().sessionIdsStartingBetween({ from: minutes(-1), to: minutes(1) })).toContain(session.id)
      expect((await study().listForUser(await personOf(outsider.id), minutes(-60))).map((s) => s.id)).not.toContain(
        session.id,
      )
      await study().requestLeave(session.id, outsider.id, '外出进修', minutes(-60))
      expect(
        (await study().listForUser(await personOf(outsider.id), minutes(-60))).find((s) => s.id === session.id),
      ).toMatchObject({
        attendance: null,
        leave: { status: 'pending', reason: '外出进修' },
      })
    })

    it('keeps one check-in when twenty arrive at once, and returns that first one to all of them', async () => {
      const { department, session } = await sessionFor()
      const person = await staffOf(department.id)
      expect((await study().listForUser(await personOf(person.id), minutes(-60))).map((s) => s.id)).toContain(
        session.id,
      )
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => study().checkIn(session.id, person.id, minutes(i), i > 5)),
      )
      expect(results.filter((r) => !r.repeated)).toHaveLength(1)
      const first = results.find((r) => !r.repeated)?.attendance
      expect(first).toMatchObject({ expected: true, checkedOutAt: null })
      for (const result of results) expect(result.attendance).toEqual(first)
      expect(await study().checkIn(session.id, person.id, minutes(30), true)).toEqual({
        attendance: first,
        repeated: true,
      })
      const attendees = (await study().listAttendees(session.id)).filter((a) => a.userId === person.id)
      expect(attendees).toEqual([
        expect.objectContaining({
          status: first?.late ? 'late' : 'present',
          expected: true,
          checkedInAt: first?.checkedInAt,
          departmentId: department.id,
          departmentName: department.name,
        }),
      ])
      expect((await study().findMySession(session.id, await personOf(person.id)))?.attendance).toEqual(first)
    })

    it('keeps a fence, a Wi-Fi list and how each check-in showed presence; corrects a missing check-out once', async () => {
      const { department, organizer, session } = await sessionFor(true)
      const fence = { latitude: 31.2, longitude: 121.45, radiusMeters: 200 }
      const fenced = await study().updateSession(
        session.id,
        { ...fields([department.id], '院感防控培训', true), fence, wifiBssids: ['aa:bb:cc:00:11:22'] },
        minutes(-60),
      )
      expect(fenced).toMatchObject({ fence, wifiBssids: ['aa:bb:cc:00:11:22'] })
      expect(await study().findSession(session.id)).toMatchObject({ fence })

      const [placed, confirmed, plain] = await Promise.all([1, 2, 3].map(() => staffOf(department.id)))
      expect((await study().checkIn(session.id, placed.id, minutes(0), false, 'verified')).attendance.presence).toBe(
        'verified',
      )
      await study().checkIn(session.id, confirmed.id, minutes(5), false, 'confirmed')
      expect((await study().checkIn(session.id, plain.id, minutes(6), false)).attendance.presence).toBe('none')
      // A repeat keeps the first proof.
      expect((await study().checkIn(session.id, confirmed.id, minutes(7), false, 'verified')).attendance.presence).toBe(
        'confirmed',
      )
      const proofs = new Map((await study().listAttendees(session.id)).map((a) => [a.userId, a.presence]))
      expect(proofs.get(placed.id)).toBe('verified')
      expect(proofs.get(confirmed.id)).toBe('confirmed')
      expect(proofs.get(organizer.id) ?? null).toBeNull()
      expect((await study().findMySession(session.id, await personOf(confirmed.id)))?.attendance?.presence).toBe(
        'confirmed',
      )

      expect(await study().correctCheckOut(session.id, organizer.id, minutes(120))).toBe('missing')
      expect(await study().correctCheckOut(session.id, confirmed.id, minutes(1))).toBe('early')
      const racing = await Promise.all(
        [minutes(100), minutes(110), minutes(120)].map((at) => study().correctCheckOut(session.id, placed.id, at)),
      )
      expect(racing.filter((outcome) => outcome === 'done')).toHaveLength(1)
      expect(racing.filter((outcome) => outcome === 'recorded')).toHaveLength(2)
      const corrected = await study().findAttendance(session.id, placed.id)
      expect([100, 110, 120].map((n) => minutes(n).toISOString())).toContain(corrected?.checkedOutAt)
      await study().checkOut(session.id, plain.id, minutes(60))
      expect(await study().correctCheckOut(session.id, plain.id, minutes(120))).toBe('recorded')
      expect((await study().findAttendance(session.id, plain.id))?.checkedOutAt).toBe(minutes(60).toISOString())
    })

    it('marks a check-in outside the audience as not expected, and pro-rates credit for leaving early once', async () => {
      const { session } = await sessionFor(true)
      const other = await fixtures().department()
      const visitor = await staffOf(other.id)
      const { attendance } = await study().checkIn(session.id, visitor.id, minutes(0), false)
      expect(attendance.expected).toBe(false)
      expect(await study().checkOut(session.id, visitor.id, minutes(60))).toEqual({
        ...attendance,
        checkedOutAt: minutes(60).toISOString(),
        creditHours: 1,
      })
      expect((await study().checkOut(session.id, visitor.id, minutes(90)))?.checkedOutAt).toBe(
        minutes(60).toISOString(),
      )
      expect(await study().checkOut(session.id, randomUUID(), minutes(90))).toBeNull()
      expect(await study().recordRows(visitor.id, { from: minutes(-60), to: minutes(60) }, minutes(200))).toEqual([
        {
          sessionId: session.id,
          type: '业务学习',
          title: '院感防控培训',
          startAt: start.toISOString(),
          endAt: minutes(120).toISOString(),
          creditHours: 2,
          cmeCredits: 0,
          requireCheckOut: true,
          expected: false,
          stay: { checkedInAt: attendance.checkedInAt, checkedOutAt: minutes(60).toISOString(), late: false },
          excused: false,
        },
      ])
    })

    it('changes a leave request only while it is pending; once decided, asking again fails', async () => {
      const { department, organizer, session } = await sessionFor()
      const person = await staffOf(department.id)
      const absent = await staffOf(department.id)
      expect(await study().decideLeave(session.id, person.id, 'approved', organizer.id, minutes(-50))).toBe('missing')
      expect(await study().requestLeave(session.id, person.id, '门诊值班', minutes(-120))).toBe(true)
      expect(await study().requestLeave(session.id, person.id, '手术', minutes(-110))).toBe(true)
      expect((await study().findMySession(session.id, await personOf(person.id)))?.leave).toEqual({
        status: 'pending',
        reason: '手术',
      })
      expect(await study().decideLeave(session.id, person.id, 'approved', organizer.id, minutes(-60))).toBe('done')
      const again = await Promise.all(
        Array.from({ length: 5 }, (_, i) => study().requestLeave(session.id, person.id, `改理由${i}`, minutes(-50))),
      )
      expect(again).toEqual([false, false, false, false, false])
      expect((await study().findMySession(session.id, await personOf(person.id)))?.leave).toEqual({
        status: 'approved',
        reason: '手术',
      })
      const attendees = await study().listAttendees(session.id)
      expect(attendees.find((a) => a.userId === person.id)).toMatchObject({ status: 'excused', expected: true })
      expect(attendees.find((a) => a.userId === absent.id)).toMatchObject({ status: 'missing', expected: true })

      await study().checkIn(session.id, organizer.id, minutes(0), false)
      const stats = await study().stats({ from: minutes(-60), to: minutes(60) }, department.id, minutes(200), 10)
      expect(stats.sessions).toBe(1)
      expect(stats.byDepartment).toEqual([
        { departmentId: department.id, departmentName: department.name, expected: 3, attended: 1, excused: 1 },
      ])
      expect(stats.byTypeMonth).toEqual([
        { month: '2026-04', type: '业务学习', sessions: 1, expected: 3, attended: 1, excused: 1 },
      ])
      expect(stats.topLearners).toEqual([
        { userId: organizer.id, name: organizer.name, departmentName: department.name, creditHours: 2, sessions: 1 },
      ])
    })

    it('decides a leave request once: of five decisions at once one wins, and later ones are refused', async () => {
      const { department, organizer, session } = await sessionFor()
      const person = await staffOf(department.id)
      await study().requestLeave(session.id, person.id, '门诊值班', minutes(-120))
      const decisions = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          study().decideLeave(session.id, person.id, i % 2 ? 'rejected' : 'approved', organizer.id, minutes(-60)),
        ),
      )
      expect(decisions.filter((d) => d === 'done')).toHaveLength(1)
      expect(decisions.filter((d) => d === 'decided')).toHaveLength(4)
      const decided = (await study().findMySession(session.id, await personOf(person.id)))?.leave
      expect(await study().decideLeave(session.id, person.id, 'rejected', organizer.id, minutes(-50))).toBe('decided')
      expect(await study().decideLeave(session.id, person.id, 'approved', organizer.id, minutes(-50))).toBe('decided')
      expect((await study().findMySession(session.id, await personOf(person.id)))?.leave).toEqual(decided)
    })

    it('credits a stay as the domain rule does, on every path the adapter keeps its own copy', async () => {
      // [requireCheckOut, check-in minute, check-out minute or null]; the session runs 0–120 min.
      const cases: [boolean, number, number | null][] = [
        [false, 0, null],
        [false, 12, 30],
        [true, 0, null],
        [true, -10, 45],
        [true, 20, 67],
        [true, 5, 121],
        [true, 0, 0],
      ]
      const department = await fixtures().department()
      const organizer = await staffOf(department.id)
      for (const [requireCheckOut, inAt, outAt] of cases) {
        const session = await study().createSession(
          { id: organizer.id, departmentId: department.id, name: organizer.name },
          fields([department.id], '学分核对', requireCheckOut),
          minutes(-600),
        )
        const person = await staffOf(department.id)
        await study().checkIn(session.id, person.id, minutes(inAt), inAt > 10)
        if (outAt !== null) await study().checkOut(session.id, person.id, minutes(outAt))
        const stay = await study().findAttendance(session.id, person.id)
        const rule = creditEarned(
          { startAt: start.toISOString(), endAt: minutes(120).toISOString(), credit: 2, requireCheckOut },
          stay,
        )
        expect({ requireCheckOut, inAt, outAt, credit: stay?.creditHours }).toEqual({
          requireCheckOut,
          inAt,
          outAt,
          credit: rule,
        })
        const [top] = (
          await study().stats({ from: minutes(-60), to: minutes(60) }, department.id, minutes(200), 500)
        ).topLearners.filter((t) => t.userId === person.id)
        expect(top?.creditHours).toBe(rule)
      }
    })

    /** Everyone stored in a session's snapshot, as someone reading the database would count them. */
    const snapshotOf = async (sessionId: string) =>
      (await harness().dump()).flatMap(({ table, row }) => {
        if (table === 'study_audience' && row.session_id === sessionId) return [String(row.user_id)]
        if (table === 'study_audience_parts' && row.sessionId === sessionId)
          return (row.userIds as string[]).map(String)
        return []
      })

    it('freezes who is expected once: a later hire or transfer does not change the session; five freezes at once write one snapshot', async () => {
      const { department, organizer, session } = await sessionFor()
      const stays = await staffOf(department.id)
      const moves = await staffOf(department.id)
      const elsewhere = await fixtures().department()
      expect(await study().findSession(session.id)).toMatchObject({ audienceFrozen: false })
      expect(await study().unfrozenSessionIds(minutes(0), 1000)).toContain(session.id)
      expect(await study().unfrozenSessionIds(minutes(-1), 1000)).not.toContain(session.id)

      const freezes = await Promise.all(
        Array.from({ length: 5 }, () => study().freezeAudience(session.id, minutes(-30))),
      )
      expect(freezes.filter(Boolean)).toHaveLength(1)
      expect(await study().freezeAudience(session.id, minutes(-20))).toBe(false)
      expect(await study().findSession(session.id)).toMatchObject({ audienceFrozen: true })
      expect(await study().unfrozenSessionIds(minutes(0), 1000)).not.toContain(session.id)
      const audience = [organizer.id, stays.id, moves.id].sort()
      expect((await snapshotOf(session.id)).sort()).toEqual(audience)

      // After the freeze: one is hired into the department, another moves out of it.
      const hire = await staffOf(department.id)
      expect(await identity().setRole(moves.id, 'manager', true, elsewhere.id)).toMatchObject({
        departmentId: elsewhere.id,
      })
      const attendees = await study().listAttendees(session.id)
      expect(
        attendees
          .filter((a) => a.expected)
          .map((a) => a.userId)
          .sort(),
      ).toEqual(audience)
      expect(attendees.find((a) => a.userId === moves.id)).toMatchObject({
        status: 'missing',
        departmentId: department.id,
      })
      expect(attendees.some((a) => a.userId === hire.id)).toBe(false)
      expect((await study().listForUser(await personOf(hire.id), minutes(-60))).map((s) => s.id)).not.toContain(
        session.id,
      )
      expect((await study().listForUser(await personOf(moves.id), minutes(-60))).map((s) => s.id)).toContain(session.id)
      expect((await study().checkIn(session.id, hire.id, minutes(1), false)).attendance.expected).toBe(false)
      expect((await study().checkIn(session.id, stays.id, minutes(2), false)).attendance.expected).toBe(true)

      const range = { from: minutes(-60), to: minutes(60) }
      expect(
        (await study().recordRows(moves.id, range, minutes(200))).find((r) => r.sessionId === session.id),
      ).toMatchObject({
        expected: true,
        stay: null,
      })
      expect(
        (await study().recordRows(hire.id, range, minutes(200))).find((r) => r.sessionId === session.id),
      ).toMatchObject({
        expected: false,
      })
      const stats = await study().stats(range, department.id, minutes(200), 10)
      expect(stats.byDepartment).toEqual([
        { departmentId: department.id, departmentName: department.name, expected: 3, attended: 1, excused: 0 },
      ])
      expect((await study().stats(range, elsewhere.id, minutes(200), 10)).byDepartment).toEqual([])

      // Thawed (the organizer changed who or when), the roster decides again until the next freeze.
      await study().thawAudience(session.id)
      expect(await study().findSession(session.id)).toMatchObject({ audienceFrozen: false })
      expect(await study().unfrozenSessionIds(minutes(0), 1000)).toContain(session.id)
      expect(await study().freezeAudience(session.id, minutes(10))).toBe(true)
      // The hire checked in as not expected; the new snapshot expects them, and their check-in says so.
      const refrozen = (await study().listAttendees(session.id)).filter((a) => a.expected).map((a) => a.userId)
      expect(refrozen.sort()).toEqual([organizer.id, stays.id, hire.id].sort())
      expect((await study().findMySession(session.id, await personOf(hire.id)))?.attendance?.expected).toBe(true)
      expect((await snapshotOf(session.id)).sort()).toEqual([organizer.id, stays.id, hire.id].sort())

      // A session not frozen yet follows today's roster (a preview); a cancelled one is never frozen.
      const later = await study().createSession(
        { id: organizer.id, departmentId: department.id, name: organizer.name },
        fields([department.id], '下周培训'),
        minutes(-30),
      )
      const preview = (await study().listAttendees(later.id)).map((a) => a.userId)
      expect(preview).toContain(hire.id)
      expect(preview).not.toContain(moves.id)
      await study().cancelSession(later.id, minutes(-20))
      expect(await study().freezeAudience(later.id, minutes(-10))).toBe(false)
      expect(await study().unfrozenSessionIds(minutes(0), 1000)).not.toContain(later.id)
    })

    it("expects whom the domain's rule expects, from the roster before the freeze and from the snapshot after", async () => {
      const [wards, clinic] = [await fixtures().department(), await fixtures().department()]
      const member = async (department: { id: string; name: string }, partyMember: boolean) => {
        const user = await identity().ensureUser(`openid-${randomUUID()}`)
        const entry = await fixtures().rosterEntry(department.id)
        if (partyMember) {
          await identity().importRoster([{ ...entry, departmentName: department.name, partyMember }], [])
        }
        await identity().requestStaffBinding(user.id, entry.employeeNo, start)
        await identity().decideStaffBinding(user.id, true, randomUUID(), start)
        return { id: user.id, departmentId: department.id, partyMember }
      }
      const people = [
        await member(wards, true),
        await member(wards, false),
        await member(clinic, true),
        await member(clinic, false),
      ]
      const audiences: Audience[] = ['all', 'party', [wards.id], [wards.id, clinic.id]]
      for (const audience of audiences) {
        const session = await study().createSession(
          { id: people[0].id, departmentId: wards.id, name: '' },
          fields(audience),
          start,
        )
        const rule = people.filter((person) => expects(audience, person)).map((person) => person.id)
        const expectedNow = async () => {
          const ours = new Set(people.map((person) => person.id))
          const attendees = await study().listAttendees(session.id)
          return attendees.filter((a) => a.expected && ours.has(a.userId)).map((a) => a.userId)
        }
        // A person's own list decides from the person as the kernel read them before the freeze, from the snapshot after.
        const listedNow = async () => {
          const listed: string[] = []
          for (const person of people) {
            const mine = await study().listForUser(await personOf(person.id), minutes(-60))
            if (mine.some((s) => s.id === session.id)) listed.push(person.id)
          }
          return listed
        }
        expect({ audience, before: (await expectedNow()).sort() }).toEqual({ audience, before: [...rule].sort() })
        expect({ audience, listed: (await listedNow()).sort() }).toEqual({ audience, listed: [...rule].sort() })
        expect(await study().freezeAudience(session.id, minutes(-30))).toBe(true)
        expect({ audience, after: (await expectedNow()).sort() }).toEqual({ audience, after: [...rule].sort() })
        expect({ audience, listed: (await listedNow()).sort() }).toEqual({ audience, listed: [...rule].sort() })
        // A check-in handed the session and the person the handler read is told expected by the snapshot.
        const record = await study().findSession(session.id)
        const checkedIn: string[] = []
        for (const person of people) {
          const known = { session: record ?? undefined, person: await personOf(person.id) }
          const { attendance } = await study().checkIn(session.id, person.id, minutes(-5), false, 'none', known)
          if (attendance.expected) checkedIn.push(person.id)
        }
        expect({ audience, checkedIn: checkedIn.sort() }).toEqual({ audience, checkedIn: [...rule].sort() })
      }
    })

    it('keeps the yearly CME requirement, and lists check-ins to sessions with CME credit by department', async () => {
      expect(await study().cmeRequirement(2041)).toBeNull()
      const requirement = { year: 2041, total: 25, class2Min: 15, class2Max: 20 }
      const department = await fixtures().department()
      const organizer = await staffOf(department.id)
      await study().setCmeRequirement(requirement, organizer.id, start)
      await study().setCmeRequirement({ ...requirement, class2Min: 12 }, organizer.id, start)
      expect(await study().cmeRequirement(2041)).toEqual({ ...requirement, class2Min: 12 })

      const person = await staffOf(department.id)
      const organizerOf = { id: organizer.id, departmentId: department.id, name: organizer.name }
      const withCredit = await study().createSession(
        organizerOf,
        { ...fields([department.id], 'CME讲座'), cmeCredits: 1.5 },
        start,
      )
      const without = await study().createSession(organizerOf, fields([department.id], '无学分'), start)
      expect(withCredit.cmeCredits).toBe(1.5)
      const { attendance } = await study().checkIn(withCredit.id, person.id, minutes(1), false)
      await study().checkIn(without.id, person.id, minutes(1), false)
      const rows = await study().cmeRows({ from: minutes(-60), to: minutes(60) }, department.id)
      expect(rows).toEqual([
        {
          userId: person.id,
          name: person.name,
          employeeNo: expect.any(String),
          departmentId: department.id,
          departmentName: department.name,
          sessionId: withCredit.id,
          title: 'CME讲座',
          startAt: start.toISOString(),
          endAt: minutes(120).toISOString(),
          cmeCredits: 1.5,
          requireCheckOut: false,
          checkedInAt: attendance.checkedInAt,
          checkedOutAt: null,
        },
      ])
      expect(
        await study().cmeRows({ from: minutes(-60), to: minutes(60) }, (await fixtures().department()).id),
      ).toEqual([])
      const places = await study().staffPlaces(department.id)
      expect(places.map((p) => p.userId).sort()).toEqual([organizer.id, person.id].sort())
      expect(places[0]).toMatchObject({ departmentId: department.id, departmentName: department.name })
    })
  })
}

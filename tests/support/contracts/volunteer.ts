import { randomUUID } from 'node:crypto'
import type { NewHelpRequest } from '../../../src/cloud/domain/volunteer/repo'
import type { RepoHarness } from '../repo-adapters'

const at = new Date('2026-03-02T08:00:00.000Z')
const hours = (n: number, from = at) => new Date(from.getTime() + n * 3600_000)

export function volunteerContract(harness: () => RepoHarness): void {
  describe('volunteer', () => {
    const volunteer = () => harness().repos.volunteer
    const identity = () => harness().repos.identity
    const newUser = () => identity().ensureUser(`openid-${randomUUID()}`)
    const profile = (name: string) => ({
      name,
      phone: '13800138000',
      team: '青年' as const,
      skills: ['导诊'],
      availability: '周末上午',
    })

    async function approvedVolunteer(name = `志愿者${randomUUID().slice(0, 4)}`) {
      const user = await newUser()
      await volunteer().register(user.id, profile(name), at)
      await volunteer().decide(user.id, { approve: true }, randomUUID(), at)
      return { id: user.id, name }
    }

    async function helpRequest(patientId: string, when = at) {
      const department = await harness().fixtures.department()
      const request: NewHelpRequest = {
        need: '轮椅协助',
        from: '门诊大厅',
        toDepartmentId: department.id,
        toDepartment: department.name,
        patientName: (await identity().findUser(patientId))?.name ?? '',
        note: null,
        people: 1,
      }
      const id = await volunteer().createRequest(patientId, request, when)
      return { id, department }
    }

    it('registers, approves exactly once even when approvals race, and grants the role with the name', async () => {
      const user = await newUser()
      expect(await volunteer().register(user.id, profile('钱七'), at)).toBe(true)
      expect(await volunteer().findProfile(user.id)).toEqual({
        userId: user.id,
        ...profile('钱七'),
        status: 'pending',
        reason: null,
        requestedAt: at.toISOString(),
      })
      expect(await volunteer().listRegistrations('pending')).toContainEqual({
        userId: user.id,
        ...profile('钱七'),
        requestedAt: at.toISOString(),
      })
      const decisions = await Promise.all(
        Array.from({ length: 5 }, () => volunteer().decide(user.id, { approve: true }, randomUUID(), at)),
      )
      expect(decisions.filter((d) => d === 'approved')).toHaveLength(1)
      expect(decisions.filter((d) => d === null)).toHaveLength(4)
      expect(await identity().findUser(user.id)).toMatchObject({ name: '钱七', roles: ['patient', 'volunteer'] })
      expect(await volunteer().volunteerExists(user.id)).toBe(true)
      expect((await volunteer().listRegistrations('approved')).map((v) => v.userId)).toContain(user.id)
      expect((await volunteer().listRegistrations('pending')).map((v) => v.userId)).not.toContain(user.id)
      expect(await volunteer().register(user.id, profile('钱七七'), at)).toBe(false)
      expect((await volunteer().findProfile(user.id))?.name).toBe('钱七')
    })

    it('rejects with a reason and lets the person register again', async () => {
      const user = await newUser()
      await volunteer().register(user.id, profile('孙八'), at)
      expect(await volunteer().decide(user.id, { approve: false, reason: '资料不全' }, randomUUID(), at)).toBe(
        'rejected',
      )
      expect(await volunteer().findProfile(user.id)).toMatchObject({ status: 'rejected', reason: '资料不全' })
      expect(await volunteer().volunteerExists(user.id)).toBe(false)
      expect(await volunteer().register(user.id, profile('孙八'), hours(1))).toBe(true)
      expect(await volunteer().findProfile(user.id)).toMatchObject({
        status: 'pending',
        reason: null,
        requestedAt: hours(1).toISOString(),
      })
      expect(await volunteer().decide(randomUUID(), { approve: true }, randomUUID(), at)).toBeNull()
    })

    it('keeps one open shift per volunteer and books its minutes once', async () => {
      const v = await approvedVolunteer()
      const starts = await Promise.all(Array.from({ length: 10 }, () => volunteer().startShift(v.id, '门诊大厅', at)))
      const started = starts.filter((s) => s !== null)
      expect(started).toHaveLength(1)
      expect(started[0]).toMatchObject({
        station: '门诊大厅',
        startedAt: at.toISOString(),
        endedAt: null,
        autoClosed: false,
      })
      expect(await volunteer().findOpenShift(v.id)).toEqual({ ...started[0], minutesAllTime: 0 })
      expect(await volunteer().listOnShift(hours(1))).toContain(v.id)
      const ends = await Promise.all([volunteer().endShift(v.id, hours(2)), volunteer().endShift(v.id, hours(2))])
      expect(ends.filter((e) => e !== null)).toEqual([{ ...started[0], endedAt: hours(2).toISOString(), minutes: 120 }])
      expect(await volunteer().findOpenShift(v.id)).toBeNull()
      expect(await volunteer().listOnShift(hours(2))).not.toContain(v.id)
      expect(await volunteer().startShift(v.id, '门诊大厅', hours(3))).not.toBeNull()
      const late = await volunteer().endShift(v.id, hours(20))
      expect(late).toMatchObject({ endedAt: hours(15).toISOString(), autoClosed: true, minutes: 720 })
      const totals = await volunteer().totals(v.id, { from: at, to: hours(24) })
      expect(totals).toMatchObject({ minutesInRange: 840, minutesAllTime: 840 })
      expect(await volunteer().minutesAllTime(v.id)).toBe(840)
    })

    it('closes shifts left open at exactly 12 hours, once, however many sweeps run', async () => {
      const v = await approvedVolunteer()
      const start = hours(100)
      await volunteer().startShift(v.id, '住院部', start)
      expect(await volunteer().closeOverdueShifts(hours(11, start), v.id)).toBe(0)
      expect(await volunteer().listOnShift(hours(11, start))).toContain(v.id)
      expect(await volunteer().listOnShift(hours(12, start))).not.toContain(v.id)
      const sweeps = await Promise.all([1, 2, 3].map(() => volunteer().closeOverdueShifts(hours(13, start), v.id)))
      expect(sweeps.reduce((a, b) => a + b, 0)).toBe(1)
      expect(await volunteer().findOpenShift(v.id)).toBeNull()
      expect(await volunteer().endShift(v.id, hours(14, start))).toBeNull()
      expect((await volunteer().totals(v.id, { from: start, to: hours(24, start) })).minutesAllTime).toBe(720)
      const flagged = await volunteer().listAutoClosedShifts(start)
      expect(flagged).toContainEqual(
        expect.objectContaining({ endedAt: hours(12, start).toISOString(), autoClosed: true, volunteerName: v.name }),
      )
    })

    it('allows one open request per patient however many are sent at once', async () => {
      const patient = await newUser()
      const department = await harness().fixtures.department()
      const request: NewHelpRequest = {
        need: '导诊带路',
        from: '挂号处',
        toDepartmentId: department.id,
        toDepartment: department.name,
        patientName: patient.name,
        note: '看不清',
        people: 2,
      }
      const ids = await Promise.all(
        Array.from({ length: 10 }, () => volunteer().createRequest(patient.id, request, at)),
      )
      const created = ids.filter((id): id is string => id !== null)
      expect(created).toHaveLength(1)
      const found = await volunteer().findRequest(created[0])
      expect(found).toMatchObject({
        id: created[0],
        patientId: patient.id,
        need: '导诊带路',
        from: '挂号处',
        toDepartment: department.name,
        note: '看不清',
        people: 2,
        status: 'waiting',
        volunteerId: null,
        volunteer: null,
        createdAt: at.toISOString(),
        claimedAt: null,
        rating: null,
      })
      expect(await volunteer().latestRequestOf(patient.id)).toEqual(found)
      expect(await volunteer().cancelRequest(created[0], randomUUID(), at)).toBeNull()
      expect(await volunteer().cancelRequest(created[0], patient.id, at)).toEqual({ volunteerId: null })
      expect(await volunteer().cancelRequest(created[0], patient.id, at)).toBeNull()
      expect((await volunteer().findRequest(created[0]))?.status).toBe('cancelled')
      expect(await volunteer().createRequest(patient.id, request, hours(1))).not.toBeNull()
      expect(await volunteer().findRequest(randomUUID())).toBeNull()
    })

    it('names a request as it was made and claimed, and from the accounts when claimed without names', async () => {
      const patient = await approvedVolunteer()
      const { id, department } = await helpRequest(patient.id)
      if (!id) throw new Error('request not created')
      expect(await volunteer().findRequest(id)).toMatchObject({
        patientName: patient.name,
        toDepartment: department.name,
      })
      const [first, second] = [await approvedVolunteer(), await approvedVolunteer()]
      expect(await volunteer().claimRequest(id, first.id, hours(1), null, { name: first.name, team: '青年' })).toBe(
        true,
      )
      const named = { patientName: patient.name, volunteer: { name: first.name, team: '青年' } }
      expect(await volunteer().findRequest(id)).toMatchObject(named)
      expect((await volunteer().listHall(first.id, 0)).mine).toEqual([expect.objectContaining(named)])
      expect(await volunteer().releaseRequest(id, first.id)).toBe(true)
      expect(await volunteer().findRequest(id)).toMatchObject({ volunteer: null })
      expect(await volunteer().claimRequest(id, second.id, hours(2), null)).toBe(true)
      expect((await volunteer().findRequest(id))?.volunteer).toEqual({ name: second.name, team: '青年' })
    })

    it('lets exactly one of many volunteers claim a request; only they release or complete it', async () => {
      const patient = await newUser()
      const { id } = await helpRequest(patient.id)
      if (!id) throw new Error('request not created')
      const crowd = await Promise.all(Array.from({ length: 25 }, () => approvedVolunteer()))
      const claims = await Promise.all(crowd.map((v) => volunteer().claimRequest(id, v.id, hours(1), null)))
      expect(claims.filter(Boolean)).toHaveLength(1)
      const winner = crowd[claims.indexOf(true)]
      const other = crowd.find((v) => v !== winner)?.id ?? ''
      const claimed = await volunteer().findRequest(id)
      expect(claimed).toMatchObject({
        status: 'claimed',
        volunteerId: winner.id,
        volunteer: { name: winner.name, team: '青年' },
        claimedAt: hours(1).toISOString(),
        assigned: false,
      })
      expect((await volunteer().listHall(winner.id, 0)).mine.map((r) => r.id)).toEqual([id])
      expect((await volunteer().listClaimedSince(hours(2))).map((r) => r.id)).toContain(id)
      expect(await volunteer().releaseRequest(id, other)).toBe(false)
      expect(await volunteer().completeRequest(id, other, hours(2))).toBe(false)
      expect(await volunteer().releaseRequest(id, winner.id)).toBe(true)
      expect(await volunteer().findRequest(id)).toMatchObject({ status: 'waiting', volunteerId: null, claimedAt: null })
      expect(await volunteer().claimRequest(id, other, hours(2), null)).toBe(true)
      expect(await volunteer().rate(id, patient.id, 5, null, hours(3))).toBe(false)
      const completions = await Promise.all([1, 2].map(() => volunteer().completeRequest(id, other, hours(3))))
      expect(completions.filter(Boolean)).toHaveLength(1)
      expect(await volunteer().claimRequest(id, winner.id, hours(3), null)).toBe(false)
      expect(await volunteer().cancelRequest(id, patient.id, hours(3))).toBeNull()
      // Completed: the patient may ask again.
      expect((await helpRequest(patient.id, hours(4))).id).not.toBeNull()
    })

    it('takes one rating per completed request, from its patient only', async () => {
      const patient = await newUser()
      const v = await approvedVolunteer()
      const { id } = await helpRequest(patient.id)
      if (!id) throw new Error('request not created')
      await volunteer().claimRequest(id, v.id, at, null)
      await volunteer().completeRequest(id, v.id, hours(1))
      expect(await volunteer().rate(id, randomUUID(), 5, null, hours(2))).toBe(false)
      const ratings = await Promise.all(
        [5, 4, 3].map((stars) => volunteer().rate(id, patient.id, stars, '很耐心', hours(2))),
      )
      expect(ratings.filter((r) => r === true)).toHaveLength(1)
      expect(ratings.filter((r) => r === 'duplicate')).toHaveLength(2)
      expect((await volunteer().findRequest(id))?.rating).toEqual({ stars: expect.any(Number), comment: '很耐心' })
      const totals = await volunteer().totals(v.id, { from: at, to: hours(24) })
      expect(totals).toMatchObject({ servedInRange: 1, servedAllTime: 1, ratingCount: 1 })
      expect(await volunteer().totals(v.id, { from: hours(24), to: hours(48) })).toMatchObject({
        servedInRange: 0,
        servedAllTime: 1,
        minutesInRange: 0,
      })
    })

    it('queues waiting requests in order of arrival', async () => {
      const base = hours(1000)
      const patients = await Promise.all([1, 2, 3].map(() => newUser()))
      const ids: string[] = []
      for (const [i, p] of patients.entries()) ids.push((await helpRequest(p.id, hours(i, base))).id ?? '')
      const waiting = (await volunteer().listWaiting(1000)).map((r) => r.id)
      expect(waiting.filter((id) => ids.includes(id))).toEqual(ids)
      const old = (await volunteer().listWaitingSince(hours(1, base))).map((r) => r.id)
      expect(old).toContain(ids[0])
      expect(old).not.toContain(ids[1])
    })

    it("reads the hall: the waiting requests in order of arrival and the volunteer's own, named, in claim order", async () => {
      const base = hours(5000)
      const v = await approvedVolunteer()
      const patients = await Promise.all(Array.from({ length: 55 }, () => newUser()))
      const ids: string[] = []
      for (const [i, p] of patients.entries()) ids.push((await helpRequest(p.id, hours(i, base))).id ?? '')
      await volunteer().claimRequest(ids[3], v.id, hours(60, base), null)
      await volunteer().claimRequest(ids[1], v.id, hours(61, base), null)
      const hall = await volunteer().listHall(v.id, 1000)
      expect(hall.mine.map((r) => r.id)).toEqual([ids[3], ids[1]])
      expect(hall.mine[0]).toMatchObject({ status: 'claimed', volunteer: { name: v.name, team: '青年' } })
      expect(hall.mine[0].toDepartment).not.toBe('')
      const mineIds: string[] = [ids[3], ids[1]]
      const waiting = hall.waiting.map((r) => r.id).filter((id) => ids.includes(id))
      expect(waiting).toEqual(ids.filter((id) => !mineIds.includes(id)))
      expect(hall.waiting.every((r) => r.status === 'waiting')).toBe(true)
      // More waiting than one read holds: the volunteer's own still come back, all of them.
      const short = await volunteer().listHall(v.id, 1)
      expect(short.waiting).toHaveLength(1)
      expect(short.mine.map((r) => r.id)).toEqual([ids[3], ids[1]])
      expect((await volunteer().listHall(v.id, 0)).waiting).toEqual([])
    })

    it('ranks volunteers by minutes, then served, then rating, adjustments included', async () => {
      const from = new Date('2031-01-01T00:00:00.000Z')
      const range = { from, to: hours(24 * 30, from) }
      const [a, b, c] = await Promise.all([1, 2, 3].map(() => approvedVolunteer()))
      await volunteer().addAdjustment(a.id, 90, '补录', randomUUID(), hours(1, from))
      await volunteer().addAdjustment(b.id, 90, '补录', randomUUID(), hours(1, from))
      await volunteer().addAdjustment(c.id, 30, '补录', randomUUID(), hours(1, from))
      await volunteer().addAdjustment(c.id, 30, '补录', randomUUID(), hours(-1, from))
      const patient = await newUser()
      const { id } = await helpRequest(patient.id, hours(2, from))
      if (!id) throw new Error('request not created')
      await volunteer().claimRequest(id, b.id, hours(2, from), null)
      await volunteer().completeRequest(id, b.id, hours(3, from))
      await volunteer().rate(id, patient.id, 4, null, hours(4, from))
      const ranking = await volunteer().ranking(range, 10)
      expect(ranking).toEqual([
        { userId: b.id, name: b.name, team: '青年', minutes: 90, served: 1, averageRating: 4, minutesAllTime: 90 },
        { userId: a.id, name: a.name, team: '青年', minutes: 90, served: 0, averageRating: null, minutesAllTime: 90 },
        // The year's 30 minutes rank; the star level counts the 30 before the year too.
        { userId: c.id, name: c.name, team: '青年', minutes: 30, served: 0, averageRating: null, minutesAllTime: 60 },
      ])
      expect(await volunteer().ranking(range, 1)).toHaveLength(1)
      expect(await volunteer().totals(c.id, range)).toMatchObject({
        minutesInRange: 30,
        minutesAllTime: 60,
        averageRating: null,
        ratingCount: 0,
      })
    })

    it('records a desk assignment with the same one-winner update, and forgets it on release', async () => {
      const patient = await newUser()
      const { id } = await helpRequest(patient.id, hours(2000))
      if (!id) throw new Error('request not created')
      const [picked, rival] = await Promise.all([approvedVolunteer(), approvedVolunteer()])
      const desk = randomUUID()
      const outcomes = await Promise.all([
        volunteer().claimRequest(id, picked.id, hours(2001), desk),
        volunteer().claimRequest(id, rival.id, hours(2001), null),
      ])
      expect(outcomes.filter(Boolean)).toHaveLength(1)
      const winner = outcomes[0] ? picked : rival
      expect(await volunteer().findRequest(id)).toMatchObject({ volunteerId: winner.id, assigned: outcomes[0] })
      expect(await volunteer().releaseRequest(id, winner.id)).toBe(true)
      expect(await volunteer().findRequest(id)).toMatchObject({ status: 'waiting', assigned: false })
      expect(await volunteer().claimRequest(id, picked.id, hours(2002), desk)).toBe(true)
      expect((await volunteer().listHall(picked.id, 0)).mine[0]).toMatchObject({ id, assigned: true })
    })

    it('names the volunteers on shift with their station and how many they are serving', async () => {
      const start = hours(3000)
      const [busy, idle] = await Promise.all([approvedVolunteer(), approvedVolunteer()])
      await volunteer().startShift(busy.id, '急诊', start)
      await volunteer().startShift(idle.id, '住院部', start)
      const patient = await newUser()
      const { id } = await helpRequest(patient.id, start)
      if (!id) throw new Error('request not created')
      await volunteer().claimRequest(id, busy.id, hours(1, start), null)
      const onShift = await volunteer().listOnShiftVolunteers(hours(2, start))
      expect(onShift).toContainEqual({ userId: busy.id, name: busy.name, team: '青年', station: '急诊', serving: 1 })
      expect(onShift).toContainEqual({ userId: idle.id, name: idle.name, team: '青年', station: '住院部', serving: 0 })
      expect((await volunteer().listOnShiftVolunteers(hours(13, start))).map((v) => v.userId)).not.toContain(busy.id)
    })

    it('lists services newest first, a page at a time: requests, shifts and adjustments', async () => {
      const start = hours(4000)
      const v = await approvedVolunteer()
      const admin = await identity().ensureUser(`openid-${randomUUID()}`)
      await volunteer().startShift(v.id, '门诊大厅', start)
      const patient = await newUser()
      const { id, department } = await helpRequest(patient.id, start)
      if (!id) throw new Error('request not created')
      await volunteer().claimRequest(id, v.id, hours(1, start), null)
      await volunteer().completeRequest(id, v.id, new Date(hours(1, start).getTime() + 25 * 60_000))
      await volunteer().rate(id, patient.id, 5, null, hours(2, start))
      await volunteer().endShift(v.id, hours(3, start))
      await volunteer().addAdjustment(v.id, 120, '社区义诊', admin.id, hours(5, start))

      const all = await volunteer().listServices(v.id, { limit: 10, offset: 0 })
      expect(all.total).toBe(3)
      expect(all.rows).toEqual([
        {
          kind: 'adjustment',
          at: hours(5, start).toISOString(),
          place: '',
          content: '社区义诊',
          destination: null,
          minutes: 120,
          rating: null,
          recordedBy: admin.name,
          autoClosed: false,
        },
        {
          kind: 'shift',
          at: hours(3, start).toISOString(),
          place: '门诊大厅',
          content: null,
          destination: null,
          minutes: 180,
          rating: null,
          recordedBy: null,
          autoClosed: false,
        },
        {
          kind: 'request',
          at: new Date(hours(1, start).getTime() + 25 * 60_000).toISOString(),
          place: '门诊大厅',
          content: '轮椅协助',
          destination: department.name,
          minutes: 25,
          rating: 5,
          recordedBy: null,
          autoClosed: false,
        },
      ])
      const second = await volunteer().listServices(v.id, { limit: 2, offset: 2 })
      expect(second).toEqual({ total: 3, rows: [all.rows[2]] })
      expect(await volunteer().listServices(randomUUID(), { limit: 10, offset: 0 })).toEqual({ total: 0, rows: [] })

      // Everyone's services in a range at once, oldest first: the same rows, each with its volunteer.
      const inRange = async (from: Date, to: Date) =>
        (await volunteer().listServicesIn({ from, to })).filter((row) => row.volunteerId === v.id)
      expect(await inRange(start, hours(6, start))).toEqual(
        [...all.rows].reverse().map((row) => ({ ...row, volunteerId: v.id })),
      )
      expect((await inRange(hours(2, start), hours(5, start))).map((row) => row.kind)).toEqual(['shift'])
    })

    it('keeps training and awards in date order, for that volunteer only', async () => {
      const [v, other] = await Promise.all([approvedVolunteer(), approvedVolunteer()])
      const admin = randomUUID()
      const award = { section: 'award' as const, title: '优秀志愿者', date: '2026-01-15', detail: '年度表彰' }
      const training = { section: 'training' as const, title: '服务礼仪培训', date: '2025-11-02', detail: '' }
      await volunteer().addRecordSection(v.id, award, admin, at)
      await volunteer().addRecordSection(v.id, training, admin, at)
      await volunteer().addRecordSection(other.id, training, admin, at)
      expect(await volunteer().listRecordSections(v.id)).toEqual([training, award])
    })

    describe('self-reported service', () => {
      const MAX = 720
      const report = (content: string, minutes = 120, date = '2026-02-20') => ({
        team: '青年' as const,
        date,
        place: '社区卫生服务中心',
        content,
        minutes,
      })

      it('keeps the all-time minutes with the open shift through adjustments and approved reports', async () => {
        const v = await approvedVolunteer()
        await volunteer().addAdjustment(v.id, 90, '补录', randomUUID(), at)
        expect(await volunteer().startShift(v.id, '门诊大厅', hours(1))).not.toBeNull()
        expect((await volunteer().findOpenShift(v.id))?.minutesAllTime).toBe(90)
        await volunteer().addAdjustment(v.id, -30, '更正重复补录', randomUUID(), hours(2))
        const added = await volunteer().addServiceReport(v.id, report('社区义诊'), MAX, hours(2))
        if (typeof added === 'string') throw new Error('not added')
        expect(await volunteer().decideServiceReport(added.id, { approve: true, note: '' }, v.id, hours(3), at)).toBe(
          true,
        )
        expect((await volunteer().findOpenShift(v.id))?.minutesAllTime).toBe(180)
        expect(await volunteer().minutesAllTime(v.id)).toBe(180)
        expect(await volunteer().endShift(v.id, hours(4))).toMatchObject({ minutes: 180 })
        expect(await volunteer().minutesAllTime(v.id)).toBe(360)
      })

      it('refuses the same service twice and more than 12 hours a day, whatever the races', async () => {
        const v = await approvedVolunteer()
        const first = await volunteer().addServiceReport(v.id, report('健康讲座'), MAX, at)
        if (typeof first === 'string') throw new Error(`not added: ${first}`)
        expect(await volunteer().addServiceReport(v.id, report('健康讲座', 60), MAX, at)).toBe('duplicate')
        // Another day is another service.
        expect(await volunteer().addServiceReport(v.id, report('健康讲座', 60, '2026-02-21'), MAX, at)).toEqual({
          id: expect.any(String),
        })
        // 120 reported; five of 200 at once: three fit in the 600 left.
        const racing = await Promise.all(
          [1, 2, 3, 4, 5].map((i) => volunteer().addServiceReport(v.id, report(`义诊${i}`, 200), MAX, at)),
        )
        expect(racing.filter((r) => typeof r === 'object')).toHaveLength(3)
        expect(racing.filter((r) => r === 'dayFull')).toHaveLength(2)
        expect(await volunteer().addServiceReport(v.id, report('送医上门', 1), MAX, at)).toBe('dayFull')
        expect(await volunteer().findServiceReport(first.id)).toEqual({
          id: first.id,
          volunteerId: v.id,
          volunteerName: v.name,
          team: '青年',
          date: '2026-02-20',
          place: '社区卫生服务中心',
          content: '健康讲座',
          minutes: 120,
          status: 'pending',
          note: null,
          decidedBy: null,
          reportedAt: at.toISOString(),
        })
        expect(await volunteer().findServiceReport(randomUUID())).toBeNull()
      })

      it('decides a report once; approval books it in the ledger once, rejection frees its day and key', async () => {
        const v = await approvedVolunteer()
        const leader = await identity().ensureUser(`openid-${randomUUID()}`)
        const approved = await volunteer().addServiceReport(v.id, report('社区义诊', 600), MAX, at)
        const rejected = await volunteer().addServiceReport(v.id, report('健康宣教', 120), MAX, at)
        if (typeof approved === 'string' || typeof rejected === 'string') throw new Error('not added')
        const countsAt = new Date('2026-02-20T04:00:00.000Z')
        const decisions = await Promise.all(
          [true, true, false, true, false].map((approve) =>
            volunteer().decideServiceReport(approved.id, { approve, note: '' }, leader.id, hours(1), countsAt),
          ),
        )
        expect(decisions.filter(Boolean)).toHaveLength(1)
        const decided = await volunteer().findServiceReport(approved.id)
        expect(decided?.status).not.toBe('pending')
        const approvedNow = decided?.status === 'approved'
        const totals = await volunteer().totals(v.id, { from: at, to: hours(24) })
        expect(totals.minutesAllTime).toBe(approvedNow ? 600 : 0)

        expect(
          await volunteer().decideServiceReport(
            rejected.id,
            { approve: false, note: '日期有误' },
            leader.id,
            hours(1),
            countsAt,
          ),
        ).toBe(true)
        expect(await volunteer().findServiceReport(rejected.id)).toMatchObject({
          status: 'rejected',
          note: '日期有误',
          decidedBy: leader.name,
        })
        // The rejected service may be reported again, corrected; its 120 minutes are free again.
        const again = await volunteer().addServiceReport(v.id, report('健康宣教', 120), MAX, at)
        expect(typeof again).toBe('object')
      })

      it('lists an approved report as an external service on its day, confirmed by its approver', async () => {
        const v = await approvedVolunteer()
        const leader = await identity().ensureUser(`openid-${randomUUID()}`)
        const added = await volunteer().addServiceReport(v.id, report('送医上门', 90), MAX, at)
        if (typeof added === 'string') throw new Error('not added')
        const countsAt = new Date('2026-02-20T04:00:00.000Z')
        await volunteer().decideServiceReport(added.id, { approve: true, note: '' }, leader.id, hours(1), countsAt)
        expect(await volunteer().listServices(v.id, { limit: 5, offset: 0 })).toEqual({
          total: 1,
          rows: [
            {
              kind: 'external',
              at: countsAt.toISOString(),
              place: '社区卫生服务中心',
              content: '送医上门',
              destination: null,
              minutes: 90,
              rating: null,
              recordedBy: leader.name,
              autoClosed: false,
            },
          ],
        })
      })

      it('lists reports by volunteer, and pending ones by team', async () => {
        const [a, b] = await Promise.all([approvedVolunteer(), approvedVolunteer()])
        const mine = await volunteer().addServiceReport(a.id, report('健康讲座'), MAX, at)
        const older = await volunteer().addServiceReport(a.id, report('义诊', 60, '2026-02-19'), MAX, hours(-1))
        const elder = await volunteer().addServiceReport(b.id, { ...report('陪诊'), team: '老年' }, MAX, at)
        if (typeof mine === 'string' || typeof older === 'string' || typeof elder === 'string')
          throw new Error('not added')
        expect((await volunteer().listServiceReports({ volunteerId: a.id }, 10)).map((r) => r.id)).toEqual([
          mine.id,
          older.id,
        ])
        const elderTeam = await volunteer().listServiceReports({ status: 'pending', teams: ['老年'] }, 1000)
        expect(elderTeam.map((r) => r.id)).toContain(elder.id)
        expect(elderTeam.map((r) => r.id)).not.toContain(mine.id)
        const all = await volunteer().listServiceReports({ status: 'pending', teams: 'all' }, 1000)
        expect(all.map((r) => r.id)).toEqual(expect.arrayContaining([mine.id, elder.id]))
      })

      it('keeps team leaders, several per team, until an administrator removes one', async () => {
        const [a, b] = await Promise.all([approvedVolunteer('队长一'), approvedVolunteer('队长二')])
        await volunteer().setTeamLeader('党员', a.id, true)
        await volunteer().setTeamLeader('党员', a.id, true)
        await volunteer().setTeamLeader('党员', b.id, true)
        await volunteer().setTeamLeader('青年', b.id, true)
        const ours = (leaders: { userId: string }[]) => leaders.filter((l) => [a.id, b.id].includes(l.userId))
        expect(ours(await volunteer().listTeamLeaders())).toEqual([
          { team: '党员', userId: a.id, name: '队长一' },
          { team: '党员', userId: b.id, name: '队长二' },
          { team: '青年', userId: b.id, name: '队长二' },
        ])
        await volunteer().setTeamLeader('党员', b.id, false)
        expect(ours(await volunteer().listTeamLeaders())).toEqual([
          { team: '党员', userId: a.id, name: '队长一' },
          { team: '青年', userId: b.id, name: '队长二' },
        ])
      })
    })

    describe('certificates', () => {
      const issued = (volunteerId: string, number: string, patch: object = {}) => ({
        number,
        volunteerId,
        name: '李秀英',
        idLast4: null,
        periodFrom: '2026-01-01',
        periodTo: '2026-03-02',
        minutes: 150,
        services: 3,
        content: '院内值班 2 次、导诊服务 1 次',
        issuer: '仁心医院志愿服务队',
        issuedAt: at.toISOString(),
        ...patch,
      })

      it('keeps one certificate per volunteer and period, whatever the races, and revokes them', async () => {
        const v = await approvedVolunteer()
        const numbers = ['A', 'B', 'C', 'D'].map((x) => `ZYFW-TEST-${x}${randomUUID().slice(0, 8)}`)
        const all = await Promise.all(numbers.map((n) => volunteer().issueCertificate(issued(v.id, n))))
        expect(new Set(all.map((c) => c.number)).size).toBe(1)
        const { volunteerId: _v, ...expected } = issued(v.id, all[0].number)
        expect(all[0]).toEqual({ ...expected, status: 'valid' })
        const allTime = await volunteer().issueCertificate(
          issued(v.id, `ZYFW-ALL-${randomUUID()}`, { periodFrom: null }),
        )
        expect(allTime.number).not.toBe(all[0].number)
        expect(await volunteer().findCertificate(all[0].number)).toEqual(all[0])
        expect(await volunteer().findCertificate('ZYFW-TEST-NONE')).toBeNull()

        expect(await volunteer().revokeCertificates(v.id, '资格撤销', hours(1))).toBe(2)
        expect(await volunteer().revokeCertificates(v.id, '资格撤销', hours(1))).toBe(0)
        expect((await volunteer().findCertificate(allTime.number))?.status).toBe('revoked')
      })

      it("sums a period's services by kind", async () => {
        const v = await approvedVolunteer()
        const start = hours(6000)
        await volunteer().startShift(v.id, '门诊大厅', start)
        await volunteer().endShift(v.id, hours(2, start))
        await volunteer().addAdjustment(v.id, 30, '补录', randomUUID(), hours(3, start))
        await volunteer().addAdjustment(v.id, 30, '补录', randomUUID(), hours(30, start))
        const summary = await volunteer().summarizeServices(v.id, { from: start, to: hours(24, start) })
        expect([...summary].sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
          { kind: 'adjustment', count: 1, minutes: 30 },
          { kind: 'shift', count: 1, minutes: 120 },
        ])
      })
    })
  })
}

import { randomUUID } from 'node:crypto'
import type { Department, MyData } from '../../../src/contract'
import type { BoundRequest } from '../../../src/cloud/core/platform-repo'
import type { Actor } from '../../../src/cloud/domain/feedback/repo'
import type { RepoHarness } from '../repo-adapters'

const at = new Date('2026-05-04T01:00:00.000Z')
const hours = (n: number) => new Date(at.getTime() + n * 3600_000)
const iso = (n: number) => hours(n).toISOString()
const allTime = { from: new Date('2000-01-01T00:00:00.000Z'), to: new Date('2100-01-01T00:00:00.000Z') }
const manager: Actor = { id: null, role: 'manager' }
const CERTIFICATE = {
  idLast4: '123X',
  periodFrom: null,
  periodTo: '2026-05-04',
  minutes: 150,
  services: 2,
  content: '院内导诊值班',
  issuer: '仁心医院志愿服务队',
}

/** What the client receives: the export after the JSON of the reply (PostgreSQL hands over Dates). */
export const asSent = (data: MyData): MyData => JSON.parse(JSON.stringify(data)) as MyData

export const ERASE_AT = hours(30)
/** A year no other contract publishes an 优秀志愿者 list for. */
const EXCELLENT_YEAR = 2039

/** A hospital department with three study sessions, the person to erase and another who stays. */
export async function personalWorld(harness: RepoHarness) {
  const repos = harness.repos
  const fixtures = harness.fixtures

  async function staffUser(departmentId: string) {
    const openid = `openid-${randomUUID()}`
    const user = await repos.identity.ensureUser(openid)
    const entry = await fixtures.rosterEntry(departmentId)
    await repos.identity.requestStaffBinding(user.id, entry.employeeNo, at)
    await repos.identity.decideStaffBinding(user.id, true, randomUUID(), hours(1))
    return { id: user.id, openid, entry }
  }

  /** A person with something in every area: the one `full` builds out is erased, the other is not. */
  async function person(department: Department, tag: string, sessions: string[], full: boolean) {
    const departmentId = department.id
    const { volunteer, feedback, study, platform } = repos
    const me = await staffUser(departmentId)
    await repos.identity.updatePrefs(me.id, { largeText: true, sensitiveText: 'granted' }, hours(1))
    const profile = {
      name: `${tag}志愿`,
      phone: '13911112222',
      team: '青年' as const,
      skills: ['导诊'],
      availability: '周末',
    }
    await volunteer.register(me.id, profile, hours(2))

    const request = {
      need: '轮椅协助' as const,
      from: `${tag}在门诊大厅`,
      toDepartmentId: departmentId,
      toDepartment: (await repos.identity.findDepartment(departmentId))?.name ?? '',
      patientName: me.entry.name,
      people: 1,
    }
    const served = full ? await volunteer.createRequest(me.id, { ...request, note: `${tag}腿脚不便` }, hours(3)) : null
    if (served) {
      const helper = await repos.identity.ensureUser(`openid-${randomUUID()}`)
      await volunteer.claimRequest(served, helper.id, hours(3), null)
      await volunteer.completeRequest(served, helper.id, hours(4))
      await volunteer.rate(served, me.id, 4, `谢谢${tag}的帮助`, hours(5))
    }
    const waiting = await volunteer.createRequest(me.id, { ...request, note: `${tag}请快来` }, hours(6))
    if (!waiting) throw new Error('help request not created')

    if (full) {
      await volunteer.decide(me.id, { approve: true }, randomUUID(), hours(2))
      await volunteer.startShift(me.id, '门诊大厅', hours(7))
      await volunteer.endShift(me.id, hours(9))
      await volunteer.addAdjustment(me.id, 30, '补录服务时长', randomUUID(), hours(10))
      const report = {
        team: '青年' as const,
        date: '2026-05-03',
        place: '社区卫生站',
        content: '义诊导引',
        minutes: 90,
      }
      await volunteer.addServiceReport(me.id, report, 720, hours(10))
      await volunteer.issueCertificate({
        ...CERTIFICATE,
        number: `RX-${randomUUID()}`,
        volunteerId: me.id,
        name: profile.name,
        issuedAt: iso(11),
      })
    }

    const item = {
      patientId: me.id,
      departmentId,
      departmentName: department.name,
      employeeNo: me.entry.employeeNo,
      staffName: me.entry.name,
      categories: ['服务态度'],
      anonymous: false,
      heldReasons: [],
      month: '2026-05',
    }
    const patient: Actor = { id: me.id, role: 'patient' }
    const complaint = await feedback.create(
      { ...item, kind: 'complaint', text: `我是${tag}，窗口态度让人难受。`, contactPhone: '13622223333' },
      patient,
      hours(11),
    )
    const praise = await feedback.create(
      { ...item, kind: 'praise', text: `感谢护士，${tag}全家记在心里。`, contactPhone: null },
      patient,
      hours(12),
    )
    if (full) {
      await feedback.transition(complaint, { action: 'accept' }, manager, hours(13))
      await feedback.transition(complaint, { action: 'reply', text: '已核实并致歉', upheld: true }, manager, hours(14))
      await feedback.transition(
        complaint,
        { action: 'reopen', reason: `${tag}仍不满意`, repliedSince: hours(13) },
        patient,
        hours(15),
      )
    }

    const [first, second, third] = sessions
    if (full) {
      await study.checkIn(first, me.id, hours(50), false)
      await study.requestLeave(third, me.id, `${tag}出差`, hours(16))
      await study.decideLeave(third, me.id, 'approved', randomUUID(), hours(17))
    }
    await study.requestLeave(second, me.id, `${tag}孩子发烧`, hours(18))

    await platform.addOutbox({ userId: me.id, template: 'complaintStatus', payload: { name: tag } }, hours(19))
    const done: BoundRequest = {
      userId: me.id,
      fn: 'volunteer',
      action: 'register',
      requestId: `r-${tag}`,
      inputHash: `h-${tag}`,
    }
    await platform.claimRequest(done, hours(2))
    await platform.completeRequest(done, { name: tag })
    const stale = `kernel/60s:${me.openid}`
    await platform.hitRateLimit(stale, hours(-48))
    const running = `daily/86400s:${me.openid}`
    await platform.hitRateLimit(running, hours(20))
    return { ...me, served, waiting, complaint, praise, done, stale, running }
  }

  const department = await fixtures.department()
  const organizer = await staffUser(department.id)
  const session = async (offset: number, title: string) =>
    (
      await repos.study.createSession(
        { id: organizer.id, departmentId: department.id, name: organizer.entry.name },
        {
          type: '业务学习',
          title,
          speaker: '李主任',
          location: '会议室',
          startAt: hours(offset),
          endAt: hours(offset + 2),
          audience: [department.id],
          creditHours: 2,
          requireCheckOut: false,
          cmeCredits: 0,
          fence: null,
          wifiBssids: [],
        },
        at,
      )
    ).id
  const sessions = [await session(49, '院感培训'), await session(100, '消防演练'), await session(120, '党课')]
  const erased = await person(department, '钱多多', sessions, true)
  const other = await person(department, '孙不动', sessions, false)
  const excellent = (id: string, name: string) => ({
    userId: id,
    name,
    team: '青年' as const,
    minutes: 2400,
    services: 5,
    averageRating: null,
  })
  await repos.volunteer.publishExcellent(
    EXCELLENT_YEAR,
    { publishedAt: iso(20), volunteers: [excellent(erased.id, '钱多多志愿'), excellent(other.id, '孙不动志愿')] },
    randomUUID(),
  )
  return { department, sessions, erased, other, organizer }
}

type World = Awaited<ReturnType<typeof personalWorld>>

/** The erased person's export before and after, identical on every adapter. */
export function expectedExports({ department, erased }: World) {
  const request = { need: '轮椅协助', to: department.name, people: 1 }
  const item = {
    department: department.name,
    staffName: erased.entry.name,
    categories: ['服务态度'],
    anonymous: false,
    rating: null,
    closedAt: null,
  }
  const complaint = {
    ...item,
    kind: 'complaint',
    status: 'accepted',
    text: '我是钱多多，窗口态度让人难受。',
    contactPhone: '13622223333',
    createdAt: iso(11),
    reply: '已核实并致歉',
    upheld: true,
    reopenReason: '钱多多仍不满意',
  }
  const praise = {
    ...item,
    kind: 'praise',
    status: 'pending',
    text: '感谢护士，钱多多全家记在心里。',
    contactPhone: null,
    createdAt: iso(12),
    reply: null,
    upheld: null,
    reopenReason: null,
  }
  const attendance = {
    type: '业务学习',
    title: '院感培训',
    startAt: iso(49),
    checkedInAt: iso(50),
    late: false,
    expected: true,
    checkedOutAt: null,
    creditHours: 2,
  }
  const shifts = [{ station: '门诊大厅', startedAt: iso(7), endedAt: iso(9), autoClosed: false }]
  const ledger = [
    { kind: 'shift', minutes: 120, reason: null, at: iso(9) },
    { kind: 'adjustment', minutes: 30, reason: '补录服务时长', at: iso(10) },
  ]
  const report = {
    date: '2026-05-03',
    team: '青年',
    place: '社区卫生站',
    content: '义诊导引',
    minutes: 90,
    status: 'pending',
    note: null,
    reportedAt: iso(10),
    decidedAt: null,
  }
  const { idLast4: _idLast4, ...printed } = CERTIFICATE
  const certificate = { ...printed, number: expect.stringMatching(/^RX-/), issuedAt: iso(11) }
  const approvedLeave = {
    title: '党课',
    startAt: iso(120),
    status: 'approved',
    requestedAt: iso(16),
    decidedAt: iso(17),
  }
  const before = {
    identity: {
      user: {
        name: erased.entry.name,
        roles: ['patient', 'staff', 'volunteer'],
        department: department.name,
        largeText: true,
        sensitiveText: 'granted',
        sensitiveTextAt: iso(1),
        createdAt: expect.any(String),
      },
      staffBinding: {
        employeeNo: erased.entry.employeeNo,
        status: 'approved',
        requestedAt: iso(0),
        decidedAt: iso(1),
      },
    },
    survey: null,
    voice: null,
    volunteer: {
      profile: {
        name: '钱多多志愿',
        phone: '13911112222',
        team: '青年',
        skills: ['导诊'],
        availability: '周末',
        status: 'approved',
        reason: null,
        requestedAt: iso(2),
      },
      requests: [
        {
          ...request,
          from: '钱多多在门诊大厅',
          note: '钱多多腿脚不便',
          status: 'completed',
          createdAt: iso(3),
          stars: 4,
          comment: '谢谢钱多多的帮助',
        },
        {
          ...request,
          from: '钱多多在门诊大厅',
          note: '钱多多请快来',
          status: 'waiting',
          createdAt: iso(6),
          stars: null,
          comment: null,
        },
      ],
      shifts,
      hours: ledger,
      reports: [report],
      certificates: [{ ...certificate, name: '钱多多志愿', idLast4: '123X', status: 'valid' }],
    },
    feedback: { items: [complaint, praise] },
    study: {
      attendance: [attendance],
      leaves: [
        { ...approvedLeave, reason: '钱多多出差' },
        {
          title: '消防演练',
          startAt: iso(100),
          reason: '钱多多孩子发烧',
          status: 'pending',
          requestedAt: iso(18),
          decidedAt: null,
        },
      ],
    },
    staffSurvey: { answered: [] },
  }
  const blanked = { text: '（提交人已删除此内容）', contactPhone: null, reopenReason: null, anonymous: true }
  const after = {
    identity: {
      user: {
        name: '',
        roles: ['patient'],
        department: null,
        largeText: false,
        sensitiveText: null,
        sensitiveTextAt: null,
        createdAt: expect.any(String),
      },
      staffBinding: null,
    },
    survey: null,
    voice: null,
    volunteer: {
      profile: null,
      requests: [
        { ...request, from: '已删除', note: null, status: 'completed', createdAt: iso(3), stars: 4, comment: null },
        {
          ...request,
          from: '已删除',
          note: null,
          status: 'cancelled',
          createdAt: iso(6),
          stars: null,
          comment: null,
        },
      ],
      shifts,
      hours: ledger,
      reports: [report],
      certificates: [{ ...certificate, name: '', idLast4: null, status: 'revoked' }],
    },
    feedback: {
      items: [
        { ...complaint, ...blanked },
        { ...praise, ...blanked, status: 'rejected' },
      ],
    },
    study: { attendance: [attendance], leaves: [{ ...approvedLeave, reason: '已删除' }] },
    staffSurvey: { answered: [] },
  }
  return { before, after }
}

export function personalDataContract(harness: () => RepoHarness): void {
  describe('personal data', () => {
    const repos = () => harness().repos
    const exported = async (userId: string) => asSent(await repos().personalData.exportUser(userId))

    it('exports a person area by area, erases it idempotently, and leaves everyone else untouched', async () => {
      const world = await personalWorld(harness())
      const { department, sessions, erased, other } = world
      const expected = expectedExports(world)
      const otherBefore = await exported(other.id)
      expect(await exported(erased.id)).toEqual(expected.before)
      expect(JSON.stringify(await exported(erased.id))).not.toContain('孙不动')

      const totals = await repos().volunteer.totals(erased.id, allTime)
      const present = async () =>
        (await repos().study.listAttendees(sessions[0])).filter((a) => a.status === 'present').length
      const presentBefore = await present()
      const praiseHistory = (await repos().feedback.history(erased.praise)).length

      await repos().personalData.eraseUser(erased.id, ERASE_AT)
      const afterFirst = await exported(erased.id)
      expect(afterFirst).toEqual(expected.after)
      expect(JSON.stringify(afterFirst)).not.toMatch(/钱多多|13911112222|13622223333/)
      const history = await repos().feedback.history(erased.praise)
      expect(history).toHaveLength(praiseHistory + 1)
      expect(history.at(-1)).toEqual({
        action: 'reject',
        fromStatus: 'pending',
        toStatus: 'rejected',
        actor: 'system',
        note: '提交人已删除账号',
        at: ERASE_AT.toISOString(),
      })
      expect((await repos().feedback.find(erased.complaint))?.patientName).toBe('')
      expect(await repos().volunteer.findProfile(erased.id)).toBeNull()
      const listed = await repos().volunteer.findExcellent(EXCELLENT_YEAR)
      expect(listed?.volunteers.map((v) => [v.userId, v.name])).toEqual([
        [erased.id, ''],
        [other.id, '孙不动志愿'],
      ])
      expect(await repos().platform.listOutbox(erased.id)).toEqual([])
      // Ledgers and counts keep their numbers under the nameless account.
      expect(await repos().volunteer.totals(erased.id, allTime)).toEqual(totals)
      expect(totals).toMatchObject({ minutesAllTime: 150 })
      expect(await present()).toBe(presentBefore)
      expect(await repos().study.findAttendance(sessions[0], erased.id)).toMatchObject({ creditHours: 2 })

      await repos().personalData.eraseUser(erased.id, hours(31))
      expect(await exported(erased.id)).toEqual(afterFirst)
      expect(await repos().feedback.history(erased.praise)).toHaveLength(praiseHistory + 1)
      expect(await exported(other.id)).toEqual(otherBefore)
      expect(otherBefore).toMatchObject({
        volunteer: { profile: { name: '孙不动志愿' }, requests: [{ status: 'waiting', note: '孙不动请快来' }] },
        feedback: { items: [{ contactPhone: '13622223333' }, { status: 'pending' }] },
        study: { leaves: [{ reason: '孙不动孩子发烧', status: 'pending' }] },
      })
      expect(await repos().platform.listOutbox(other.id)).toHaveLength(1)

      // The account is still its OPENID's, its employee number and open request slot are free again.
      expect((await repos().identity.ensureUser(erased.openid)).id).toBe(erased.id)
      const successor = await repos().identity.ensureUser(`openid-${randomUUID()}`)
      expect(await repos().identity.requestStaffBinding(successor.id, erased.entry.employeeNo, hours(32))).toBe(true)
      expect(await repos().identity.decideStaffBinding(successor.id, true, randomUUID(), hours(32))).toMatchObject({
        status: 'approved',
      })
      const again = {
        need: '轮椅协助' as const,
        from: '门诊',
        toDepartmentId: department.id,
        toDepartment: department.name,
        patientName: '',
        note: null,
        people: 1,
      }
      expect(await repos().volunteer.createRequest(erased.id, again, hours(33))).not.toBeNull()
      expect(await repos().volunteer.createRequest(other.id, again, hours(33))).toBeNull()
      // Done results and rate windows that ended a day ago go; running windows and other people's stay.
      expect(await repos().platform.claimRequest(erased.done, hours(34))).toEqual({ state: 'new' })
      expect((await repos().platform.claimRequest(other.done, hours(34))).state).toBe('done')
      expect(await repos().platform.hitRateLimit(erased.stale, hours(-48))).toBe(1)
      expect(await repos().platform.hitRateLimit(erased.running, hours(20))).toBe(2)
      expect(await repos().platform.hitRateLimit(other.stale, hours(-48))).toBe(2)
    })

    it("erases an organizer's name from the sessions they organized, which stay", async () => {
      const { sessions, organizer } = await personalWorld(harness())
      expect(await repos().study.findSession(sessions[0])).toMatchObject({ organizerName: organizer.entry.name })
      await repos().personalData.eraseUser(organizer.id, ERASE_AT)
      expect(await repos().study.findSession(sessions[0])).toMatchObject({ id: sessions[0], organizerName: '' })
    })
  })
}

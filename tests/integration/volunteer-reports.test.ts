import type { ServiceReport, TeamLeader, VolunteerRecord } from '../../src/contract'
import { dataOf, errorOf, type SignedIn, startTestHost, type TestHost } from '../support/test-host'

// Service done outside the app, reported by the volunteer and approved by their team's leader.
let host: TestHost
let admin: SignedIn

beforeAll(async () => {
  host = await startTestHost()
  host.setClock(new Date('2032-06-10T02:00:00Z'))
  admin = await host.signIn('admin')
})
afterAll(async () => {
  await host.close()
})

/** An approved volunteer of `team`, named by their registration. */
async function member(tag: string, team: string): Promise<SignedIn> {
  const person = await host.signIn('patient', tag)
  dataOf(
    await person.call('volunteer', 'register', {
      name: `队员${tag.slice(-2)}`,
      phone: '13912345678',
      team,
      skills: [],
      availability: '周末',
    }),
  )
  dataOf(await admin.call('volunteer', 'approve', { userId: person.user.id }))
  return host.signIn('volunteer', tag)
}

async function leaderOf(tag: string, team: string): Promise<SignedIn> {
  const leader = await member(tag, team)
  dataOf(await admin.call('volunteer', 'setTeamLeader', { team, userId: leader.user.id, leader: true }))
  return leader
}

const service = (patch: object = {}) => ({
  date: '2032-06-08',
  place: '滨江社区卫生服务中心',
  content: '高血压健康讲座',
  hours: 2.5,
  ...patch,
})

async function outbox(userId: string): Promise<{ template: string; payload: Record<string, string> }[]> {
  const response = await fetch(`${host.url}/dev/outbox?userId=${userId}`)
  return (await response.json()) as { template: string; payload: Record<string, string> }[]
}

describe('reporting a service', () => {
  it('checks the hours, the date and duplicates, and tells the team leader', async () => {
    const leader = await leaderOf('report-leader', '青年')
    const volunteer = await member('report-v1', '青年')
    const report = async (patch: object = {}) =>
      volunteer.call<ServiceReport>('volunteer', 'reportService', service(patch))

    for (const hours of [0, -1, 12.5]) {
      expect(errorOf(await report({ hours })).fields?.map((f) => f.path)).toEqual(['hours'])
    }
    const future = await report({ date: '2032-06-11' })
    expect(errorOf(future)).toMatchObject({ code: 'INVALID_INPUT', message: '服务日期不能晚于今天' })
    expect(errorOf(future).fields?.map((f) => f.path)).toEqual(['date'])

    const reported = dataOf(await report())
    expect(reported).toMatchObject({
      team: '青年',
      volunteerName: '队员v1',
      date: '2032-06-08',
      minutes: 150,
      status: 'pending',
    })
    expect(errorOf(await report({ hours: 1 }))).toMatchObject({ code: 'CONFLICT', message: '这次服务已经上报过了' })
    // Today counts; 2.5 h already on the 8th, so 9.5 more fit and 10 do not.
    dataOf(await report({ date: '2032-06-10', content: '义诊' }))
    expect(errorOf(await report({ content: '送医上门', hours: 10 })).fields?.map((f) => f.path)).toEqual(['hours'])
    dataOf(await report({ content: '送医上门', hours: 9.5 }))

    const note = (await outbox(leader.user.id)).find((m) => m.template === 'volunteerReportToApprove')
    expect(note?.payload).toMatchObject({ team: '青年', date: '2032-06-08' })
    const mine = dataOf(await volunteer.call<ServiceReport[]>('volunteer', 'myReports'))
    expect(mine.map((r) => r.content).sort()).toEqual(['义诊', '送医上门', '高血压健康讲座'].sort())
  })
})

describe('approving a reported service', () => {
  it('lets the leader approve their team, and the record and star update; the ledger is append-only', async () => {
    const leader = await leaderOf('approve-leader', '党员')
    const volunteer = await member('approve-v1', '党员')
    // 99 h already: the reported 2 h take the volunteer to 一星.
    dataOf(
      await admin.call('volunteer', 'adjustHours', {
        userId: volunteer.user.id,
        minutes: 5940,
        reason: '历史服务补录',
      }),
    )
    const report = dataOf(
      await volunteer.call<ServiceReport>('volunteer', 'reportService', service({ hours: 2, content: '社区义诊' })),
    )
    const before = dataOf(await volunteer.call<VolunteerRecord>('volunteer', 'myRecord'))
    expect(before.star).toMatchObject({ level: 0, hoursToNext: 1 })

    const queue = dataOf(await leader.call<ServiceReport[]>('volunteer', 'reportsToApprove'))
    expect(queue.map((r) => r.id)).toEqual([report.id])
    const approved = dataOf(
      await leader.call<ServiceReport>('volunteer', 'approveService', { id: report.id, approve: true }, 'approve-1'),
    )
    expect(approved).toMatchObject({ status: 'approved', decidedBy: '队员er' })

    const after = dataOf(await volunteer.call<VolunteerRecord>('volunteer', 'myRecord'))
    expect(after.minutesAllTime).toBe(5940 + 120)
    expect(after.star).toEqual({ level: 1, name: '一星', hoursToNext: 199 })
    expect(after.services.find((s) => s.kind === 'external')).toMatchObject({
      place: '滨江社区卫生服务中心',
      content: '社区义诊',
      minutes: 120,
      countsHours: true,
      confirmedBy: '队员er 审核通过',
    })
    expect((await outbox(volunteer.user.id)).map((m) => m.template)).toContain('volunteerReportDecided')
    await expect(
      host.host.store.sql.query(`UPDATE volunteer_hours SET minutes = 1 WHERE report_id = $1`, [report.id]),
    ).rejects.toThrow(/append-only/)
    const again = await leader.call('volunteer', 'approveService', { id: report.id, approve: false, note: '重复' })
    expect(errorOf(again)).toMatchObject({ code: 'CONFLICT', message: '这条上报已审核过了' })
  })

  it('refuses the leader of another team, and a volunteer deciding their own report', async () => {
    await leaderOf('other-leader-own', '老年')
    const otherLeader = await leaderOf('other-leader', '青年')
    const volunteer = await member('other-v1', '老年')
    const report = dataOf(await volunteer.call<ServiceReport>('volunteer', 'reportService', service()))
    const refused = await otherLeader.call('volunteer', 'approveService', { id: report.id, approve: true })
    expect(errorOf(refused)).toMatchObject({ code: 'FORBIDDEN', message: '只有老年服务队队长或管理员可以审核' })
    expect(
      dataOf(await otherLeader.call<ServiceReport[]>('volunteer', 'reportsToApprove')).map((r) => r.id),
    ).not.toContain(report.id)
    const plain = await member('other-v2', '老年')
    expect(errorOf(await plain.call('volunteer', 'approveService', { id: report.id, approve: true })).code).toBe(
      'FORBIDDEN',
    )
    expect(dataOf(await plain.call<ServiceReport[]>('volunteer', 'reportsToApprove'))).toEqual([])

    const selfLeader = await leaderOf('self-leader', '社会')
    const own = dataOf(await selfLeader.call<ServiceReport>('volunteer', 'reportService', service()))
    const self = await selfLeader.call('volunteer', 'approveService', { id: own.id, approve: true })
    expect(errorOf(self)).toMatchObject({ code: 'FORBIDDEN', message: '不能审核自己上报的服务' })
    expect(dataOf(await volunteer.call<ServiceReport[]>('volunteer', 'myReports'))[0].status).toBe('pending')
  })

  it('takes exactly one decision when the leader and an admin decide at once', async () => {
    const leader = await leaderOf('race-leader', '青年')
    const volunteer = await member('race-v1', '青年')
    const report = dataOf(await volunteer.call<ServiceReport>('volunteer', 'reportService', service({ hours: 3 })))
    const replies = await Promise.all([
      leader.call('volunteer', 'approveService', { id: report.id, approve: true }),
      admin.call('volunteer', 'approveService', { id: report.id, approve: false, note: '时长需核实' }),
      leader.call('volunteer', 'approveService', { id: report.id, approve: true }),
      admin.call('volunteer', 'approveService', { id: report.id, approve: true }),
    ])
    expect(replies.filter((r) => r.body.ok)).toHaveLength(1)
    expect(replies.filter((r) => !r.body.ok).map((r) => errorOf(r).code)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT'])
    const [ledger] = await host.host.store.sql.query<{ rows: number }>(
      `SELECT count(*)::int AS rows FROM volunteer_hours WHERE report_id = $1`,
      [report.id],
    )
    const final = dataOf(await volunteer.call<ServiceReport[]>('volunteer', 'myReports'))[0]
    expect(ledger.rows).toBe(final.status === 'approved' ? 1 : 0)
  })

  it('asks for a reason to reject, and lets the volunteer report the corrected service again', async () => {
    const leader = await leaderOf('reject-leader', '党员')
    const volunteer = await member('reject-v1', '党员')
    const report = dataOf(await volunteer.call<ServiceReport>('volunteer', 'reportService', service({ hours: 8 })))
    const noReason = await leader.call('volunteer', 'approveService', { id: report.id, approve: false })
    expect(errorOf(noReason).fields?.map((f) => f.path)).toEqual(['note'])
    const rejected = dataOf(
      await leader.call<ServiceReport>('volunteer', 'approveService', {
        id: report.id,
        approve: false,
        note: '讲座时长为3小时',
      }),
    )
    expect(rejected).toMatchObject({ status: 'rejected', note: '讲座时长为3小时' })
    dataOf(await volunteer.call('volunteer', 'reportService', service({ hours: 3 })))
  })
})

describe('team leaders', () => {
  it('are set and removed by administrators only', async () => {
    const volunteer = await member('leaders-v', '社会')
    const set = dataOf(
      await admin.call<TeamLeader[]>('volunteer', 'setTeamLeader', {
        team: '社会',
        userId: volunteer.user.id,
        leader: true,
      }),
    )
    expect(set).toContainEqual({ team: '社会', userId: volunteer.user.id, name: '队员-v' })
    const removed = dataOf(
      await admin.call<TeamLeader[]>('volunteer', 'setTeamLeader', {
        team: '社会',
        userId: volunteer.user.id,
        leader: false,
      }),
    )
    expect(removed.map((l) => l.userId)).not.toContain(volunteer.user.id)
    const patient = await host.signIn('patient', 'leaders-p')
    const notVolunteer = await admin.call('volunteer', 'setTeamLeader', {
      team: '社会',
      userId: patient.user.id,
      leader: true,
    })
    expect(errorOf(notVolunteer).code).toBe('NOT_FOUND')
    expect(
      errorOf(
        await volunteer.call('volunteer', 'setTeamLeader', { team: '社会', userId: volunteer.user.id, leader: true }),
      ).code,
    ).toBe('FORBIDDEN')
  })
})

import type {
  DeskView,
  HallView,
  MyHelpRequest,
  PendingVolunteer,
  RankingRow,
  ServiceRecord,
  ShiftView,
  UserView,
  VolunteerProfile,
  VolunteerRosterEntry,
  CsvExport,
} from '../../src/contract'
import { SENSITIVE_TEXT_REFUSED } from '../../src/contract'
import { consentToTreatmentText, dataOf, errorOf, type SignedIn } from '../support/test-host'
import { volunteerWorld } from '../support/volunteer-world'

const world = volunteerWorld('2026-03-02T01:00:00Z')

const askHelp = (patient: SignedIn, need = '轮椅协助') =>
  patient.call<MyHelpRequest>('volunteer', 'request', { need, from: '门诊大厅', to: world.departmentId, people: 1 })

describe('who may do what', () => {
  it('refuses volunteer and admin actions to a patient', async () => {
    const patient = await world.host.signIn('patient', 'forbid-1')
    const someId = '00000000-0000-4000-8000-000000000000'
    const calls: [string, unknown][] = [
      ['startShift', { station: '门诊大厅' }],
      ['endShift', {}],
      ['open', {}],
      ['claim', { requestId: someId }],
      ['release', { requestId: someId }],
      ['complete', { requestId: someId }],
      ['myRecord', {}],
      ['pending', {}],
      ['approve', { userId: someId }],
      ['adjustHours', { userId: someId, minutes: 60, reason: '补录活动时长' }],
      ['desk', {}],
      ['exportRanking', { year: 2026 }],
    ]
    for (const [action, data] of calls) {
      const reply = await patient.call('volunteer', action, data)
      expect({ action, code: errorOf(reply).code }).toEqual({ action, code: 'FORBIDDEN' })
    }
  })

  it('refuses to let a volunteer who is not on shift see or claim requests', async () => {
    const patient = await world.host.signIn('patient', 'offshift-p')
    const request = dataOf(await askHelp(patient))
    const volunteer = await world.host.signIn('volunteer', 'offshift-v')
    const hall = dataOf(await volunteer.call<HallView>('volunteer', 'open'))
    expect(hall).toEqual({ shift: null, waiting: [], mine: [], star: { level: 0, name: '未评星', hoursToNext: 100 } })
    const claim = await volunteer.call('volunteer', 'claim', { requestId: request.id })
    expect(errorOf(claim)).toMatchObject({ code: 'FORBIDDEN', message: '请先上岗，再查看和接单' })
    dataOf(await patient.call('volunteer', 'cancel', { requestId: request.id }))
  })
})

describe('registration', () => {
  it('reviews a registration, masks the phone except for admins and grants the role on approval', async () => {
    const person = await world.host.signIn('patient', 'reg-1')
    const form = { name: '李秀英', phone: '13912345678', team: '老年', skills: ['方言'], availability: '周二上午' }
    const registered = dataOf(await person.call<VolunteerProfile>('volunteer', 'register', form))
    expect(registered).toMatchObject({ status: 'pending', phone: '139****5678', team: '老年' })

    const admin = await world.host.signIn('admin')
    const queue = dataOf(await admin.call<PendingVolunteer[]>('volunteer', 'pending'))
    expect(queue).toContainEqual(expect.objectContaining({ userId: person.user.id, phone: '13912345678' }))

    const noReason = await admin.call('volunteer', 'reject', { userId: person.user.id, reason: '' })
    expect(errorOf(noReason).fields?.map((f) => f.path)).toEqual(['reason'])
    dataOf(await admin.call('volunteer', 'reject', { userId: person.user.id, reason: '请补充可服务时间' }))
    const rejected = dataOf(await person.call<VolunteerProfile>('volunteer', 'myProfile'))
    expect(rejected).toMatchObject({ status: 'rejected', reason: '请补充可服务时间', phone: '139****5678' })

    dataOf(await person.call('volunteer', 'register', { ...form, availability: '周二、周四上午' }))
    const approved = await admin.call('volunteer', 'approve', { userId: person.user.id }, 'approve-reg-1')
    const retried = await admin.call('volunteer', 'approve', { userId: person.user.id }, 'approve-reg-1')
    expect(dataOf(approved)).toEqual({ userId: person.user.id, status: 'approved' })
    expect(retried.body).toEqual(approved.body)
    expect(errorOf(await admin.call('volunteer', 'approve', { userId: person.user.id })).code).toBe('NOT_FOUND')

    const me = dataOf(await person.call<UserView>('identity', 'me'))
    expect(me.roles).toEqual(['patient', 'volunteer'])
    expect(errorOf(await person.call('volunteer', 'register', form)).code).toBe('CONFLICT')

    const audits = await world.host.host.store.sql.query<{ action: string; details: { reason?: string } }>(
      `SELECT action, details FROM audit_log WHERE fn = 'volunteer' AND target = $1 ORDER BY id`,
      [`user:${person.user.id}`],
    )
    expect(audits.map((a) => a.action)).toEqual(['reject', 'approve'])
    expect(audits[0].details.reason).toBe('请补充可服务时间')
  })

  it('lists approved volunteers by team for crediting hours, before they have served any', async () => {
    const admin = await world.host.signIn('admin')
    const [youth, elder, waiting] = await Promise.all(
      ['roster-youth', 'roster-elder', 'roster-waiting'].map((id) => world.host.signIn('patient', id)),
    )
    const form = { phone: '13912345679', skills: [], availability: '周六上午' }
    dataOf(await youth.call('volunteer', 'register', { ...form, name: '周青', team: '青年' }))
    dataOf(await elder.call('volunteer', 'register', { ...form, name: '吴伯', team: '老年' }))
    dataOf(await waiting.call('volunteer', 'register', { ...form, name: '郑待', team: '青年' }))
    for (const person of [youth, elder]) dataOf(await admin.call('volunteer', 'approve', { userId: person.user.id }))

    const roster = dataOf(await admin.call<VolunteerRosterEntry[]>('volunteer', 'roster'))
    const ours = roster.filter((entry) => [youth, elder, waiting].some((p) => p.user.id === entry.userId))
    expect(ours).toEqual([
      { userId: elder.user.id, name: '吴伯', team: '老年' },
      { userId: youth.user.id, name: '周青', team: '青年' },
    ])
    const teams = roster.map((entry) => entry.team)
    expect(teams).toEqual([...teams].sort((a, b) => a.localeCompare(b, 'zh')))
    expect(errorOf(await youth.call('volunteer', 'roster')).code).toBe('FORBIDDEN')
  })
})

describe('claiming a request', () => {
  it('gives a request to exactly one of 100 volunteers claiming at once', async () => {
    world.advance(60)
    const volunteers = await Promise.all(Array.from({ length: 100 }, (_, i) => world.onShift(`v-${i}`)))
    const patient = await world.host.signIn('patient', 'race-p')
    const request = dataOf(await askHelp(patient))

    const replies = await Promise.all(volunteers.map((v) => v.call('volunteer', 'claim', { requestId: request.id })))
    const won = replies.filter((r) => r.body.ok)
    const conflicts = replies.filter((r) => !r.body.ok && r.body.error.code === 'CONFLICT')
    expect(won).toHaveLength(1)
    expect(conflicts).toHaveLength(99)
    expect(replies.length - won.length - conflicts.length).toBe(0)
    expect(new Set(conflicts.map((r) => errorOf(r).message))).toEqual(new Set(['已被其他志愿者接单']))

    const winner = volunteers[replies.indexOf(won[0])]
    const [row] = await world.host.host.store.sql.query<{ volunteer_id: string; status: string }>(
      'SELECT volunteer_id, status FROM volunteer_requests WHERE id = $1',
      [request.id],
    )
    expect(row).toEqual({ volunteer_id: winner.user.id, status: 'claimed' })
    expect((await world.outbox(volunteers[42].user.id)).map((m) => m.template)).toContain('volunteerNewRequest')
    expect((await world.outbox(patient.user.id)).map((m) => m.template)).toContain('volunteerClaimed')

    dataOf(await winner.call('volunteer', 'complete', { requestId: request.id }))
    await Promise.all(volunteers.map((v) => v.call('volunteer', 'endShift')))
  })

  it('lets a volunteer give a request back to the queue and another take it', async () => {
    world.advance(10)
    const patient = await world.host.signIn('patient', 'release-p')
    const request = dataOf(await askHelp(patient, '导诊带路'))
    const first = await world.onShift('release-v1')
    const second = await world.onShift('release-v2')
    dataOf(await first.call('volunteer', 'claim', { requestId: request.id }))
    expect(errorOf(await second.call('volunteer', 'release', { requestId: request.id })).code).toBe('CONFLICT')
    dataOf(await first.call('volunteer', 'release', { requestId: request.id }))
    expect(dataOf(await patient.call<MyHelpRequest>('volunteer', 'myRequest'))?.status).toBe('waiting')
    dataOf(await second.call('volunteer', 'claim', { requestId: request.id }))
    const hall = dataOf(await second.call<HallView>('volunteer', 'open'))
    expect(hall.mine.map((r) => r.id)).toEqual([request.id])
    dataOf(await second.call('volunteer', 'complete', { requestId: request.id }))
    await Promise.all([first.call('volunteer', 'endShift'), second.call('volunteer', 'endShift')])
  })
})

describe('a patient and their request', () => {
  it('allows one open request per patient, even when two arrive at once', async () => {
    world.advance(10)
    const patient = await world.host.signIn('patient', 'one-open')
    const replies = await Promise.all([askHelp(patient), askHelp(patient, '老人陪同')])
    expect(replies.filter((r) => r.body.ok)).toHaveLength(1)
    const refused = replies.find((r) => !r.body.ok)!
    expect(errorOf(refused)).toMatchObject({
      code: 'CONFLICT',
      message: '您已有一个进行中的呼叫，请等待志愿者或先取消',
    })
    const open = dataOf(await patient.call<MyHelpRequest>('volunteer', 'myRequest'))!
    dataOf(await patient.call('volunteer', 'cancel', { requestId: open.id }))
    dataOf(await askHelp(patient))
  })

  it('takes a note about the patient only with their 单独同意; the call itself never needs it', async () => {
    world.advance(10)
    const patient = await world.host.signIn('patient', 'help-note-consent')
    const withNote = {
      need: '老人陪同',
      from: '门诊大厅',
      to: world.departmentId,
      people: 1,
      note: '行动不便，刚做完手术',
    }
    expect(errorOf(await patient.call('volunteer', 'request', withNote))).toMatchObject({
      code: 'FORBIDDEN',
      message: SENSITIVE_TEXT_REFUSED,
    })
    expect(dataOf(await patient.call<MyHelpRequest | null>('volunteer', 'myRequest'))).toBeNull()
    const call = dataOf(await askHelp(patient))
    expect(call.note).toBeNull()
    dataOf(await patient.call('volunteer', 'cancel', { requestId: call.id }))
    await consentToTreatmentText(patient)
    expect(dataOf(await patient.call<MyHelpRequest>('volunteer', 'request', withNote)).note).toBe(
      '行动不便，刚做完手术',
    )
  })

  it('lets the patient cancel after a volunteer claimed, and tells the volunteer', async () => {
    world.advance(10)
    const patient = await world.host.signIn('patient', 'cancel-p')
    const request = dataOf(await askHelp(patient))
    const volunteer = await world.onShift('cancel-v')
    dataOf(await volunteer.call('volunteer', 'claim', { requestId: request.id }))
    const cancelled = dataOf(await patient.call<MyHelpRequest>('volunteer', 'cancel', { requestId: request.id }))
    expect(cancelled.status).toBe('cancelled')
    expect((await world.outbox(volunteer.user.id)).map((m) => m.template)).toContain('volunteerRequestCancelled')
    expect(errorOf(await volunteer.call('volunteer', 'complete', { requestId: request.id })).code).toBe('CONFLICT')
    expect(errorOf(await patient.call('volunteer', 'cancel', { requestId: request.id })).code).toBe('CONFLICT')
    const stranger = await world.host.signIn('patient', 'cancel-stranger')
    expect(errorOf(await stranger.call('volunteer', 'cancel', { requestId: request.id })).code).toBe('NOT_FOUND')
    dataOf(await volunteer.call('volunteer', 'endShift'))
  })

  it('shows queue position, then the volunteer (never the phone), then completion; rated once', async () => {
    world.advance(10)
    const admin = await world.host.signIn('admin')
    const person = await world.host.signIn('patient', 'status-v')
    const form = { name: '王建华', phone: '13698765432', team: '党员', skills: [], availability: '周一全天' }
    dataOf(await person.call('volunteer', 'register', form))
    dataOf(await admin.call('volunteer', 'approve', { userId: person.user.id }))
    const volunteer = await world.onShift('status-v')

    const first = await world.host.signIn('patient', 'status-p1')
    const second = await world.host.signIn('patient', 'status-p2')
    const a = dataOf(await askHelp(first))
    world.advance(1)
    const b = dataOf(await askHelp(second, '自助机操作'))
    expect(a).toMatchObject({ status: 'waiting', queuePosition: expect.any(Number), waitingMinutes: 0 })
    expect(b.queuePosition).toBe(a.queuePosition! + 1)

    world.advance(3.5)
    const waiting = dataOf(await second.call<MyHelpRequest>('volunteer', 'myRequest'))!
    expect(waiting).toMatchObject({ status: 'waiting', waitingMinutes: 3 })
    const hall = dataOf(await volunteer.call<HallView>('volunteer', 'open'))
    const listed = hall.waiting.filter((r) => r.id === a.id || r.id === b.id)
    expect(listed.map((r) => [r.id, r.careNeeded, r.waitingMinutes])).toEqual([
      [a.id, true, 4],
      [b.id, false, 3],
    ])

    const early = await first.call('volunteer', 'rate', { requestId: a.id, stars: 5 })
    expect(errorOf(early)).toMatchObject({ code: 'CONFLICT', message: '服务完成后才能评价' })

    dataOf(await volunteer.call('volunteer', 'claim', { requestId: a.id }))
    const claimed = await first.call<MyHelpRequest>('volunteer', 'myRequest')
    expect(dataOf(claimed)).toMatchObject({
      status: 'claimed',
      queuePosition: null,
      volunteer: { name: '王建华', team: '党员' },
    })
    expect(JSON.stringify(claimed.body)).not.toMatch(/1369|5432/)
    expect(dataOf(await second.call<MyHelpRequest>('volunteer', 'myRequest'))!.queuePosition).toBe(b.queuePosition! - 1)

    world.advance(12)
    dataOf(await volunteer.call('volunteer', 'complete', { requestId: a.id }))
    expect(dataOf(await first.call<MyHelpRequest>('volunteer', 'myRequest'))!.status).toBe('completed')
    expect((await world.outbox(first.user.id)).map((m) => m.template)).toEqual([
      'volunteerCompleted',
      'volunteerClaimed',
    ])

    const stranger = await world.host.signIn('patient', 'status-stranger')
    expect(errorOf(await stranger.call('volunteer', 'rate', { requestId: a.id, stars: 1 })).code).toBe('NOT_FOUND')
    const rated = dataOf(
      await first.call<MyHelpRequest>('volunteer', 'rate', { requestId: a.id, stars: 4, comment: '很耐心' }),
    )
    expect(rated.rating).toEqual({ stars: 4, comment: '很耐心' })
    const twice = await Promise.all([
      first.call('volunteer', 'rate', { requestId: a.id, stars: 1 }),
      first.call('volunteer', 'rate', { requestId: a.id, stars: 2 }),
    ])
    expect(twice.map((r) => errorOf(r).message)).toEqual(['您已评价过本次服务', '您已评价过本次服务'])
    const record = dataOf(await volunteer.call<ServiceRecord>('volunteer', 'myRecord'))
    expect(record).toMatchObject({ servedAllTime: 1, averageRating: 4, ratingCount: 1 })

    dataOf(await second.call('volunteer', 'cancel', { requestId: b.id }))
    dataOf(await volunteer.call('volunteer', 'endShift'))
  })
})

describe('escalation', () => {
  it('escalates a request waiting over 10 minutes and flags a claim open over 60', async () => {
    world.advance(10)
    const admin = await world.host.signIn('admin')
    const patient = await world.host.signIn('patient', 'escalate-p')
    const request = dataOf(await askHelp(patient, '老人陪同'))
    const inDesk = async (list: 'escalated' | 'overdue') =>
      dataOf(await admin.call<DeskView>('volunteer', 'desk'))[list].some((r) => r.id === request.id)

    world.advance(9)
    expect(await inDesk('escalated')).toBe(false)
    world.advance(2.5)
    expect(await inDesk('escalated')).toBe(true)
    const volunteer = await world.onShift('escalate-v')
    const seen = dataOf(await volunteer.call<HallView>('volunteer', 'open')).waiting.find((r) => r.id === request.id)
    expect(seen).toMatchObject({ escalated: true, careNeeded: true, waitingMinutes: 11 })

    dataOf(await volunteer.call('volunteer', 'claim', { requestId: request.id }))
    expect(await inDesk('escalated')).toBe(false)
    world.advance(59)
    expect(await inDesk('overdue')).toBe(false)
    world.advance(2)
    expect(await inDesk('overdue')).toBe(true)
    dataOf(await volunteer.call('volunteer', 'complete', { requestId: request.id }))
    expect(await inDesk('overdue')).toBe(false)
    dataOf(await volunteer.call('volunteer', 'endShift'))
  })
})

describe('shifts and the hour ledger', () => {
  const ledgerOf = (userId: string) =>
    world.host.host.store.sql.query<{ kind: string; minutes: number; reason: string | null }>(
      'SELECT kind, minutes, reason FROM volunteer_hours WHERE volunteer_id = $1 ORDER BY id',
      [userId],
    )

  it('keeps one open shift per volunteer and books each closed shift in the ledger', async () => {
    world.advance(10)
    const volunteer = await world.host.signIn('volunteer', 'ledger-v')
    const starts = await Promise.all([
      volunteer.call('volunteer', 'startShift', { station: '急诊' }),
      volunteer.call('volunteer', 'startShift', { station: '住院部' }),
    ])
    expect(starts.filter((r) => r.body.ok)).toHaveLength(1)
    expect(errorOf(starts.find((r) => !r.body.ok)!).code).toBe('CONFLICT')
    world.advance(90)
    expect(dataOf(await volunteer.call<{ minutes: number }>('volunteer', 'endShift')).minutes).toBe(90)
    expect(errorOf(await volunteer.call('volunteer', 'endShift')).code).toBe('CONFLICT')
    dataOf(await volunteer.call('volunteer', 'startShift', { station: '自助机区' }))
    world.advance(45)
    dataOf(await volunteer.call('volunteer', 'endShift'))

    const sums = await world.host.host.store.sql.query<{ shifts: number; ledger: number }>(
      `SELECT (SELECT sum(extract(epoch FROM ended_at - started_at) / 60)::int FROM volunteer_shifts
                WHERE volunteer_id = $1) AS shifts,
              (SELECT sum(minutes)::int FROM volunteer_hours WHERE volunteer_id = $1 AND kind = 'shift') AS ledger`,
      [volunteer.user.id],
    )
    expect(sums).toEqual([{ shifts: 135, ledger: 135 }])
    expect(dataOf(await volunteer.call<ServiceRecord>('volunteer', 'myRecord'))).toMatchObject({
      minutesThisYear: 135,
      minutesAllTime: 135,
    })

    const admin = await world.host.signIn('admin')
    const noReason = await admin.call('volunteer', 'adjustHours', {
      userId: volunteer.user.id,
      minutes: 60,
      reason: '',
    })
    expect(errorOf(noReason).fields?.map((f) => f.path)).toEqual(['reason'])
    const adjusted = dataOf(
      await admin.call<ServiceRecord>('volunteer', 'adjustHours', {
        userId: volunteer.user.id,
        minutes: -15,
        reason: '重复登记，扣除',
      }),
    )
    expect(adjusted.minutesAllTime).toBe(120)
    expect(await ledgerOf(volunteer.user.id)).toEqual([
      { kind: 'shift', minutes: 90, reason: null },
      { kind: 'shift', minutes: 45, reason: null },
      { kind: 'adjustment', minutes: -15, reason: '重复登记，扣除' },
    ])
    const [auditRow] = await world.host.host.store.sql.query<{ details: { minutes: number } }>(
      `SELECT details FROM audit_log WHERE action = 'adjustHours' AND target = $1`,
      [`user:${volunteer.user.id}`],
    )
    expect(auditRow.details.minutes).toBe(-15)
    await expect(
      world.host.host.store.sql.query('UPDATE volunteer_hours SET minutes = 999 WHERE volunteer_id = $1', [
        volunteer.user.id,
      ]),
    ).rejects.toThrow(/append-only/)
    await expect(
      world.host.host.store.sql.query('DELETE FROM volunteer_hours WHERE volunteer_id = $1', [volunteer.user.id]),
    ).rejects.toThrow(/append-only/)
  })

  it('closes a shift left open at exactly 12 hours, flagged, lazily and by the sweep', async () => {
    world.advance(10)
    const lazy = await world.onShift('forgot-1', '急诊')
    const swept = await world.onShift('forgot-2', '住院部')
    const late = await world.onShift('forgot-3', '门诊大厅')
    const startedAt = new Date(world.now.getTime() - 1000)
    world.advance(13 * 60)

    expect(dataOf(await lazy.call<HallView>('volunteer', 'open')).shift).toBeNull()
    const ended = dataOf(await late.call<ShiftView & { minutes: number }>('volunteer', 'endShift'))
    expect(ended).toMatchObject({ minutes: 720, autoClosed: true })
    const admin = await world.host.signIn('admin')
    expect(dataOf(await admin.call<{ closedShifts: number }>('volunteer', 'sweep')).closedShifts).toBe(1)
    expect(errorOf(await swept.call('volunteer', 'endShift')).code).toBe('CONFLICT')

    const shifts = await world.host.host.store.sql.query<{ exact: boolean; auto_closed: boolean; minutes: number }>(
      `SELECT s.ended_at = s.started_at + interval '12 hours' AS exact, s.auto_closed, h.minutes
       FROM volunteer_shifts s JOIN volunteer_hours h ON h.shift_id = s.id
       WHERE s.volunteer_id = ANY($1)`,
      [[lazy.user.id, swept.user.id, late.user.id]],
    )
    expect(shifts).toEqual(Array(3).fill({ exact: true, auto_closed: true, minutes: 720 }))
    const desk = dataOf(await admin.call<DeskView>('volunteer', 'desk'))
    const flagged = desk.autoClosed.filter((s) => s.startedAt >= startedAt.toISOString())
    expect(flagged.map((s) => s.volunteerName).sort()).toEqual([
      '测试用户forgot-1',
      '测试用户forgot-2',
      '测试用户forgot-3',
    ])
    dataOf(await lazy.call('volunteer', 'startShift', { station: '急诊' }))
    dataOf(await lazy.call('volunteer', 'endShift'))
  })
})

describe('yearly ranking', () => {
  it('ranks a year by hours, with requests served and rating, and exports CSV for admins', async () => {
    world.setNow(new Date('2031-05-01T01:00:00Z'))
    const top = await world.onShift('rank-top')
    const second = await world.onShift('rank-second')
    const patient = await world.host.signIn('patient', 'rank-p')
    const request = dataOf(await askHelp(patient))
    dataOf(await second.call('volunteer', 'claim', { requestId: request.id }))
    world.advance(20)
    dataOf(await second.call('volunteer', 'complete', { requestId: request.id }))
    dataOf(await patient.call('volunteer', 'rate', { requestId: request.id, stars: 5 }))
    world.advance(40)
    dataOf(await second.call('volunteer', 'endShift'))
    world.advance(60)
    dataOf(await top.call('volunteer', 'endShift'))

    const rows = dataOf(await patient.call<RankingRow[]>('volunteer', 'ranking', { year: 2031 }))
    expect(rows.map((r) => [r.rank, r.userId, r.minutes, r.served, r.averageRating])).toEqual([
      [1, top.user.id, 120, 0, null],
      [2, second.user.id, 60, 1, 5],
    ])
    expect(dataOf(await patient.call<RankingRow[]>('volunteer', 'ranking', { year: 2030 }))).toEqual([])

    const admin = await world.host.signIn('admin')
    const exported = dataOf(await admin.call<CsvExport>('volunteer', 'exportRanking', { year: 2031 }))
    expect(exported.filename).toBe('志愿服务排行-2031.csv')
    expect(exported.csv.split('\r\n')).toEqual([
      '\uFEFF名次,姓名,服务队,服务时长（小时）,服务次数,平均评分',
      '1,测试用户rank-top,,2.0,0,',
      '2,测试用户rank-second,,1.0,1,5.00',
      '',
    ])
  })
})

import type { DeskRequest, DeskView, HallView, MyHelpRequest } from '../../src/contract'
import { dataOf, errorOf, type SignedIn } from '../support/test-host'
import { volunteerWorld } from '../support/volunteer-world'

// Dispatch by need: a host of its own, so that no other test's waiting requests join the queue.
const world = volunteerWorld('2026-04-06T01:00:00Z')

async function ask(tag: string, need: string, from = '门诊大厅') {
  const patient = await world.host.signIn('patient', tag)
  const request = dataOf(
    await patient.call<MyHelpRequest>('volunteer', 'request', { need, from, to: world.departmentId, people: 1 }),
  )
  return { patient, request }
}

const myRequest = async (patient: SignedIn) => dataOf(await patient.call<MyHelpRequest>('volunteer', 'myRequest'))!

async function cancelAll(...patients: SignedIn[]) {
  for (const patient of patients) {
    const mine = await myRequest(patient)
    if (mine.status === 'waiting' || mine.status === 'claimed')
      dataOf(await patient.call('volunteer', 'cancel', { requestId: mine.id }))
  }
}

describe('dispatch by need', () => {
  it('orders waiting requests by need, then waiting time, and pins one waiting 10 minutes to the top', async () => {
    const guide = await ask('order-guide', '导诊带路')
    world.advance(1)
    const kiosk = await ask('order-kiosk', '自助机操作')
    world.advance(1)
    const wheelchair = await ask('order-wheelchair', '轮椅协助')
    world.advance(1)
    const elderly = await ask('order-elderly', '老人陪同')
    const volunteer = await world.onShift('order-v')
    const order = async () => dataOf(await volunteer.call<HallView>('volunteer', 'open')).waiting.map((r) => r.id)

    // The world.host clock runs on from where it was set, so each step keeps a margin from the 10-minute line.
    // Under nine minutes for the first: not yet overdue, so wheelchairs and older people come first.
    world.advance(5.9)
    expect(await order()).toEqual([wheelchair, elderly, guide, kiosk].map((x) => x.request.id))
    expect((await myRequest(wheelchair.patient)).queuePosition).toBe(1)
    expect((await myRequest(guide.patient)).queuePosition).toBe(3)

    // Ten minutes: the guide request is pinned to the top and marked 等待超时.
    world.advance(1.2)
    expect(await order()).toEqual([guide, wheelchair, elderly, kiosk].map((x) => x.request.id))
    const hall = dataOf(await volunteer.call<HallView>('volunteer', 'open'))
    expect(hall.waiting.map((r) => [r.need, r.escalated, r.waitingMinutes])).toEqual([
      ['导诊带路', true, 10],
      ['轮椅协助', false, 8],
      ['老人陪同', false, 7],
      ['自助机操作', false, 9],
    ])
    expect((await myRequest(guide.patient)).queuePosition).toBe(1)
    expect((await myRequest(kiosk.patient)).queuePosition).toBe(4)
    // The desk sees the same order.
    const desk = dataOf(await world.admin.call<DeskView>('volunteer', 'desk'))
    expect(desk.waiting.map((r) => r.id)).toEqual([guide, wheelchair, elderly, kiosk].map((x) => x.request.id))
    expect(desk.escalated.map((r) => r.id)).toEqual([guide.request.id])

    await cancelAll(guide.patient, kiosk.patient, wheelchair.patient, elderly.patient)
    dataOf(await volunteer.call('volunteer', 'endShift'))
  })

  it('shows volunteers the masked name (张**), the desk the full name', async () => {
    const { patient, request } = await ask('mask-patient', '轮椅协助')
    const volunteer = await world.onShift('mask-v')
    const reply = await volunteer.call<HallView>('volunteer', 'open')
    expect(dataOf(reply).waiting.find((r) => r.id === request.id)?.patientName).toBe('测**')
    expect(JSON.stringify(reply.body)).not.toContain('测试用户mask-patient')
    const desk = dataOf(await world.admin.call<DeskView>('volunteer', 'desk'))
    expect(desk.waiting.find((r) => r.id === request.id)?.patientName).toBe('测试用户mask-patient')

    dataOf(await volunteer.call('volunteer', 'claim', { requestId: request.id }))
    const mine = dataOf(await volunteer.call<HallView>('volunteer', 'open')).mine
    expect(mine.map((r) => [r.id, r.patientName])).toEqual([[request.id, '测**']])
    await cancelAll(patient)
    dataOf(await volunteer.call('volunteer', 'endShift'))
  })

  it('tells the patient where to wait and what happens next', async () => {
    const { patient, request } = await ask('next-patient', '老人陪同', '住院部一楼')
    expect(request.nextStep).toBe('请在「住院部一楼」等候，志愿者接单后会到这里找您')
    world.advance(10.5)
    expect((await myRequest(patient)).nextStep).toBe('请留在「住院部一楼」，服务台已收到提醒，正在为您安排志愿者')
    const volunteer = await world.onShift('next-v')
    dataOf(await world.admin.call('volunteer', 'assign', { requestId: request.id, volunteerId: volunteer.user.id }))
    expect((await myRequest(patient)).nextStep).toBe('志愿者正在赶来，请留在「住院部一楼」，之后陪您去骨科')
    dataOf(await volunteer.call('volunteer', 'complete', { requestId: request.id }))
    expect((await myRequest(patient)).nextStep).toBe('服务已完成，欢迎为志愿者评价')
    dataOf(await volunteer.call('volunteer', 'endShift'))
  })
})

describe('the desk assigns a request', () => {
  it('hands a waiting wheelchair request to a volunteer on shift, who sees it first and is notified', async () => {
    const volunteer = await world.onShift('assign-v', '住院部')
    const own = await ask('assign-own', '导诊带路')
    dataOf(await volunteer.call('volunteer', 'claim', { requestId: own.request.id }))
    world.advance(1)
    const { patient, request } = await ask('assign-patient', '轮椅协助')

    const desk = dataOf(await world.admin.call<DeskView>('volunteer', 'desk'))
    expect(desk.volunteersOnShift).toContainEqual({
      userId: volunteer.user.id,
      name: '测试用户assign-v',
      team: null,
      station: '住院部',
      serving: 1,
    })
    const input = { requestId: request.id, volunteerId: volunteer.user.id }
    const assigned = await world.admin.call<DeskRequest>('volunteer', 'assign', input, 'assign-once')
    expect(dataOf(assigned)).toMatchObject({
      id: request.id,
      status: 'claimed',
      assigned: true,
      volunteerName: '测试用户assign-v',
    })
    // A double tap at the desk replays the first answer.
    expect((await world.admin.call('volunteer', 'assign', input, 'assign-once')).body).toEqual(assigned.body)

    const hall = dataOf(await volunteer.call<HallView>('volunteer', 'open'))
    expect(hall.mine.map((r) => [r.id, r.assigned])).toEqual([
      [request.id, true],
      [own.request.id, false],
    ])
    const note = (await world.outbox(volunteer.user.id)).find((m) => m.template === 'volunteerAssigned')
    expect(note?.payload).toEqual({ need: '轮椅协助', from: '门诊大厅', to: '骨科', patient: '测**' })
    expect((await world.outbox(patient.user.id)).map((m) => m.template)).toContain('volunteerClaimed')
    const audits = await world.host.host.store.sql.query<{ details: { volunteerId: string } }>(
      `SELECT details FROM audit_log WHERE action = 'assign' AND target = $1`,
      [`request:${request.id}`],
    )
    expect(audits.map((a) => a.details.volunteerId)).toEqual([volunteer.user.id])

    // Once taken, a second assignment is refused and nothing changes.
    const other = await world.onShift('assign-other')
    const again = await world.admin.call('volunteer', 'assign', { requestId: request.id, volunteerId: other.user.id })
    expect(errorOf(again)).toMatchObject({ code: 'CONFLICT', message: '这条呼叫已被接单' })
    expect((await myRequest(patient)).volunteer?.name).toBe('测试用户assign-v')

    for (const id of [request.id, own.request.id])
      dataOf(await volunteer.call('volunteer', 'complete', { requestId: id }))
    await Promise.all([volunteer.call('volunteer', 'endShift'), other.call('volunteer', 'endShift')])
  })

  it('lets exactly one of an assignment and claims racing for the same request win', async () => {
    const { patient, request } = await ask('race-patient', '老人陪同')
    const picked = await world.onShift('race-picked')
    const claimers = await Promise.all([1, 2, 3, 4].map((i) => world.onShift(`race-claimer-${i}`)))
    const replies = await Promise.all([
      world.admin.call('volunteer', 'assign', { requestId: request.id, volunteerId: picked.user.id }),
      ...claimers.map((v) => v.call('volunteer', 'claim', { requestId: request.id })),
    ])
    expect(replies.filter((r) => r.body.ok)).toHaveLength(1)
    expect(replies.filter((r) => !r.body.ok).map((r) => errorOf(r).code)).toEqual(Array(4).fill('CONFLICT'))
    const [row] = await world.host.host.store.sql.query<{ volunteer_id: string; assigned: boolean }>(
      'SELECT volunteer_id, assigned_by IS NOT NULL AS assigned FROM volunteer_requests WHERE id = $1',
      [request.id],
    )
    const winner = replies.findIndex((r) => r.body.ok)
    expect(row).toEqual(
      winner === 0
        ? { volunteer_id: picked.user.id, assigned: true }
        : { volunteer_id: claimers[winner - 1].user.id, assigned: false },
    )
    await cancelAll(patient)
    await Promise.all([picked, ...claimers].map((v) => v.call('volunteer', 'endShift')))
  })

  it('refuses a volunteer who is not on shift, and a request that was cancelled', async () => {
    const { patient, request } = await ask('refuse-patient', '轮椅协助')
    const offDuty = await world.host.signIn('volunteer', 'refuse-off')
    const refused = await world.admin.call('volunteer', 'assign', {
      requestId: request.id,
      volunteerId: offDuty.user.id,
    })
    expect(errorOf(refused)).toMatchObject({ code: 'CONFLICT', message: '这位志愿者当前不在岗，请选择在岗志愿者' })
    expect((await myRequest(patient)).status).toBe('waiting')

    const volunteer = await world.onShift('refuse-on')
    dataOf(await patient.call('volunteer', 'cancel', { requestId: request.id }))
    const cancelled = await world.admin.call('volunteer', 'assign', {
      requestId: request.id,
      volunteerId: volunteer.user.id,
    })
    expect(errorOf(cancelled)).toMatchObject({ code: 'CONFLICT', message: '患者已取消呼叫' })
    const unknown = await world.admin.call('volunteer', 'assign', {
      requestId: '00000000-0000-4000-8000-000000000000',
      volunteerId: volunteer.user.id,
    })
    expect(errorOf(unknown).code).toBe('NOT_FOUND')
    const malformed = await world.admin.call('volunteer', 'assign', { requestId: request.id })
    expect(errorOf(malformed).fields?.map((f) => f.path)).toEqual(['volunteerId'])
    expect(
      errorOf(await volunteer.call('volunteer', 'assign', { requestId: request.id, volunteerId: volunteer.user.id }))
        .code,
    ).toBe('FORBIDDEN')
    dataOf(await volunteer.call('volunteer', 'endShift'))
  })
})

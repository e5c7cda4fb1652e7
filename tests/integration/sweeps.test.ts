import type { FeedbackDetail, FeedbackItem, MyHelpRequest } from '../../src/contract'
import type { SweepRun } from '../../src/cloud/sweeps'
import { departmentsByName, importVisits, submitScore } from '../support/survey'
import { consentToTreatmentText, dataOf, post, type SignedIn, startTestHost, type TestHost } from '../support/test-host'

// The timer's work on the local host (`POST /dev/sweep` runs what the WeChat timer trigger runs).
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
let host: TestHost
let cardio: string
let ortho: string

interface Message {
  template: string
  payload: Record<string, string | number>
}

async function outbox(user: SignedIn, template: string): Promise<Message[]> {
  const response = await fetch(`${host.url}/dev/outbox?userId=${user.user.id}`)
  return ((await response.json()) as Message[]).filter((m) => m.template === template)
}

async function sweep(): Promise<SweepRun> {
  const reply = await post(`${host.url}/dev/sweep`, '{}')
  expect(reply.status).toBe(200)
  return reply.body as SweepRun
}

/** Moves the clock; sessions last 7 days, so callers sign in again at the new time. */
const clockAt = (from: Date, ms: number) => host.setClock(new Date(from.getTime() + ms))

beforeAll(async () => {
  host = await startTestHost()
  const departments = await departmentsByName(await host.signIn('patient'))
  cardio = departments.get('心内科')!.id
  ortho = departments.get('骨科')!.id
})
afterAll(async () => {
  await host.close()
})

describe('complaints', () => {
  const complaint = {
    kind: 'complaint',
    categories: ['态度生硬'],
    text: '候诊两个小时没有人解释，询问时护士态度很冲。',
    anonymous: false,
  }
  const reply = { text: '经科室核实，当班护士沟通方式不当，已批评教育并组织学习暖语手册。', upheld: true }

  it('reminds the department once when a complaint passes its accept deadline, then its reply deadline', async () => {
    const start = new Date('2026-06-01T02:00:00Z')
    host.setClock(start)
    const manager = await host.signIn('manager', 'sw-manager', cardio)
    const patient = await consentToTreatmentText(await host.signIn('patient', 'sw-patient'))
    const { id } = dataOf(
      await patient.call<FeedbackItem>('feedback', 'submit', { ...complaint, departmentId: cardio }),
    )
    const reminders = async () =>
      (await outbox(manager, 'complaintToHandle')).filter(
        (m) => m.payload.id === id && /超过/.test(String(m.payload.event)),
      )

    clockAt(start, 23 * HOUR)
    await sweep()
    expect(await reminders()).toEqual([])

    clockAt(start, 25 * HOUR)
    expect((await sweep()).sweeps.overdueComplaintReminders).toBeGreaterThanOrEqual(1)
    expect((await sweep()).sweeps.overdueComplaintReminders).toBe(0)
    expect((await reminders()).map((m) => m.payload.event)).toEqual(['投诉超过24小时未受理'])

    dataOf(await (await host.signIn('manager', 'sw-manager', cardio)).call('feedback', 'accept', { id }))
    clockAt(start, 5 * DAY + HOUR)
    await sweep()
    await sweep()
    expect((await reminders()).map((m) => m.payload.event).sort()).toEqual([
      '投诉超过24小时未受理',
      '投诉超过5天未答复',
    ])
  })

  it('tells the department of a new complaint once, in the run that sends it; not of praise or of one accepted before', async () => {
    const start = new Date('2026-06-20T02:00:00Z')
    host.setClock(start)
    const manager = await host.signIn('manager', 'sw-manager', cardio)
    const patient = await consentToTreatmentText(await host.signIn('patient', 'sw-new'))
    const submit = async (input: Record<string, unknown>) =>
      dataOf(await patient.call<FeedbackItem>('feedback', 'submit', { departmentId: cardio, ...input })).id
    const fresh = await submit(complaint)
    const accepted = await submit(complaint)
    const praised = await submit({
      kind: 'praise',
      categories: ['耐心解释'],
      text: '医生把检查结果讲得很清楚，非常耐心，谢谢。',
      anonymous: true,
    })
    dataOf(await manager.call('feedback', 'accept', { id: accepted }))
    const told = async () =>
      (await outbox(manager, 'complaintToHandle'))
        .filter((m) => m.payload.event === '收到新投诉' && [fresh, accepted, praised].includes(String(m.payload.id)))
        .map((m) => m.payload.id)
    // The submit itself queues nothing: the timer's run queues it, then sends it.
    expect(await told()).toEqual([])
    clockAt(start, MINUTE)
    expect((await sweep()).sweeps.overdueComplaintReminders).toBeGreaterThanOrEqual(1)
    await sweep()
    expect(await told()).toEqual([fresh])
  })

  it('closes a reply left 7 days and tells the patient, before anyone reads it', async () => {
    const start = new Date('2026-07-01T02:00:00Z')
    host.setClock(start)
    const manager = await host.signIn('manager', 'sw-manager', cardio)
    let patient = await consentToTreatmentText(await host.signIn('patient', 'sw-closed'))
    const { id } = dataOf(
      await patient.call<FeedbackItem>('feedback', 'submit', { ...complaint, departmentId: cardio }),
    )
    dataOf(await manager.call('feedback', 'accept', { id }))
    dataOf(await manager.call('feedback', 'reply', { id, ...reply }))

    clockAt(start, 7 * DAY - MINUTE)
    expect((await sweep()).sweeps.closedComplaints).toBe(0)
    clockAt(start, 7 * DAY + MINUTE)
    expect((await sweep()).sweeps.closedComplaints).toBe(1)
    expect((await outbox(patient, 'feedbackStatus')).map((m) => m.payload.status)).toContain('已办结')

    patient = await host.signIn('patient', 'sw-closed')
    const detail = dataOf(await patient.call<FeedbackDetail>('feedback', 'detail', { id }))
    expect(detail.status).toBe('closed')
    expect(detail.history.filter((h) => h.action === 'close')).toHaveLength(1)
    expect((await sweep()).sweeps.closedComplaints).toBe(0)
  })
})

describe('volunteer desk', () => {
  it('tells every administrator once when a patient has waited 10 minutes unclaimed', async () => {
    const start = new Date('2026-08-01T02:00:00Z')
    host.setClock(start)
    const admins = [await host.signIn('admin', 'sw-admin-1'), await host.signIn('admin', 'sw-admin-2')]
    const patient = await host.signIn('patient', 'sw-waiting')
    const request = dataOf(
      await patient.call<MyHelpRequest>('volunteer', 'request', {
        need: '轮椅协助',
        from: '门诊大厅',
        to: ortho,
        people: 1,
      }),
    )
    expect(request.status).toBe('waiting')

    clockAt(start, 9 * MINUTE)
    expect((await sweep()).sweeps.escalatedRequestReminders).toBe(0)
    clockAt(start, 11 * MINUTE)
    const told = (await sweep()).sweeps.escalatedRequestReminders
    expect(told).toBeGreaterThanOrEqual(admins.length)
    expect((await sweep()).sweeps.escalatedRequestReminders).toBe(0)
    for (const admin of admins) {
      expect(await outbox(admin, 'volunteerEscalated')).toEqual([
        expect.objectContaining({ payload: { need: '轮椅协助', from: '门诊大厅', to: '骨科', minutes: 10 } }),
      ])
    }
  })
})

describe('low-score alerts', () => {
  it("reminds the manager once the alert's day is 48 h past, and the administrators where a department has no manager", async () => {
    host.setClock(null)
    const start = new Date()
    const admin = await host.signIn('admin', 'sw-survey-admin')
    const manager = await host.signIn('manager', 'sw-survey-manager', cardio)
    const [cardioCode] = await importVisits(admin, 'sw-cardio', '心内科', 1)
    const [orthoCode] = await importVisits(admin, 'sw-ortho', '骨科', 1)
    dataOf(await submitScore(host, cardioCode, 'sw-rater-1', 1))
    dataOf(await submitScore(host, orthoCode, 'sw-rater-2', 1))

    clockAt(start, 47 * HOUR)
    await sweep()
    expect(await outbox(manager, 'surveyAlertOverdue')).toEqual([])
    // Alerts keep their day only: by 73 h the whole day of the alert is more than 48 h back.
    clockAt(start, 73 * HOUR)
    await sweep()
    await sweep()
    const departmentsTold = async (user: SignedIn) =>
      (await outbox(user, 'surveyAlertOverdue')).map((m) => m.payload.department).sort()
    expect(await departmentsTold(manager)).toEqual(['心内科'])
    expect(await departmentsTold(admin)).toEqual(['骨科'])
  })
})

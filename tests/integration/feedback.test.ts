import {
  SENSITIVE_TEXT_REFUSED,
  STAR_FORMULA,
  type FeedbackDetail,
  type FeedbackItem,
  type PhraseEntry,
  type PublishedStars,
  type StarComputation,
  type SweepResult,
  type Wall,
  type WallPraise,
} from '../../src/contract'
import {
  consentToTreatmentText,
  dataOf,
  errorOf,
  post,
  type Reply,
  type SignedIn,
  startTestHost,
  type TestHost,
} from '../support/test-host'

const HOUR = 3600_000
const DAY = 24 * HOUR
let host: TestHost
let cardio: string
let ortho: string
let respiratory: string
let cardioStaff: { employeeNo: string; name: string; title: string }[]
let manager: SignedIn
let otherManager: SignedIn
let admin: SignedIn

const code = (reply: Reply) => errorOf(reply).code
/** A patient who has given 单独同意 for what they write about their treatment. */
const consentingPatient = async (id: string) => consentToTreatmentText(await host.signIn('patient', id))

/** Moves the host clock; sessions last 7 days, so the handlers sign in again at the new time. */
async function clockAt(iso: string): Promise<Date> {
  const at = new Date(iso)
  host.setClock(at)
  manager = await host.signIn('manager', 'fb-manager', cardio)
  otherManager = await host.signIn('manager', 'fb-manager-ortho', ortho)
  admin = await host.signIn('admin', 'fb-admin')
  return at
}

const later = (from: Date, ms: number) => clockAt(new Date(from.getTime() + ms).toISOString())

async function outbox(userId: string): Promise<{ template: string; payload: Record<string, string> }[]> {
  const response = await fetch(`${host.url}/dev/outbox?userId=${userId}`)
  return (await response.json()) as { template: string; payload: Record<string, string> }[]
}

const complaint = {
  kind: 'complaint',
  categories: ['态度生硬'],
  text: '候诊两个小时没有人解释，询问时护士态度很冲。',
  contactPhone: '13812341234',
  anonymous: false,
}

async function complain(patient: SignedIn, extra: Record<string, unknown> = {}): Promise<FeedbackItem> {
  return dataOf(
    await patient.call<FeedbackItem>('feedback', 'submit', { ...complaint, departmentId: cardio, ...extra }),
  )
}

async function praise(patient: SignedIn, departmentId: string, extra: Record<string, unknown> = {}) {
  return dataOf(
    await patient.call<FeedbackItem>('feedback', 'submit', {
      kind: 'praise',
      departmentId,
      categories: ['耐心解释'],
      text: '医生把检查结果一项项讲给我听，非常耐心，谢谢。',
      anonymous: false,
      ...extra,
    }),
  )
}

const replyText = '经科室核实，当班护士沟通方式不当，已批评教育并组织学习暖语手册。'

beforeAll(async () => {
  host = await startTestHost()
  host.setClock(new Date('2026-03-02T01:00:00Z'))
  const patient = await host.signIn('patient')
  const departments = dataOf(await patient.call<{ id: string; name: string }[]>('identity', 'departments'))
  const idOf = (name: string) => departments.find((d) => d.name === name)!.id
  cardio = idOf('心内科')
  ortho = idOf('骨科')
  respiratory = idOf('呼吸内科')
  cardioStaff = await host.host.store.sql.query(
    `SELECT employee_no AS "employeeNo", name, title FROM staff_roster WHERE department_id = $1 ORDER BY employee_no`,
    [cardio],
  )
  await clockAt('2026-03-02T01:00:00Z')
})
afterAll(async () => {
  await host.close()
})

describe('暖语手册', () => {
  it('serves at least 60 seeded entries across the scenes, by scene and by search', async () => {
    const patient = await host.signIn('patient', 'phrase-reader')
    const all = dataOf(await patient.call<PhraseEntry[]>('feedback', 'phrases', {}))
    expect(all.length).toBeGreaterThanOrEqual(60)
    expect(new Set(all.map((p) => p.scene)).size).toBeGreaterThanOrEqual(7)
    expect(all.every((p) => p.recommended.length > 0 && p.forbidden.length > 0)).toBe(true)

    const ward = dataOf(await patient.call<PhraseEntry[]>('feedback', 'phrases', { scene: '病房' }))
    expect(ward.length).toBeGreaterThan(0)
    expect(ward.every((p) => p.scene === '病房')).toBe(true)

    const found = dataOf(await patient.call<PhraseEntry[]>('feedback', 'phrases', { q: '压脉带' }))
    expect(found.map((p) => p.situation)).toEqual(['抽血'])
  })

  it('lets an admin add and edit an entry, and no one else', async () => {
    const entry = {
      scene: '电话',
      situation: '预约复诊电话',
      recommended: ['您好，这里是预约中心，请问您要预约哪个科室？'],
      forbidden: ['没号了。'],
    }
    expect(code(await manager.call('feedback', 'savePhrase', entry))).toBe('FORBIDDEN')
    const saved = dataOf(await admin.call<PhraseEntry>('feedback', 'savePhrase', entry))
    const edited = dataOf(
      await admin.call<PhraseEntry>('feedback', 'savePhrase', {
        ...entry,
        id: saved.id,
        forbidden: ['没号了，别打了。'],
      }),
    )
    expect(edited).toEqual({ ...saved, forbidden: ['没号了，别打了。'] })
    const found = dataOf(await admin.call<PhraseEntry[]>('feedback', 'phrases', { q: '预约中心' }))
    expect(found).toEqual([edited])
    const audit = await host.host.store.repos.platform.listAudit(5)
    expect(
      audit.some((a) => a.fn === 'feedback' && a.action === 'savePhrase' && a.target === `phrase:${saved.id}`),
    ).toBe(true)
  })
})

describe('submitting', () => {
  it('checks text length, categories of the kind, phone and the named staff member', async () => {
    const patient = await consentingPatient('fb-invalid')
    const fieldsOf = async (data: Record<string, unknown>) =>
      errorOf(await patient.call('feedback', 'submit', { ...complaint, departmentId: cardio, ...data })).fields?.map(
        (f) => f.path,
      )
    // A complaint with no department says so, not that an id is malformed.
    const noDepartment = errorOf(await patient.call('feedback', 'submit', { ...complaint, departmentId: '' }))
    expect(noDepartment.fields).toEqual([{ path: 'departmentId', message: '请选择科室' }])
    const missing = errorOf(await patient.call('feedback', 'submit', { ...complaint, departmentId: undefined }))
    expect(missing.fields).toEqual([{ path: 'departmentId', message: '请选择科室' }])
    expect(await fieldsOf({ text: '太差了' })).toEqual(['text'])
    expect(await fieldsOf({ text: '很'.repeat(501) })).toEqual(['text'])
    expect(await fieldsOf({ categories: ['热情暖心'] })).toEqual(['categories'])
    expect(await fieldsOf({ contactPhone: '12345' })).toEqual(['contactPhone'])
    // The field says what is wrong and the summary what to do: the page shows both, so they differ.
    const unknownStaff = errorOf(
      await patient.call('feedback', 'submit', { ...complaint, departmentId: cardio, staff: { employeeNo: 'H9999' } }),
    )
    expect(unknownStaff).toMatchObject({
      message: '请核对工号，或只填写姓名',
      fields: [{ path: 'staff.employeeNo', message: '没有找到该工号' }],
    })
    expect(await fieldsOf({ staff: { employeeNo: cardioStaff[0].employeeNo }, departmentId: ortho })).toEqual([
      'staff.employeeNo',
    ])
  })

  it('refuses what a person writes about their treatment until they have given 单独同意', async () => {
    const patient = await host.signIn('patient', 'fb-no-consent')
    const refused = errorOf(await patient.call('feedback', 'submit', { ...complaint, departmentId: cardio }))
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: SENSITIVE_TEXT_REFUSED })
    dataOf(await patient.call('identity', 'setPrefs', { sensitiveText: 'declined' }))
    expect(code(await patient.call('feedback', 'submit', { ...complaint, departmentId: cardio }))).toBe('FORBIDDEN')
    const [{ n }] = await host.host.store.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM feedback_items WHERE patient_id = $1`,
      [patient.user.id],
    )
    expect(n).toBe(0)
    await consentToTreatmentText(patient)
    expect((await complain(patient)).status).toBe('submitted')
  })

  it('allows five submissions a day per person, then RATE_LIMITED', async () => {
    const at = await clockAt('2026-03-03T02:00:00Z')
    const patient = await consentingPatient('fb-rate')
    for (let i = 0; i < 5; i++) await complain(patient)
    expect(code(await patient.call('feedback', 'submit', { ...complaint, departmentId: cardio }))).toBe('RATE_LIMITED')
    const someoneElse = await consentingPatient('fb-rate-2')
    await complain(someoneElse)
    await later(at, DAY)
    await complain(patient)
  })
})

describe('the complaint workflow', () => {
  it('moves submitted → accepted → replied → (reopened) → replied → closed, each step for its role only', async () => {
    const start = await clockAt('2026-03-04T02:00:00Z')
    const patient = await consentingPatient('fb-flow')
    const stranger = await consentingPatient('fb-stranger')
    const staff = await host.signIn('staff', 'fb-staff', cardio)
    const item = await complain(patient, { staff: { name: cardioStaff[1].name } })
    expect(item).toMatchObject({ status: 'submitted', employeeNo: cardioStaff[1].employeeNo, overdue: false })
    const { id } = item
    // The timer tells the department of the new complaint (and sends it in the same run).
    expect((await post(`${host.url}/dev/sweep`, '{}')).status).toBe(200)

    for (const caller of [patient, stranger, staff]) {
      expect(code(await caller.call('feedback', 'accept', { id }))).toBe('FORBIDDEN')
      expect(code(await caller.call('feedback', 'queue', {}))).toBe('FORBIDDEN')
    }
    expect(code(await otherManager.call('feedback', 'accept', { id }))).toBe('FORBIDDEN')
    expect(code(await manager.call('feedback', 'reply', { id, text: replyText, upheld: true }))).toBe('CONFLICT')
    expect(code(await patient.call('feedback', 'confirm', { id, rating: 5 }))).toBe('CONFLICT')

    await later(start, HOUR)
    expect(dataOf(await manager.call<FeedbackItem>('feedback', 'accept', { id })).status).toBe('accepted')
    expect(code(await manager.call('feedback', 'accept', { id }))).toBe('CONFLICT')
    expect(code(await otherManager.call('feedback', 'reply', { id, text: replyText, upheld: true }))).toBe('FORBIDDEN')
    expect(code(await patient.call('feedback', 'reply', { id, text: replyText, upheld: true }))).toBe('FORBIDDEN')

    await later(start, DAY)
    const replied = dataOf(await manager.call<FeedbackItem>('feedback', 'reply', { id, text: replyText, upheld: true }))
    expect(replied).toMatchObject({ status: 'replied', reply: { text: replyText, upheld: true } })

    expect(code(await stranger.call('feedback', 'confirm', { id, rating: 5 }))).toBe('FORBIDDEN')
    expect(code(await stranger.call('feedback', 'reopen', { id, reason: '回复没有解决问题' }))).toBe('FORBIDDEN')
    expect(code(await manager.call('feedback', 'confirm', { id, rating: 5 }))).toBe('FORBIDDEN')

    await later(start, 2 * DAY)
    const mine = dataOf(await patient.call<FeedbackItem[]>('feedback', 'mine'))
    expect(mine.find((m) => m.id === id)).toMatchObject({ status: 'replied', canReopen: true })
    const reopened = dataOf(await patient.call<FeedbackItem>('feedback', 'reopen', { id, reason: '回复没有解决问题' }))
    expect(reopened).toMatchObject({ status: 'accepted', reopenCount: 1, canReopen: false })

    await later(start, 3 * DAY)
    dataOf(await manager.call('feedback', 'reply', { id, text: `${replyText}已当面致歉。`, upheld: true }))
    expect(code(await patient.call('feedback', 'reopen', { id, reason: '还是不满意，再来一次' }))).toBe('CONFLICT')
    expect(dataOf(await patient.call<FeedbackItem>('feedback', 'confirm', { id, rating: 4 }))).toMatchObject({
      status: 'closed',
      rating: 4,
    })
    expect(code(await patient.call('feedback', 'confirm', { id, rating: 5 }))).toBe('CONFLICT')

    const detail = dataOf(await patient.call<FeedbackDetail>('feedback', 'detail', { id }))
    expect(detail.history.map((h) => [h.action, h.fromStatus, h.toStatus, h.actor])).toEqual([
      ['submit', null, 'submitted', 'patient'],
      ['accept', 'submitted', 'accepted', 'manager'],
      ['reply', 'accepted', 'replied', 'manager'],
      ['reopen', 'replied', 'accepted', 'patient'],
      ['reply', 'accepted', 'replied', 'manager'],
      ['confirm', 'replied', 'closed', 'patient'],
    ])
    expect(code(await stranger.call('feedback', 'detail', { id }))).toBe('FORBIDDEN')
    expect(code(await otherManager.call('feedback', 'detail', { id }))).toBe('FORBIDDEN')

    const statuses = (await outbox(patient.user.id)).filter((m) => m.template === 'feedbackStatus')
    expect(statuses.map((m) => m.payload.status).reverse()).toEqual(['处理中', '已回复', '已回复'])
    const forManager = (await outbox(manager.user.id)).filter((m) => m.payload.id === id)
    expect(forManager.map((m) => m.payload.event).reverse()).toEqual([
      '收到新投诉',
      '患者对回复不满意，投诉已重新打开',
      '患者已确认办结，评价4星',
    ])
    const audit = await host.host.store.repos.platform.listAudit(50)
    expect(
      audit
        .filter((a) => a.target === `feedback:${id}`)
        .map((a) => a.action)
        .reverse(),
    ).toEqual(['accept', 'reply', 'reply'])
  })

  it('lets an admin handle any department and close a replied complaint, not an open one', async () => {
    await clockAt('2026-03-05T02:00:00Z')
    const patient = await consentingPatient('fb-admin-flow')
    const { id } = await complain(patient, { departmentId: ortho })
    expect(code(await manager.call('feedback', 'accept', { id }))).toBe('FORBIDDEN')
    expect(code(await admin.call('feedback', 'close', { id }))).toBe('CONFLICT')
    dataOf(await admin.call('feedback', 'accept', { id }))
    dataOf(await admin.call('feedback', 'reply', { id, text: replyText, upheld: false }))
    expect(code(await otherManager.call('feedback', 'close', { id: (await complain(patient)).id }))).toBe('FORBIDDEN')
    const closeReason = '患者留的电话三次无人接听，按约定办结'
    const closed = dataOf(await otherManager.call<FeedbackItem>('feedback', 'close', { id, reason: closeReason }))
    expect(closed.status).toBe('closed')
    const seen = dataOf(await patient.call<FeedbackDetail>('feedback', 'detail', { id }))
    expect(seen.history.at(-1)).toMatchObject({ action: 'close', actor: 'manager', note: closeReason })
    const queueIds = async (status?: string) =>
      dataOf(await otherManager.call<FeedbackItem[]>('feedback', 'queue', { status })).map((q) => q.id)
    expect(await queueIds()).not.toContain(id)
    expect(await queueIds('closed')).toContain(id)
    const detail = dataOf(await admin.call<FeedbackDetail>('feedback', 'detail', { id }))
    expect(detail.history.map((h) => h.actor)).toEqual(['patient', 'admin', 'admin', 'manager'])
  })

  it('leaves a reply for the patient to confirm: a manager closes it early only with a reason', async () => {
    const start = await clockAt('2026-03-06T02:00:00Z')
    const patient = await consentingPatient('fb-early-close')
    const { id } = await complain(patient)
    dataOf(await manager.call('feedback', 'accept', { id }))
    dataOf(await manager.call('feedback', 'reply', { id, text: replyText, upheld: false }))

    const refused = errorOf(await manager.call('feedback', 'close', { id }))
    expect(refused).toMatchObject({ code: 'INVALID_INPUT', fields: [{ path: 'reason' }] })
    expect(errorOf(await manager.call('feedback', 'close', { id, reason: '太忙' })).fields?.[0].path).toBe('reason')
    await later(start, 6 * DAY)
    expect(code(await manager.call('feedback', 'close', { id }))).toBe('INVALID_INPUT')
    const mine = dataOf(await patient.call<FeedbackItem[]>('feedback', 'mine')).find((m) => m.id === id)
    expect(mine).toMatchObject({ status: 'replied', canReopen: true })

    const confirmed = dataOf(await patient.call<FeedbackItem>('feedback', 'confirm', { id, rating: 3 }))
    expect(confirmed.status).toBe('closed')
    expect(code(await manager.call('feedback', 'close', { id, reason: '患者已确认，补记办结' }))).toBe('CONFLICT')
  })

  it('shows the contact phone only to the handler, masked to everyone else', async () => {
    await clockAt('2026-03-05T03:00:00Z')
    const patient = await consentingPatient('fb-phone')
    const submitted = await complain(patient, { contactPhone: '13812345678' })
    expect(submitted.contactPhone).toBe('138****5678')
    expect(dataOf(await patient.call<FeedbackDetail>('feedback', 'detail', { id: submitted.id })).contactPhone).toBe(
      '138****5678',
    )
    const queued = dataOf(await manager.call<FeedbackItem[]>('feedback', 'queue', {})).find(
      (q) => q.id === submitted.id,
    )
    expect(queued).toMatchObject({ contactPhone: '13812345678', patientName: '测试用户fb-phone' })
    expect(dataOf(await admin.call<FeedbackDetail>('feedback', 'detail', { id: submitted.id })).contactPhone).toBe(
      '13812345678',
    )
    const anonymous = await complain(patient, { anonymous: true })
    const anonymousInQueue = dataOf(await manager.call<FeedbackItem[]>('feedback', 'queue', {})).find(
      (q) => q.id === anonymous.id,
    )
    expect(anonymousInQueue?.patientName).toBeNull()
    expect(
      dataOf(await otherManager.call<FeedbackItem[]>('feedback', 'queue', {})).some((q) => q.id === submitted.id),
    ).toBe(false)
    const colleague = await host.signIn('staff', 'fb-phone-staff', cardio)
    expect(code(await colleague.call('feedback', 'detail', { id: submitted.id }))).toBe('FORBIDDEN')

    dataOf(await manager.call('feedback', 'accept', { id: submitted.id }))
    dataOf(await manager.call('feedback', 'reply', { id: submitted.id, text: replyText, upheld: false }))
    dataOf(await patient.call('feedback', 'confirm', { id: submitted.id, rating: 5 }))
    const phoneFor = async (caller: SignedIn) =>
      dataOf(await caller.call<FeedbackDetail>('feedback', 'detail', { id: submitted.id })).contactPhone
    expect(await phoneFor(manager)).toBe('138****5678')
    expect(await phoneFor(admin)).toBe('13812345678')
  })

  it('keeps the history append-only at the database', async () => {
    const sql = host.host.store.sql
    await expect(sql.query(`UPDATE feedback_history SET note = '改写'`)).rejects.toThrow(/append-only/)
    await expect(sql.query('DELETE FROM feedback_history')).rejects.toThrow(/append-only/)
  })
})

describe('SLA and auto-close', () => {
  it('flags a complaint not accepted within 24 h, and not replied within 5 days', async () => {
    const start = await clockAt('2026-04-01T02:00:00Z')
    const patient = await consentingPatient('fb-sla')
    const { id } = await complain(patient)
    const overdueIds = async () =>
      dataOf(await manager.call<FeedbackItem[]>('feedback', 'queue', { overdue: true })).map((q) => q.id)

    await later(start, 23 * HOUR)
    expect(await overdueIds()).not.toContain(id)
    await later(start, 25 * HOUR)
    expect(await overdueIds()).toContain(id)
    const flagged = dataOf(await manager.call<FeedbackItem[]>('feedback', 'queue', { status: 'submitted' })).find(
      (q) => q.id === id,
    )
    expect(flagged?.overdue).toBe(true)
    expect(Date.parse(flagged?.acceptDueAt ?? '') - Date.parse(flagged?.createdAt ?? '')).toBe(DAY)

    dataOf(await manager.call('feedback', 'accept', { id }))
    expect(await overdueIds()).not.toContain(id)
    await later(start, 5 * DAY + HOUR)
    expect(await overdueIds()).toContain(id)
    const notOverdue = dataOf(await manager.call<FeedbackItem[]>('feedback', 'queue', { overdue: false }))
    expect(notOverdue.some((q) => q.id === id)).toBe(false)
    dataOf(await manager.call('feedback', 'reply', { id, text: replyText, upheld: false }))
    expect(await overdueIds()).not.toContain(id)
  })

  it('closes a reply by itself 7 days later, on read or by the sweep, after which it cannot be reopened', async () => {
    const start = await clockAt('2026-05-01T02:00:00Z')
    let patient = await consentingPatient('fb-auto')
    dataOf(await admin.call('feedback', 'sweep', {})) // earlier tests' replies are long due
    const first = await complain(patient)
    const second = await complain(patient)
    for (const { id } of [first, second]) {
      dataOf(await manager.call('feedback', 'accept', { id }))
      dataOf(await manager.call('feedback', 'reply', { id, text: replyText, upheld: false }))
    }
    await later(start, 7 * DAY - HOUR)
    expect(code(await patient.call('feedback', 'sweep', {}))).toBe('FORBIDDEN')
    expect(dataOf(await admin.call<SweepResult>('feedback', 'sweep', {})).closed).toBe(0)

    await later(start, 7 * DAY + HOUR)
    patient = await consentingPatient('fb-auto')
    const detail = dataOf(await patient.call<FeedbackDetail>('feedback', 'detail', { id: first.id }))
    expect(detail.status).toBe('closed')
    expect(detail.history.at(-1)).toMatchObject({ action: 'close', actor: 'system', toStatus: 'closed' })
    expect(code(await patient.call('feedback', 'reopen', { id: first.id, reason: '回复没有解决问题' }))).toBe(
      'CONFLICT',
    )
    expect(dataOf(await patient.call<FeedbackItem[]>('feedback', 'mine')).find((m) => m.id === second.id)?.status).toBe(
      'closed',
    )
    expect(dataOf(await admin.call<SweepResult>('feedback', 'sweep', {})).closed).toBe(0)
  })

  it("closes a reply past its window when the manager's queue lists it, or lists closed complaints", async () => {
    const start = await clockAt('2026-05-10T02:00:00Z')
    let patient = await consentingPatient('fb-queue-close')
    dataOf(await admin.call('feedback', 'sweep', {}))
    const queue = async (filter: Record<string, unknown>) =>
      dataOf(await manager.call<FeedbackItem[]>('feedback', 'queue', filter))
    const replied = async () => {
      const { id } = await complain(patient)
      dataOf(await manager.call('feedback', 'accept', { id }))
      dataOf(await manager.call('feedback', 'reply', { id, text: replyText, upheld: false }))
      return id
    }
    const first = await replied()
    await later(start, 7 * DAY + HOUR)
    expect((await queue({ status: 'replied' })).map((item) => item.id)).not.toContain(first)
    expect((await queue({ status: 'closed' })).find((item) => item.id === first)?.status).toBe('closed')

    patient = await consentingPatient('fb-queue-close')
    const second = await replied()
    await later(start, 14 * DAY + 2 * HOUR)
    expect((await queue({ status: 'closed' })).find((item) => item.id === second)?.status).toBe('closed')
  })

  it('sweeps expired replies for the timer without anyone reading them', async () => {
    const start = await clockAt('2026-05-20T02:00:00Z')
    const patient = await consentingPatient('fb-sweep')
    dataOf(await admin.call('feedback', 'sweep', {}))
    const { id } = await complain(patient)
    dataOf(await manager.call('feedback', 'accept', { id }))
    dataOf(await manager.call('feedback', 'reply', { id, text: replyText, upheld: false }))
    await later(start, 8 * DAY)
    expect(dataOf(await admin.call<SweepResult>('feedback', 'sweep', {})).closed).toBe(1)
    const [row] = await host.host.store.sql.query<{ status: string }>(
      'SELECT status FROM feedback_items WHERE id = $1',
      [id],
    )
    expect(row.status).toBe('closed')
  })
})

describe('praise wall', () => {
  it('shows praise only after an admin approves it, naming staff by surname and title, never the patient', async () => {
    await clockAt('2026-06-02T02:00:00Z')
    const patient = await consentingPatient('fb-praise')
    const member = cardioStaff[2]
    const item = await praise(patient, cardio, { staff: { employeeNo: member.employeeNo } })
    expect(item).toMatchObject({ status: 'pending', heldReasons: [] })
    const onWall = async () => dataOf(await patient.call<Wall>('feedback', 'wall')).praise.find((p) => p.id === item.id)
    expect(await onWall()).toBeUndefined()

    expect(code(await manager.call('feedback', 'approvePraise', { id: item.id }))).toBe('FORBIDDEN')
    expect(code(await patient.call('feedback', 'praiseReview', {}))).toBe('FORBIDDEN')
    const review = dataOf(await admin.call<FeedbackItem[]>('feedback', 'praiseReview', {}))
    expect(review.some((r) => r.id === item.id)).toBe(true)
    expect(dataOf(await admin.call<FeedbackItem>('feedback', 'approvePraise', { id: item.id })).status).toBe('approved')
    expect(code(await admin.call('feedback', 'approvePraise', { id: item.id }))).toBe('CONFLICT')

    const shown = await onWall()
    const role = member.title.includes('护') ? '护士' : '医生'
    expect(shown).toMatchObject({ departmentName: '心内科', staffLabel: `${member.name[0]}${role}` })
    expect(JSON.stringify(shown)).not.toContain('测试用户')
    expect(JSON.stringify(shown)).not.toContain(member.name)
    expect((await outbox(patient.user.id)).some((m) => m.payload.status === '已上墙')).toBe(true)
  })

  it('holds praise with contact details or abusive words until the admin confirms explicitly', async () => {
    await clockAt('2026-06-02T03:00:00Z')
    const patient = await consentingPatient('fb-held')
    const withPhone = await praise(patient, cardio, {
      text: '2026-06-01 护士特别耐心，想当面感谢，我的电话139 1234 5678。',
    })
    const rude = await praise(patient, cardio, { text: '这位医生很好，不像隔壁那个废物，太耐心了。' })
    const withId = await praise(patient, cardio, { text: '张护士帮我办了住院，身份证 110101199003071234，谢谢您！' })
    expect(withPhone.heldReasons).toEqual(['含联系方式'])
    expect(withId.heldReasons).toEqual(['含证件号码'])
    expect(rude.heldReasons).toEqual(['含不文明用语'])
    const review = dataOf(await admin.call<FeedbackItem[]>('feedback', 'praiseReview', {}))
    expect(review.find((r) => r.id === withPhone.id)?.heldReasons).toEqual(['含联系方式'])
    // The reviewer sees the text already masked, and so does the database: no click can publish the number.
    expect(review.find((r) => r.id === withPhone.id)?.text).toBe('2026-06-01 护士特别耐心，想当面感谢，我的电话****。')
    expect(review.find((r) => r.id === withId.id)?.text).toBe('张护士帮我办了住院，身份证 ****，谢谢您！')
    const stored = await host.host.store.sql.query<{ body: string }>(
      `SELECT body FROM feedback_items WHERE id = ANY($1::uuid[])`,
      [[withPhone.id, withId.id]],
    )
    expect(stored.map((row) => row.body).join()).not.toMatch(/5678|1234/)
    dataOf(await admin.call('feedback', 'approvePraise', { id: withId.id, confirmHeld: true }))

    expect(code(await admin.call('feedback', 'approvePraise', { id: withPhone.id }))).toBe('CONFLICT')
    dataOf(await admin.call('feedback', 'approvePraise', { id: withPhone.id, confirmHeld: true }))
    const rejected = dataOf(
      await admin.call<FeedbackItem>('feedback', 'rejectPraise', { id: rude.id, reason: '含不文明用语' }),
    )
    expect(rejected.status).toBe('rejected')
    const wall = dataOf(await patient.call<Wall>('feedback', 'wall'))
    expect(wall.praise.find((p) => p.id === withPhone.id)?.text).toBe(
      '2026-06-01 护士特别耐心，想当面感谢，我的电话****。',
    )
    expect(wall.praise.find((p) => p.id === withId.id)?.text).toBe('张护士帮我办了住院，身份证 ****，谢谢您！')
    expect(wall.praise.some((p) => p.id === rude.id)).toBe(false)
  })

  it('shows a member of staff the approved praise naming them', async () => {
    await clockAt('2026-06-03T02:00:00Z')
    const staff = await host.signIn('staff')
    const [{ employeeNo }] = await host.host.store.sql.query<{ employeeNo: string }>(
      `SELECT employee_no AS "employeeNo" FROM staff_bindings WHERE user_id = $1 AND status = 'approved'`,
      [staff.user.id],
    )
    const patient = await consentingPatient('fb-my-praise')
    const pending = await praise(patient, respiratory, { staff: { employeeNo } })
    const approved = await praise(patient, respiratory, { staff: { employeeNo } })
    dataOf(await admin.call('feedback', 'approvePraise', { id: approved.id }))
    const mine = dataOf(await staff.call<WallPraise[]>('feedback', 'myPraise'))
    expect(mine.map((p) => p.id)).toContain(approved.id)
    expect(mine.map((p) => p.id)).not.toContain(pending.id)
    expect(code(await patient.call('feedback', 'myPraise'))).toBe('FORBIDDEN')
  })
})

describe('service stars', () => {
  it('scores staff by the documented formula, and publishes the admin’s picks to the wall', async () => {
    await clockAt('2026-07-10T02:00:00Z')
    const month = '2026-07'
    const [a, b, c] = cardioStaff.slice(3, 6)
    const patients = await Promise.all(['s1', 's2', 's3'].map((id) => consentingPatient(`fb-star-${id}`)))
    for (const [patient, member] of [
      [patients[0], a],
      [patients[1], a],
      [patients[2], b],
    ] as const) {
      const item = await praise(patient, cardio, { staff: { employeeNo: member.employeeNo } })
      dataOf(await admin.call('feedback', 'approvePraise', { id: item.id }))
    }
    await praise(patients[0], cardio, { staff: { employeeNo: c.employeeNo } }) // not approved: does not count
    for (const upheld of [true, false]) {
      const { id } = await complain(patients[1], { staff: { employeeNo: a.employeeNo } })
      dataOf(await manager.call('feedback', 'accept', { id }))
      dataOf(await manager.call('feedback', 'reply', { id, text: replyText, upheld }))
    }
    await host.host.store.sql.query(
      `INSERT INTO staff_mentions (source, department_id, employee_no, staff_name, month, created_at)
       VALUES ('survey', $1, $2, $3, $4, now()), ('survey', $1, $5, $6, $4, now())`,
      [cardio, a.employeeNo, a.name, month, c.employeeNo, c.name],
    )

    expect(code(await manager.call('feedback', 'computeStars', { month }))).toBe('FORBIDDEN')
    const result = dataOf(await admin.call<StarComputation>('feedback', 'computeStars', { month }))
    expect(result.formula).toBe(STAR_FORMULA)
    const scores = result.departments.find((d) => d.departmentId === cardio)!.staff
    expect(scores.map((s) => [s.employeeNo, s.praise, s.surveyMentions, s.upheldComplaints, s.score])).toEqual([
      [b.employeeNo, 1, 0, 0, 3],
      [a.employeeNo, 2, 1, 1, 2], // 3×2 + 1×1 − 5×1
      [c.employeeNo, 0, 1, 0, 1],
    ])
    expect(result.published).toBeNull()

    const bad = errorOf(
      await admin.call('feedback', 'publishStars', {
        month,
        picks: [{ departmentId: ortho, employeeNo: b.employeeNo }],
      }),
    )
    expect(bad.fields?.map((f) => f.path)).toEqual(['picks.0.employeeNo'])
    expect(
      code(
        await manager.call('feedback', 'publishStars', {
          month,
          picks: [{ departmentId: cardio, employeeNo: b.employeeNo }],
        }),
      ),
    ).toBe('FORBIDDEN')
    const published = dataOf(
      await admin.call<PublishedStars>('feedback', 'publishStars', {
        month,
        picks: [{ departmentId: cardio, employeeNo: b.employeeNo }],
      }),
    )
    expect(published.stars).toEqual([
      {
        departmentId: cardio,
        departmentName: '心内科',
        employeeNo: b.employeeNo,
        staffLabel: expect.stringMatching(new RegExp(`^${b.name[0]}`)),
        score: 3,
      },
    ])
    const patient = patients[2]
    expect(dataOf(await patient.call<PublishedStars | null>('feedback', 'stars', { month }))).toEqual(published)
    expect(dataOf(await patient.call<Wall>('feedback', 'wall')).stars?.month).toBe(month)
    expect(dataOf(await patient.call<PublishedStars | null>('feedback', 'stars', { month: '2025-01' }))).toBeNull()
  })
})

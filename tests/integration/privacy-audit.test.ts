import type {
  AttendanceView,
  AuditView,
  Dashboard,
  FeedbackItem,
  MyData,
  MyHelpRequest,
  VolunteerProfile,
} from '../../src/contract'
import { isPrivileged } from '../../src/cloud/core/define'
import { CLOUD_FUNCTIONS } from '../../src/cloud/registry'
import { staffCampaignInput } from '../support/staff-survey'
import {
  consentToTreatmentText,
  dataOf,
  errorOf,
  startTestHost,
  type SignedIn,
  type TestHost,
} from '../support/test-host'
import {
  checkedIn,
  claimedRequest,
  complaintInput,
  departments,
  praiseInput,
  registration,
  studySession,
} from '../support/world'
import { writeCase, WRITE_CASES, type WriteWorld } from '../support/write-cases'

let host: TestHost
let admin: SignedIn
let world: WriteWorld

const entries = () =>
  Object.entries(CLOUD_FUNCTIONS).flatMap(([fn, actions]) =>
    Object.entries(actions).map(([action, def]) => ({ fn, action, def })),
  )

/** Manager and admin writes. */
const PRIVILEGED_WRITES = entries().filter(({ def }) => def.write && isPrivileged(def))
/** Data leaving the system in bulk. */
const EXPORTS = entries().filter(({ action, def }) => action.startsWith('export') && isPrivileged(def))

const year = new Date().getFullYear()
const EXPORT_INPUTS: Record<string, (w: WriteWorld) => unknown> = {
  'survey.export': (w) => ({ departmentId: w.where.home.id, from: `${year}-01`, to: `${year}-12` }),
  'volunteer.exportRanking': () => ({ year }),
  'volunteer.exportNationalRecords': () => ({ year }),
  'study.exportAttendance': async (w) => ({ sessionId: (await checkedIn(w.host, w.admin, 'audit-export')).sessionId }),
  'study.exportCme': () => ({ year }),
  'staffSurvey.exportResults': async (w) => ({
    campaignId: dataOf(await w.admin.call<{ id: string }>('staffSurvey', 'createCampaign', staffCampaignInput())).id,
  }),
}

beforeAll(async () => {
  host = await startTestHost()
  admin = await host.signIn('admin', 'pa-admin')
  world = { host, admin, where: await departments(admin) }
})
afterAll(async () => {
  await host.close()
})

async function auditSince(since: string): Promise<AuditView[]> {
  return dataOf(await admin.call<AuditView[]>('identity', 'auditLog', { from: since }))
}

describe('audit log', () => {
  test('every export has an input here', () => {
    expect(EXPORTS.map(({ fn, action }) => `${fn}.${action}`).filter((key) => !EXPORT_INPUTS[key])).toEqual([])
  })

  test.each([...PRIVILEGED_WRITES, ...EXPORTS].map(({ fn, action }) => [fn, action]))(
    '%s.%s is recorded with who and when',
    async (fn, action) => {
      const key = `${fn}.${action}`
      const input =
        (await EXPORT_INPUTS[key]?.(world)) ?? (await writeCase(fn, action)?.(world, `audit-${fn}-${action}`))?.input
      const since = new Date().toISOString()
      dataOf(await admin.call(fn, action, input))
      const recorded = (await auditSince(since)).filter((entry) => entry.fn === fn && entry.action === action)
      expect(recorded).toHaveLength(1)
      expect(recorded[0]).toMatchObject({ actorId: admin.user.id, actorName: expect.any(String) })
      expect(Date.parse(recorded[0].at)).toBeGreaterThanOrEqual(Date.parse(since))
    },
  )

  test('filters by target and time, and the log refuses to be rewritten', async () => {
    const setup = WRITE_CASES.volunteer.adjustHours
    if (!setup) throw new Error('adjustHours needs a case')
    const { input } = await setup(world, 'audit-filter')
    dataOf(await admin.call('volunteer', 'adjustHours', input))
    const target = `user:${(input as { userId: string }).userId}`
    const byTarget = dataOf(await admin.call<AuditView[]>('identity', 'auditLog', { target }))
    expect(byTarget.map((e) => `${e.fn}.${e.action}`)).toEqual(['volunteer.adjustHours'])
    expect(byTarget[0].details).toMatchObject({ minutes: 45 })
    const future = new Date(Date.now() + 3600_000).toISOString()
    expect(dataOf(await admin.call<AuditView[]>('identity', 'auditLog', { from: future }))).toEqual([])
    await expect(host.host.store.sql.query('UPDATE audit_log SET target = $1', ['x'])).rejects.toThrow(/append-only/)
    await expect(host.host.store.sql.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/)
  })
})

describe('privacy', () => {
  test('a survey answer carries no identity of the person who gave it', async () => {
    const setup = WRITE_CASES.survey.submit
    if (!setup) throw new Error('submit needs a case')
    const { as: patient, input } = await setup(world, 'privacy-survey')
    dataOf(await patient.call('survey', 'submit', input))
    const sql = host.host.store.sql
    const columns = await sql.query<{ table: string; column: string }>(
      `SELECT table_name AS table, column_name AS column FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name LIKE 'survey_%'`,
    )
    const personal = /user|openid|patient|phone|name/i
    // contact_phone holds only a number the patient chose to leave for a call-back (tested in survey-reach).
    const byDesign = /actor_name|actor_id|contact_phone/
    expect(columns.filter((c) => personal.test(c.column) && !byDesign.test(c.column))).toEqual([])
    const rows = await sql.query<{ row: string }>(`SELECT r::text AS row FROM survey_responses r`)
    const traces = [patient.user.id, patient.user.openid]
    expect(rows.filter(({ row }) => traces.some((trace) => row.includes(trace)))).toEqual([])
    const dashboard = dataOf(
      await admin.call<Dashboard>('survey', 'dashboard', {
        departmentId: world.where.home.id,
        from: `${year}-01`,
        to: `${year}-12`,
      }),
    )
    expect(dashboard.comments.some((c) => c.comment === '护士很耐心')).toBe(true)
    expect(JSON.stringify(dashboard)).not.toContain(patient.user.id)
    const mine = dataOf(await patient.call<MyData>('identity', 'exportMyData'))
    expect(mine.survey).toBeNull()
  })

  test('a phone number is masked for its owner on screen and shown in full only to admins', async () => {
    const person = await host.signIn('patient', 'privacy-phone')
    const profile = dataOf(
      await person.call<VolunteerProfile>('volunteer', 'register', registration('王电话', '13566667777')),
    )
    expect(profile.phone).toBe('135****7777')
    expect(dataOf(await person.call<VolunteerProfile>('volunteer', 'myProfile')).phone).toBe('135****7777')
    const pending = dataOf(await admin.call<{ userId: string; phone: string }[]>('volunteer', 'pending'))
    expect(pending.find((p) => p.userId === person.user.id)?.phone).toBe('13566667777')
    const manager = await host.signIn('manager', 'privacy-manager', world.where.home.id)
    expect(errorOf(await manager.call('volunteer', 'pending')).code).toBe('FORBIDDEN')
  })

  test('exportMyData gives a person their data; deleteMe removes it and keeps the aggregates', async () => {
    const { patient, volunteer, requestId } = await claimedRequest(host, 'privacy-erase', world.where.home, true)
    dataOf(await patient.call('volunteer', 'rate', { requestId, stars: 4, comment: '谢谢小王' }))
    dataOf(await patient.call('volunteer', 'register', registration('赵删除', '13811112222')))
    dataOf(await patient.call('identity', 'setPrefs', { largeText: true }))

    const before = dataOf(await patient.call<MyData>('identity', 'exportMyData'))
    expect(before).toMatchObject({
      identity: { user: { largeText: true } },
      survey: null,
      volunteer: {
        profile: { name: '赵删除', phone: '13811112222' },
        requests: [{ need: '导诊带路', from: '门诊大厅', status: 'completed', stars: 4, comment: '谢谢小王' }],
      },
    })
    expect(Object.keys(before).sort()).toEqual(Object.keys(CLOUD_FUNCTIONS).sort())

    const sql = host.host.store.sql
    const aggregates = () =>
      sql.query(
        `SELECT (SELECT coalesce(sum(responses), 0)::int FROM survey_month_counters) AS responses,
                (SELECT count(*)::int FROM volunteer_hours) AS ledger,
                (SELECT count(*)::int FROM volunteer_ratings) AS ratings`,
      )
    const totals = await aggregates()
    const first = await patient.call('identity', 'deleteMe', { confirm: true }, 'erase-me-0001')
    expect(dataOf(first)).toEqual({ deleted: true })
    expect((await patient.call('identity', 'deleteMe', { confirm: true }, 'erase-me-0001')).body).toEqual(first.body)

    const after = dataOf(await patient.call<MyData>('identity', 'exportMyData'))
    expect(after).toMatchObject({
      identity: { user: { name: '', roles: ['patient'], largeText: false }, staffBinding: null },
      volunteer: { profile: null, requests: [{ from: '已删除', note: null, comment: null, stars: 4 }] },
    })
    expect(JSON.stringify(after)).not.toMatch(/赵删除|13811112222|谢谢小王/)
    expect(await aggregates()).toEqual(totals)
    // The volunteer who served keeps the service in their record.
    const record = dataOf(await volunteer.call<{ servedAllTime: number }>('volunteer', 'myRecord'))
    expect(record.servedAllTime).toBe(1)
    expect(dataOf(await patient.call<MyHelpRequest | null>('volunteer', 'myRequest'))).toMatchObject({ note: null })
  })

  test('feedback and study: exported in full; deleteMe strips what the person wrote and keeps the counts', async () => {
    const { staff: person, sessionId } = await checkedIn(host, admin, 'privacy-areas')
    const later = await studySession(admin, 'all')
    dataOf(await person.call('study', 'requestLeave', { sessionId: later.id, reason: '孩子发烧请假' }))
    await consentToTreatmentText(person)
    const complaint = dataOf(
      await person.call<FeedbackItem>('feedback', 'submit', {
        ...complaintInput(world.where.home),
        text: '我是钱多多，挂号窗口的态度让人难受。',
        contactPhone: '13622223333',
      }),
    )
    const praise = dataOf(await person.call<FeedbackItem>('feedback', 'submit', praiseInput(world.where.home)))
    dataOf(await admin.call('feedback', 'accept', { id: complaint.id }))
    dataOf(
      await admin.call('feedback', 'reply', { id: complaint.id, text: '已核实并向您致歉，窗口已整改。', upheld: true }),
    )
    dataOf(await person.call('feedback', 'reopen', { id: complaint.id, reason: '钱多多仍不满意' }))

    const before = dataOf(await person.call<MyData>('identity', 'exportMyData'))
    expect(before).toMatchObject({
      feedback: {
        items: [
          {
            kind: 'complaint',
            text: '我是钱多多，挂号窗口的态度让人难受。',
            contactPhone: '13622223333',
            reopenReason: '钱多多仍不满意',
          },
          { kind: 'praise', status: 'pending' },
        ],
      },
      study: {
        attendance: [{ title: '院感防控培训', late: false, expected: true, checkedOutAt: null }],
        leaves: [{ reason: '孩子发烧请假', status: 'pending' }],
      },
    })

    const sql = host.host.store.sql
    const counts = () =>
      sql.query(
        `SELECT (SELECT count(*)::int FROM feedback_items WHERE kind = 'complaint') AS complaints,
                (SELECT count(*)::int FROM feedback_items WHERE upheld) AS upheld,
                (SELECT count(*)::int FROM study_attendance) AS checkIns`,
      )
    const totals = await counts()
    const checkedInBefore = dataOf(await admin.call<AttendanceView>('study', 'attendance', { sessionId })).totals
      .checkedIn
    dataOf(await person.call('identity', 'deleteMe', { confirm: true }))

    const after = dataOf(await person.call<MyData>('identity', 'exportMyData'))
    expect(after).toMatchObject({
      feedback: {
        items: [
          { kind: 'complaint', status: 'accepted', contactPhone: null, reopenReason: null, anonymous: true },
          { kind: 'praise', status: 'rejected' },
        ],
      },
      study: { attendance: [{ expected: true }], leaves: [] },
    })
    expect(JSON.stringify(after)).not.toMatch(/钱多多|13622223333|孩子发烧/)
    expect(await counts()).toEqual(totals)
    const view = dataOf(await admin.call<AttendanceView>('study', 'attendance', { sessionId }))
    expect(view.totals.checkedIn).toBe(checkedInBefore)
    // The department still sees the complaint it has to answer, without the person's words or phone.
    const handled = dataOf(await admin.call<FeedbackItem>('feedback', 'detail', { id: complaint.id }))
    expect(handled).toMatchObject({ status: 'accepted', contactPhone: null, patientName: null })
    expect(handled.text).not.toContain('钱多多')
    expect(dataOf(await admin.call<FeedbackItem[]>('feedback', 'praiseReview')).map((p) => p.id)).not.toContain(
      praise.id,
    )
  })
})

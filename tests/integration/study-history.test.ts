import type { AttendanceView, SessionView, StudyRecord, StudyStats } from '../../src/contract'
import { dataOf, post, type SignedIn, startTestHost, type TestHost } from '../support/test-host'

// Issue 16 #3: a session's audience is frozen when its check-in window opens, so a later hire or
// transfer does not rewrite who was expected at it. Before the window opens the audience follows the roster.
const MINUTE = 60_000
let host: TestHost
let admin: SignedIn
let eye = ''
let ent = ''

beforeAll(async () => {
  host = await startTestHost()
  host.setClock(new Date('2028-05-01T01:00:00Z'))
  admin = await host.signIn('admin')
  const departments = dataOf(await admin.call<{ id: string; name: string }[]>('identity', 'departments'))
  eye = departments.find((d) => d.name === '眼科')?.id ?? ''
  ent = departments.find((d) => d.name === '耳鼻喉科')?.id ?? ''
})
afterAll(async () => {
  await host.close()
})

const sweep = async () => (await post(`${host.url}/dev/sweep`, '{}')).body as { sweeps: Record<string, number> }

async function eyeSession(startAt: Date): Promise<SessionView> {
  host.setClock(new Date(startAt.getTime() - 120 * MINUTE))
  admin = await host.signIn('admin')
  return dataOf(
    await admin.call<SessionView>('study', 'createSession', {
      type: '业务学习',
      title: '眼科病例讨论',
      location: '学术报告厅',
      startAt: startAt.toISOString(),
      endAt: new Date(startAt.getTime() + 60 * MINUTE).toISOString(),
      audience: [eye],
      creditHours: 1,
    }),
  )
}

const missingOf = async (sessionId: string) => {
  admin = await host.signIn('admin') // a fresh token at whatever the clock says
  const view = dataOf(await admin.call<AttendanceView>('study', 'attendance', { sessionId }))
  return {
    expected: view.totals.expected,
    missing: view.departments.flatMap((d) => d.people.filter((p) => p.status === 'missing').map((p) => p.userId)),
    departmentOf: (userId: string) => view.departments.find((d) => d.people.some((p) => p.userId === userId)),
  }
}

describe('the audience of a session is frozen when its check-in window opens', () => {
  it('a new hire is not missing from a session held before they came, and a transfer does not move history', async () => {
    const start = new Date('2028-05-02T01:00:00Z')
    const s = await eyeSession(start)
    const veteran = await host.signIn('staff', 'history-veteran', eye)
    const mover = await host.signIn('staff', 'history-mover', eye)

    // Before the window opens the audience is a preview of today's roster.
    const early = await host.signIn('staff', 'history-early', eye)
    expect((await missingOf(s.id)).missing).toContain(early.user.id)

    // The timer runs once the window has opened: from here on the audience is the snapshot.
    host.setClock(new Date(start.getTime() - 20 * MINUTE))
    const swept = await sweep()
    const frozen = await missingOf(s.id)
    expect(frozen.missing).toEqual(expect.arrayContaining([veteran.user.id, mover.user.id, early.user.id]))

    // A week later an eye doctor is hired and another moves to ENT.
    host.setClock(new Date(start.getTime() + 7 * 24 * 60 * MINUTE))
    const hire = await host.signIn('staff', 'history-hire', eye)
    admin = await host.signIn('admin')
    dataOf(
      await admin.call('identity', 'setRole', {
        userId: mover.user.id,
        role: 'manager',
        grant: true,
        departmentId: ent,
      }),
    )

    const after = await missingOf(s.id)
    expect(after.expected).toBe(frozen.expected)
    expect(after.missing).not.toContain(hire.user.id)
    expect(after.missing).toContain(mover.user.id)
    expect(after.departmentOf(mover.user.id)?.departmentId).toBe(eye)

    const record = dataOf(await hire.call<StudyRecord>('study', 'myRecord'))
    expect(record.recent.map((entry) => entry.sessionId)).not.toContain(s.id)
    expect(record.expected).toBe(0)
    const moverNow = await host.signIn('staff', 'history-mover') // a fresh token; the account is unchanged
    expect(moverNow.user.departmentId).toBe(ent)
    const moverRecord = dataOf(await moverNow.call<StudyRecord>('study', 'myRecord'))
    expect(moverRecord.recent.find((entry) => entry.sessionId === s.id)?.status).toBe('missing')

    const stats = dataOf(await admin.call<StudyStats>('study', 'stats', { from: '2028-05-01', to: '2028-05-31' }))
    const eyeRow = stats.byDepartment.find((row) => row.departmentId === eye)
    expect(eyeRow?.expected).toBe(frozen.expected)
    expect(stats.byDepartment.find((row) => row.departmentId === ent)?.expected ?? 0).toBe(0)

    // The timer froze it; a second sweep finds nothing left to freeze and changes nothing.
    expect(swept.sweeps.frozenStudyAudiences).toBe(1)
    expect((await sweep()).sweeps.frozenStudyAudiences).toBe(0)
    expect((await missingOf(s.id)).expected).toBe(frozen.expected)
  })

  it('a session nobody swept is frozen by its first read after the window opened', async () => {
    const start = new Date('2028-05-10T01:00:00Z')
    const s = await eyeSession(start)
    const before = await host.signIn('staff', 'history-before', eye)
    host.setClock(new Date(start.getTime() + 90 * MINUTE))
    const first = await missingOf(s.id)
    expect(first.missing).toContain(before.user.id)
    const late = await host.signIn('staff', 'history-late-hire', eye)
    const second = await missingOf(s.id)
    expect(second.missing).not.toContain(late.user.id)
    expect(second.expected).toBe(first.expected)
  })

  it('an edit of the audience after the window opened takes the snapshot again; an edit of the title keeps it', async () => {
    const start = new Date('2028-05-20T01:00:00Z')
    const s = await eyeSession(start)
    const entDoctor = await host.signIn('staff', 'history-ent', ent)
    host.setClock(new Date(start.getTime() - 10 * MINUTE))
    const before = await missingOf(s.id)
    expect(before.missing).not.toContain(entDoctor.user.id)
    const edit = (audience: string[], title: string) =>
      admin.call<SessionView>('study', 'editSession', {
        sessionId: s.id,
        type: '业务学习',
        title,
        location: '学术报告厅',
        startAt: s.startAt,
        endAt: s.endAt,
        audience,
        creditHours: 1,
      })
    dataOf(await edit([eye, ent], '眼科与耳鼻喉科联合病例讨论'))
    const widened = await missingOf(s.id)
    expect(widened.missing).toContain(entDoctor.user.id)
    const hire = await host.signIn('staff', 'history-ent-hire', ent)
    dataOf(await edit([eye, ent], '联合病例讨论'))
    const retitled = await missingOf(s.id)
    expect(retitled.missing).not.toContain(hire.user.id)
    expect(retitled.expected).toBe(widened.expected)
  })
})

import type { AttendanceView, CheckInResult, QrCodeView, SessionView, StudyRecord } from '../../src/contract'
import { dataOf, errorOf, type SignedIn, startTestHost, type TestHost } from '../support/test-host'

/**
 * Check-in that proves presence, through the host on PGlite: the fence and the Wi-Fi list, the
 * organizer's confirmation where the platform gives no answer, and the organizer's correction of
 * 未签退. The person's coordinates are checked and dropped: a dump of every table must not hold them.
 */
const SECOND = 1000
const MINUTE = 60 * SECOND
/** One degree of latitude, in metres, near enough for test offsets. */
const METERS_PER_DEGREE = 111_195

let host: TestHost
let now: Date
let admin: SignedIn
let signedInAt = 0

async function at(time: Date) {
  now = time
  host.setClock(now)
  if (Math.abs(now.getTime() - signedInAt) < 24 * 3600 * SECOND) return
  signedInAt = now.getTime()
  admin = await host.signIn('admin', 'presence-admin')
}
const later = (ms: number) => at(new Date(now.getTime() + ms))

beforeAll(async () => {
  host = await startTestHost()
  await at(new Date('2026-04-06T01:00:00Z'))
})
afterAll(async () => {
  await host.close()
})

/** The lecture hall: coordinates with digits no test person ever sends. */
const HALL = { latitude: 31.2, longitude: 121.45 }
const north = (meters: number, accuracy?: number) => ({
  latitude: HALL.latitude + meters / METERS_PER_DEGREE,
  longitude: HALL.longitude,
  ...(accuracy === undefined ? {} : { accuracy }),
})

async function createSession(extra: Record<string, unknown>, hours = 1, startInMinutes = 20): Promise<SessionView> {
  const start = new Date(now.getTime() + startInMinutes * MINUTE)
  return dataOf(
    await admin.call<SessionView>('study', 'createSession', {
      type: '业务学习',
      title: '院感防控培训',
      location: '学术报告厅',
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + hours * 60 * MINUTE).toISOString(),
      audience: 'all',
      creditHours: 2,
      cmeCredits: 1,
      ...extra,
    }),
  )
}

const qrOf = async (sessionId: string) => dataOf(await admin.call<QrCodeView>('study', 'qrCode', { sessionId }))
const checkIn = (person: SignedIn, data: Record<string, unknown>) =>
  person.call<CheckInResult>('study', 'checkIn', data)
const attendanceOf = async (sessionId: string) =>
  dataOf(await admin.call<AttendanceView>('study', 'attendance', { sessionId }))
const personIn = (view: AttendanceView, userId: string) =>
  view.departments.flatMap((d) => d.people).find((p) => p.userId === userId)

async function rowsOf(sessionId: string, userId: string): Promise<number> {
  const [{ count }] = await host.host.store.sql.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM study_attendance WHERE session_id = $1 AND user_id = $2',
    [sessionId, userId],
  )
  return count
}

describe('the location fence', () => {
  it('is set on creation with a 150 m default, returned on the session view, and kept within 50–500 m', async () => {
    await at(new Date('2026-04-06T01:00:00Z'))
    const session = await createSession({ fence: HALL })
    expect(session.fence).toEqual({ ...HALL, radiusMeters: 150 })
    expect(dataOf(await admin.call<SessionView>('study', 'session', { sessionId: session.id })).fence).toEqual({
      ...HALL,
      radiusMeters: 150,
    })
    for (const radiusMeters of [40, 501]) {
      const refused = errorOf(
        await admin.call('study', 'createSession', {
          type: '业务学习',
          title: '范围有误',
          location: '学术报告厅',
          startAt: new Date(now.getTime() + 20 * MINUTE).toISOString(),
          endAt: new Date(now.getTime() + 80 * MINUTE).toISOString(),
          audience: 'all',
          creditHours: 1,
          fence: { ...HALL, radiusMeters },
        }),
      )
      expect(refused.code).toBe('INVALID_INPUT')
    }
    const plain = await createSession({})
    expect(plain.fence).toBeNull()
    expect(plain.wifiBssids).toEqual([])
  })

  it('checks in inside the fence, refuses outside, without a location, and with a fix vaguer than the fence', async () => {
    await at(new Date('2026-04-07T01:00:00Z'))
    const session = await createSession({ fence: { ...HALL, radiusMeters: 100 } })
    const qr = await qrOf(session.id)

    const outside = await host.signIn('staff', 'fence-outside')
    const far = errorOf(await checkIn(outside, { payload: qr.payload, location: north(400, 10) }))
    expect(far.code).toBe('FORBIDDEN')
    expect(far.fields?.[0]?.path).toBe('location')
    expect(far.message).toContain('不在签到地点附近')
    expect(await rowsOf(session.id, outside.user.id)).toBe(0)

    const silent = await host.signIn('staff', 'fence-missing')
    const missing = errorOf(await checkIn(silent, { payload: qr.payload }))
    expect(missing).toMatchObject({ code: 'FORBIDDEN', fields: [{ path: 'location' }] })
    expect(missing.message).toContain('组织者')
    expect(await rowsOf(session.id, silent.user.id)).toBe(0)

    const vague = await host.signIn('staff', 'fence-vague')
    const blurred = errorOf(await checkIn(vague, { payload: qr.payload, location: north(20, 300) }))
    expect(blurred.code).toBe('FORBIDDEN')
    expect(blurred.message).toContain('定位精度不足')

    const inside = await host.signIn('staff', 'fence-inside')
    const ok = dataOf(await checkIn(inside, { payload: qr.payload, location: north(60, 25) }))
    expect(ok).toMatchObject({ sessionId: session.id, presence: 'verified', repeated: false })
    // The 6-digit code carries a location the same way.
    const byCode = await host.signIn('staff', 'fence-code')
    expect(dataOf(await checkIn(byCode, { shortCode: qr.shortCode, location: north(-90) })).presence).toBe('verified')
    // A second tap without a location returns the first check-in rather than a refusal.
    expect(dataOf(await checkIn(inside, { payload: qr.payload }))).toMatchObject({
      repeated: true,
      presence: 'verified',
    })
    expect(personIn(await attendanceOf(session.id), inside.user.id)?.presence).toBe('verified')
  })

  it('refuses forged location fields: a verdict of its own, coordinates off the globe, text', async () => {
    await at(new Date('2026-04-08T01:00:00Z'))
    const session = await createSession({ fence: HALL })
    const qr = await qrOf(session.id)
    const forger = await host.signIn('staff', 'fence-forger')
    const forged = [
      { ...north(2000), inside: true },
      { ...north(2000), distance: 0 },
      { latitude: 200, longitude: HALL.longitude },
      { latitude: String(HALL.latitude), longitude: String(HALL.longitude) },
      { latitude: HALL.latitude, longitude: HALL.longitude, accuracy: -1 },
    ]
    for (const location of forged) {
      expect(errorOf(await checkIn(forger, { payload: qr.payload, location })).code).toBe('INVALID_INPUT')
    }
    // A fence of its own is ignored: the server checks against the session's.
    const own = { ...north(2000), fence: { ...north(2000), radiusMeters: 500 } }
    expect(errorOf(await checkIn(forger, { payload: qr.payload, location: own })).code).toBe('INVALID_INPUT')
    expect(errorOf(await checkIn(forger, { payload: qr.payload, location: north(2000) })).code).toBe('FORBIDDEN')
    expect(await rowsOf(session.id, forger.user.id)).toBe(0)
  })

  it('needs a fresh code with the location: an old payload with a good location is EXPIRED', async () => {
    await at(new Date('2026-04-09T01:00:00Z'))
    const session = await createSession({ fence: HALL })
    const old = await qrOf(session.id)
    await later(31 * SECOND)
    const replayer = await host.signIn('staff', 'fence-stale')
    expect(errorOf(await checkIn(replayer, { payload: old.payload, location: north(10, 5) })).code).toBe('EXPIRED')
    expect(errorOf(await checkIn(replayer, { shortCode: old.shortCode, location: north(10, 5) })).code).toBe('EXPIRED')
    expect(await rowsOf(session.id, replayer.user.id)).toBe(0)
    const fresh = await qrOf(session.id)
    expect(dataOf(await checkIn(replayer, { payload: fresh.payload, location: north(10, 5) })).presence).toBe(
      'verified',
    )
  })

  it('keeps only inside/outside: no table holds the coordinates a person sent', async () => {
    await at(new Date('2026-04-10T01:00:00Z'))
    const session = await createSession({ fence: HALL })
    const qr = await qrOf(session.id)
    const sent = { latitude: 31.2003717, longitude: 121.4502939, accuracy: 17.25 }
    const person = await host.signIn('staff', 'fence-dump')
    dataOf(await checkIn(person, { payload: qr.payload, location: sent }))
    const refused = await host.signIn('staff', 'fence-dump-far')
    errorOf(await checkIn(refused, { payload: qr.payload, location: { latitude: 31.2413717, longitude: 121.4502939 } }))

    const tables = await host.host.store.sql.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    )
    let dump = ''
    for (const { name } of tables) {
      const rows = await host.host.store.sql.query<{ row: string }>(`SELECT t::text AS row FROM "${name}" t`)
      dump += rows.map((r) => r.row).join('\n')
    }
    expect(dump).toContain(session.id)
    for (const digits of ['2003717', '2413717', '4502939', '17.25']) expect(dump).not.toContain(digits)
    const [stored] = await host.host.store.sql.query<{ presence: string }>(
      'SELECT presence FROM study_attendance WHERE session_id = $1 AND user_id = $2',
      [session.id, person.user.id],
    )
    expect(stored.presence).toBe('verified')
  })
})

describe('the Wi-Fi list', () => {
  it('is off by default; where set, only a listed access point checks in', async () => {
    await at(new Date('2026-04-13T01:00:00Z'))
    const session = await createSession({ wifiBssids: ['AA:BB:CC:00:11:22', 'aa-bb-cc-00-11-33'] })
    expect(session.wifiBssids).toEqual(['aa:bb:cc:00:11:22', 'aa:bb:cc:00:11:33'])
    const qr = await qrOf(session.id)
    const away = await host.signIn('staff', 'wifi-away')
    expect(errorOf(await checkIn(away, { payload: qr.payload, bssid: '10:20:30:40:50:60' }))).toMatchObject({
      code: 'FORBIDDEN',
      fields: [{ path: 'bssid' }],
    })
    expect(errorOf(await checkIn(away, { payload: qr.payload })).code).toBe('FORBIDDEN')
    expect(errorOf(await checkIn(away, { payload: qr.payload, bssid: 'not-a-bssid' })).code).toBe('INVALID_INPUT')
    const there = await host.signIn('staff', 'wifi-there')
    expect(dataOf(await checkIn(there, { payload: qr.payload, bssid: 'AA:BB:CC:00:11:33' })).presence).toBe('verified')
    // A session asking nothing takes a check-in as before, and keeps no proof.
    const plain = await createSession({ title: '无需核验' })
    expect(
      dataOf(await checkIn(away, { payload: (await qrOf(plain.id)).payload, location: north(9000) })).presence,
    ).toBe('none')
  })
})

describe("the organizer's confirmation", () => {
  it('checks in one the platform could not place, once, audited; not oneself nor outside the session', async () => {
    await at(new Date('2026-04-14T01:00:00Z'))
    const session = await createSession({ fence: HALL }, 1, 45)
    const early = await host.signIn('staff', 'confirm-early')
    expect(
      errorOf(await admin.call('study', 'confirmPresence', { sessionId: session.id, userId: early.user.id })).code,
    ).toBe('CONFLICT')

    await later(40 * MINUTE)
    const qr = await qrOf(session.id)
    const noGps = await host.signIn('staff', 'confirm-no-gps')
    expect(errorOf(await checkIn(noGps, { payload: qr.payload })).code).toBe('FORBIDDEN')
    const confirmed = dataOf(
      await admin.call<CheckInResult>('study', 'confirmPresence', { sessionId: session.id, userId: noGps.user.id }),
    )
    expect(confirmed).toMatchObject({ userId: noGps.user.id, presence: 'confirmed', late: false, expected: true })
    expect(personIn(await attendanceOf(session.id), noGps.user.id)).toMatchObject({
      status: 'present',
      presence: 'confirmed',
    })
    const [entry] = await host.host.store.sql.query<{ actorId: string; details: Record<string, unknown> }>(
      `SELECT actor_id AS "actorId", details FROM audit_log WHERE action = 'confirmPresence' AND target = $1`,
      [`study:${session.id}`],
    )
    expect(entry).toMatchObject({ actorId: admin.user.id, details: { presenceConfirmedFor: noGps.user.id } })

    const again = errorOf(
      await admin.call('study', 'confirmPresence', { sessionId: session.id, userId: noGps.user.id }),
    )
    expect(again.code).toBe('CONFLICT')
    expect(
      errorOf(await admin.call('study', 'confirmPresence', { sessionId: session.id, userId: admin.user.id })).code,
    ).toBe('FORBIDDEN')
    const stranger = await host.signIn('manager', 'confirm-other-manager')
    expect(
      errorOf(await stranger.call('study', 'confirmPresence', { sessionId: session.id, userId: early.user.id })).code,
    ).toBe('FORBIDDEN')
    const patient = await host.signIn('patient', 'confirm-patient')
    expect(
      errorOf(await admin.call('study', 'confirmPresence', { sessionId: session.id, userId: patient.user.id })).code,
    ).toBe('NOT_FOUND')

    await later(70 * MINUTE)
    expect(
      errorOf(await admin.call('study', 'confirmPresence', { sessionId: session.id, userId: early.user.id })).code,
    ).toBe('CONFLICT')
  })
})

describe("the organizer's correction of 未签退", () => {
  it('sets the check-out a person missed, once and audited, and the credit follows', async () => {
    await at(new Date('2026-04-15T01:00:00Z'))
    const session = await createSession({ requireCheckOut: true }, 3)
    await later(20 * MINUTE)
    const forgetful = await host.signIn('staff', 'correct-forgetful')
    dataOf(await checkIn(forgetful, { payload: (await qrOf(session.id)).payload }))
    const absent = await host.signIn('staff', 'correct-absent')
    await at(new Date(new Date(session.endAt).getTime() + 40 * MINUTE))

    const before = dataOf(await forgetful.call<StudyRecord>('study', 'myRecord'))
    expect(before.recent.find((r) => r.sessionId === session.id)).toMatchObject({
      missedCheckOut: true,
      creditHours: 0,
    })
    expect(before.cmeCredits).toBe(0)

    const correct = (userId: string, checkedOutAt: string) =>
      admin.call<{ creditHours: number; cmeCredits: number }>('study', 'correctCheckOut', {
        sessionId: session.id,
        userId,
        checkedOutAt,
      })
    expect(errorOf(await correct(forgetful.user.id, new Date(now.getTime() + MINUTE).toISOString())).code).toBe(
      'INVALID_INPUT',
    )
    expect(errorOf(await correct(forgetful.user.id, '2026-04-15T01:10:00Z')).code).toBe('INVALID_INPUT')
    expect(errorOf(await correct(absent.user.id, session.endAt)).code).toBe('NOT_FOUND')

    const done = dataOf(await correct(forgetful.user.id, session.endAt))
    expect(done).toMatchObject({ checkedOutAt: session.endAt, creditHours: 2, cmeCredits: 1 })
    const after = dataOf(await forgetful.call<StudyRecord>('study', 'myRecord'))
    expect(after.recent.find((r) => r.sessionId === session.id)).toMatchObject({
      missedCheckOut: false,
      creditHours: 2,
    })
    expect(after.cmeCredits).toBe(1)
    const [entry] = await host.host.store.sql.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_log WHERE action = 'correctCheckOut' AND target = $1`,
      [`study:${session.id}`],
    )
    expect(entry.details).toMatchObject({ checkOutCorrectedFor: forgetful.user.id, checkedOutAt: session.endAt })
    expect(errorOf(await correct(forgetful.user.id, session.endAt)).code).toBe('CONFLICT')
  })

  it('pro-rates a corrected early leave like a 签退 of the same time, and refuses a time before the check-in', async () => {
    await at(new Date('2026-04-16T01:00:00Z'))
    const session = await createSession({ requireCheckOut: true }, 3)
    await later(30 * MINUTE)
    const leaver = await host.signIn('staff', 'correct-leaver')
    dataOf(await checkIn(leaver, { payload: (await qrOf(session.id)).payload }))
    await at(new Date(new Date(session.endAt).getTime() + 45 * MINUTE))
    // Checked in 10 minutes after the start: 5 minutes after the start is inside the window but before it.
    const tooEarly = new Date(new Date(session.startAt).getTime() + 5 * MINUTE).toISOString()
    const refused = errorOf(
      await admin.call('study', 'correctCheckOut', {
        sessionId: session.id,
        userId: leaver.user.id,
        checkedOutAt: tooEarly,
      }),
    )
    expect(refused).toMatchObject({ code: 'INVALID_INPUT', fields: [{ path: 'checkedOutAt' }] })
    // 90 of the session's 180 minutes, counted from the check-in: half the 2 hours.
    const halfway = new Date(new Date(session.startAt).getTime() + 100 * MINUTE).toISOString()
    const done = dataOf(
      await admin.call<{ creditHours: number }>('study', 'correctCheckOut', {
        sessionId: session.id,
        userId: leaver.user.id,
        checkedOutAt: halfway,
      }),
    )
    expect(done.creditHours).toBe(1)
  })
})

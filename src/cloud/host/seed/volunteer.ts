import { randomUUID } from 'node:crypto'
import { CARE_NEEDS, HELP_NEEDS, STATIONS, VOLUNTEER_SKILLS, VOLUNTEER_TEAMS } from '../../../contract'
import type { Sql } from '../../storage/pglite/sql'
import { buildRoster, DEMO_USERS, ROSTER_SIZE } from './hospital'
import { seededRandom } from './random'
import { DAY_MS, MINUTE_MS } from '../../../contract/month'

const DEMO_VOLUNTEERS = 120
const DEMO_PATIENTS = 200
const PENDING_REGISTRATIONS = 3
const AVAILABILITY = ['周一至周五上午', '周二、周四全天', '周末上午', '每周三下午', '工作日下午', '周六全天']
const COMMENTS = ['非常耐心，谢谢', '带路很及时', '阿姨人很好', '推轮椅很稳', '讲解清楚', null, null, null]

interface Columns {
  [column: string]: unknown[]
}

function columns<T extends string>(...names: T[]): Record<T, unknown[]> {
  return Object.fromEntries(names.map((name) => [name, []])) as unknown as Record<T, unknown[]>
}

async function insertUsers(sql: Sql, prefix: string, names: string[], roles: string[]): Promise<string[]> {
  const openids = names.map((_, i) => `${prefix}-${String(i + 1).padStart(3, '0')}`)
  const rows = await sql.query<{ id: string; openid: string }>(
    `INSERT INTO users (openid, name, roles) SELECT o, n, $3 FROM unnest($1::text[], $2::text[]) AS t(o, n)
     RETURNING id, openid`,
    [openids, names, roles],
  )
  const byOpenid = new Map(rows.map((row) => [row.openid, row.id]))
  return openids.map((openid) => byOpenid.get(openid) ?? '')
}

async function insertProfiles(sql: Sql, profiles: Columns) {
  await sql.query(
    `INSERT INTO volunteer_profiles (user_id, name, phone, team, skills, availability, status, requested_at, decided_at)
     SELECT u, n, p, t, string_to_array(s, ','), a, st, r, CASE WHEN st = 'approved' THEN r END
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])
       AS x(u, n, p, t, s, a, st, r)`,
    [
      profiles.userId,
      profiles.name,
      profiles.phone,
      profiles.team,
      profiles.skills,
      profiles.availability,
      profiles.status,
      profiles.requestedAt,
    ],
  )
}

/** demo-volunteer is a registered, approved volunteer of the 党员 team in every mode. */
async function seedDemoVolunteer(sql: Sql, now: Date) {
  await sql.query(
    `INSERT INTO volunteer_profiles (user_id, name, phone, team, skills, availability, status, requested_at, decided_at)
     SELECT id, name, '13800138000', '党员', ARRAY['轮椅协助', '方言'], '周一至周五上午', 'approved', $2, $2
     FROM users WHERE openid = $1`,
    [DEMO_USERS.volunteer.openid, now],
  )
}

/** A year of shifts, requests and ratings for ~120 volunteers, and today's open requests. */
async function seedHistory(sql: Sql, now: Date) {
  const next = seededRandom(20260101)
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]
  const names = buildRoster(ROSTER_SIZE + DEMO_VOLUNTEERS + DEMO_PATIENTS)
    .slice(ROSTER_SIZE)
    .map((r) => r.name)
  const volunteerNames = names.slice(0, DEMO_VOLUNTEERS)
  const volunteers = await insertUsers(sql, 'demo-vol', volunteerNames, ['patient', 'volunteer'])
  const patients = await insertUsers(sql, 'demo-pat', names.slice(DEMO_VOLUNTEERS), ['patient'])
  const departments = (await sql.query<{ id: string }>(`SELECT id FROM departments WHERE kind <> 'admin'`)).map(
    (d) => d.id,
  )

  const profiles = columns('userId', 'name', 'phone', 'team', 'skills', 'availability', 'status', 'requestedAt')
  const addProfile = (userId: string, name: string, i: number, status: string, requestedAt: Date) => {
    profiles.userId.push(userId)
    profiles.name.push(name)
    profiles.phone.push(`139${String(10_000_000 + i * 7919).slice(-8)}`)
    profiles.team.push(VOLUNTEER_TEAMS[i % VOLUNTEER_TEAMS.length])
    profiles.skills.push(
      [pick(VOLUNTEER_SKILLS), pick(VOLUNTEER_SKILLS)].filter((s, k, a) => a.indexOf(s) === k).join(','),
    )
    profiles.availability.push(pick(AVAILABILITY))
    profiles.status.push(status)
    profiles.requestedAt.push(requestedAt)
  }
  volunteers.forEach((id, i) =>
    addProfile(id, volunteerNames[i], i, 'approved', new Date(now.getTime() - 400 * DAY_MS)),
  )
  for (let i = 0; i < PENDING_REGISTRATIONS; i++) {
    addProfile(
      patients[i],
      names[DEMO_VOLUNTEERS + i],
      DEMO_VOLUNTEERS + i,
      'pending',
      new Date(now.getTime() - i * DAY_MS),
    )
  }
  await insertProfiles(sql, profiles)

  const shifts = columns('id', 'volunteer', 'station', 'start', 'end', 'auto')
  const requests = columns('id', 'patient', 'need', 'from', 'to', 'people', 'volunteer', 'created', 'claimed', 'done')
  const ratings = columns('request', 'volunteer', 'stars', 'comment', 'at')
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS
  volunteers.forEach((volunteerId, v) => {
    // Some volunteers come weekly, some a few times a year: the ranking has a head and a tail.
    const shiftCount = 6 + Math.floor(next() ** 2 * 90)
    const days = new Set(Array.from({ length: shiftCount }, () => 1 + Math.floor(next() * 364)))
    for (const daysAgo of days) {
      const startMinute = 60 * Math.floor(next() * 6) // 08:00–13:00 Beijing is 00:00–05:00 UTC
      const start = new Date(today - daysAgo * DAY_MS + startMinute * MINUTE_MS)
      const auto = v < 2 && daysAgo === Math.min(...days)
      const minutes = auto ? 720 : 120 + Math.floor(next() * 8) * 15
      const end = new Date(start.getTime() + minutes * MINUTE_MS)
      const station = pick(STATIONS)
      shifts.id.push(randomUUID())
      shifts.volunteer.push(volunteerId)
      shifts.station.push(station)
      shifts.start.push(start)
      shifts.end.push(end)
      shifts.auto.push(auto)
      const served = Math.floor(next() * 4)
      for (let k = 0; k < served; k++) {
        const created = new Date(start.getTime() + (10 + k * 35 + Math.floor(next() * 20)) * MINUTE_MS)
        const claimed = new Date(created.getTime() + (1 + Math.floor(next() * 9)) * MINUTE_MS)
        const done = new Date(claimed.getTime() + (8 + Math.floor(next() * 25)) * MINUTE_MS)
        const need = next() < 0.35 ? pick(CARE_NEEDS) : pick(HELP_NEEDS)
        const id = randomUUID()
        requests.id.push(id)
        requests.patient.push(pick(patients))
        requests.need.push(need)
        requests.from.push(station)
        requests.to.push(pick(departments))
        requests.people.push(1 + Math.floor(next() * 2))
        requests.volunteer.push(volunteerId)
        requests.created.push(created)
        requests.claimed.push(claimed)
        requests.done.push(done)
        if (next() < 0.75) {
          ratings.request.push(id)
          ratings.volunteer.push(volunteerId)
          ratings.stars.push(next() < 0.7 ? 5 : next() < 0.8 ? 4 : 3)
          ratings.comment.push(pick(COMMENTS))
          ratings.at.push(new Date(done.getTime() + 30 * MINUTE_MS))
        }
      }
    }
  })

  await sql.query(
    `INSERT INTO volunteer_shifts (id, volunteer_id, station, started_at, ended_at, auto_closed)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::boolean[])`,
    [shifts.id, shifts.volunteer, shifts.station, shifts.start, shifts.end, shifts.auto],
  )
  await sql.query(
    `INSERT INTO volunteer_hours (volunteer_id, kind, minutes, shift_id, at)
     SELECT volunteer_id, 'shift', round(extract(epoch FROM ended_at - started_at) / 60)::int, id, ended_at
     FROM volunteer_shifts WHERE ended_at IS NOT NULL`,
  )
  await sql.query(
    `INSERT INTO volunteer_requests (id, patient_id, need, from_place, to_department_id, people, status, volunteer_id,
       created_at, claimed_at, completed_at)
     SELECT id, p, n, f, t, pe, 'completed', v, c, cl, d
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::int[], $7::uuid[],
                 $8::timestamptz[], $9::timestamptz[], $10::timestamptz[]) AS x(id, p, n, f, t, pe, v, c, cl, d)`,
    [
      requests.id,
      requests.patient,
      requests.need,
      requests.from,
      requests.to,
      requests.people,
      requests.volunteer,
      requests.created,
      requests.claimed,
      requests.done,
    ],
  )
  await sql.query(
    `INSERT INTO volunteer_ratings (request_id, volunteer_id, stars, comment, created_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::timestamptz[])`,
    [ratings.request, ratings.volunteer, ratings.stars, ratings.comment, ratings.at],
  )
  const [admin] = await sql.query<{ id: string }>('SELECT id FROM users WHERE openid = $1', [DEMO_USERS.admin.openid])
  await sql.query(
    `INSERT INTO volunteer_hours (volunteer_id, kind, minutes, reason, recorded_by, at)
     SELECT unnest($1::uuid[]), 'adjustment', 180, '补录院外义诊活动时长', $2, $3`,
    [volunteers.slice(10, 16), admin.id, new Date(now.getTime() - 30 * DAY_MS)],
  )
  await seedToday(sql, now, volunteers, patients.slice(PENDING_REGISTRATIONS), departments)
}

/** A few volunteers on shift and patients waiting, one long enough to be escalated, one claim overdue. */
async function seedToday(sql: Sql, now: Date, volunteers: string[], patients: string[], departments: string[]) {
  const ago = (minutes: number) => new Date(now.getTime() - minutes * MINUTE_MS)
  const onShift = volunteers.slice(0, 4)
  await sql.query(
    `INSERT INTO volunteer_shifts (volunteer_id, station, started_at)
     SELECT unnest($1::uuid[]), unnest($2::text[]), $3`,
    [onShift, onShift.map((_, i) => STATIONS[i % STATIONS.length]), ago(120)],
  )
  const waiting: [string, string, number][] = [
    ['轮椅协助', '门诊大厅东门', 15],
    ['老人陪同', '自助机区', 6],
    ['导诊带路', '住院部一楼', 2],
  ]
  await sql.query(
    `INSERT INTO volunteer_requests (patient_id, need, from_place, to_department_id, people, status, created_at)
     SELECT unnest($1::uuid[]), unnest($2::text[]), unnest($3::text[]), unnest($4::uuid[]), 1, 'waiting',
            unnest($5::timestamptz[])`,
    [
      patients.slice(0, waiting.length),
      waiting.map((w) => w[0]),
      waiting.map((w) => w[1]),
      waiting.map((_, i) => departments[i]),
      waiting.map((w) => ago(w[2])),
    ],
  )
  await sql.query(
    `INSERT INTO volunteer_requests (patient_id, need, from_place, to_department_id, people, status, volunteer_id,
       created_at, claimed_at)
     VALUES ($1, '自助机操作', '自助机区', $2, 1, 'claimed', $3, $4, $5)`,
    [patients[waiting.length], departments[3], onShift[0], ago(75), ago(70)],
  )
}

export async function seedVolunteer(sql: Sql, now: Date, mode: 'base' | 'demo'): Promise<void> {
  await seedDemoVolunteer(sql, now)
  if (mode === 'demo') await seedHistory(sql, now)
}

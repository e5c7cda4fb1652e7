import { PGlite } from '@electric-sql/pglite'
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { migrate } from '../../src/cloud/storage/pglite/migrate'
import { wrapDatabase, type Sql } from '../../src/cloud/storage/pglite/sql'

const MIGRATIONS = join(__dirname, '../../src/cloud/storage/pglite/migrations')
const TYPED = '104_survey_counters_by_visit_type.sql'

/** A directory holding the SQL migrations up to and including `last`. */
function migrationsUpTo(last: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rx-migrations-'))
  for (const file of readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql') && f <= last)) {
    copyFileSync(join(MIGRATIONS, file), join(dir, file))
  }
  return dir
}

let db: PGlite
let sql: Sql
const dirs: string[] = []

beforeAll(async () => {
  db = await PGlite.create()
  sql = wrapDatabase(db)
  dirs.push(migrationsUpTo('103_~'), migrationsUpTo(TYPED))
  await migrate(sql, dirs[0], {})
}, 60_000)

afterAll(async () => {
  await db.close()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

const answers = (ids: string[], score: number) => JSON.stringify(Object.fromEntries(ids.map((id) => [id, score])))

const itemTotals = () =>
  sql.query(
    `SELECT item_id, sum(n1)::int AS n1, sum(n2)::int AS n2, sum(n3)::int AS n3, sum(n4)::int AS n4,
            sum(n5)::int AS n5, sum(na)::int AS na
     FROM survey_item_counters GROUP BY item_id ORDER BY item_id`,
  )
const monthTotals = () =>
  sql.query(`SELECT sum(responses)::int AS responses, sum(recommend_sum)::int AS recommend FROM survey_month_counters`)

test('counters written before the visit type are split by it, every total kept, a stray count by its item', async () => {
  const [{ id: dept }] = await sql.query<{ id: string }>(
    `INSERT INTO departments (name, kind) VALUES ('迁移科', 'clinical') RETURNING id`,
  )
  const outIds = ['registration', 'privacy', 'overall']
  const inIds = ['admission', 'privacy', 'overall']
  const respond = (type: string, ids: string[], score: number, recommend: number) =>
    sql.query(
      `INSERT INTO survey_responses (department_id, visit_type, month, questionnaire_id, questionnaire_version,
         answers, overall, recommend, submitted_on)
       VALUES ($1, $2, '2026-03', $2, 1, $3, $4, $5, '2026-03-02')`,
      [dept, type, answers(ids, score), score, recommend],
    )
  await respond('outpatient', outIds, 5, 10)
  await respond('outpatient', outIds, 4, 8)
  await respond('inpatient', inIds, 2, 3)
  // The counters as the repo kept them before 104: one row per item, both questionnaires mixed ...
  await sql.exec(`
    INSERT INTO survey_item_counters (department_id, month, item_id, n1, n2, n3, n4, n5, na)
    SELECT r.department_id, r.month, a.key, count(*) FILTER (WHERE a.value = '1'), count(*) FILTER (WHERE a.value = '2'),
           count(*) FILTER (WHERE a.value = '3'), count(*) FILTER (WHERE a.value = '4'),
           count(*) FILTER (WHERE a.value = '5'), 0
    FROM survey_responses r, jsonb_each(r.answers) AS a GROUP BY r.department_id, r.month, a.key;
    INSERT INTO survey_month_counters (department_id, month, responses, recommend_sum, promoters, detractors)
    SELECT department_id, month, count(*), sum(recommend), count(*) FILTER (WHERE recommend >= 9),
           count(*) FILTER (WHERE recommend <= 6)
    FROM survey_responses GROUP BY department_id, month;`)
  // ... and a count with no response behind it, on an inpatient-only item and on a shared one.
  await sql.exec(`UPDATE survey_item_counters SET n5 = n5 + 1 WHERE item_id IN ('admission', 'privacy')`)
  const [items, months] = [await itemTotals(), await monthTotals()]

  expect(await migrate(sql, dirs[1], {})).toEqual([TYPED])

  expect(await itemTotals()).toEqual(items)
  expect(await monthTotals()).toEqual(months)
  const typed = await sql.query<{ visitType: string; itemId: string; scores: number[] }>(
    `SELECT visit_type AS "visitType", item_id AS "itemId", ARRAY[n1, n2, n3, n4, n5] AS scores
     FROM survey_item_counters ORDER BY visit_type DESC, item_id`,
  )
  expect(typed).toEqual([
    { visitType: 'outpatient', itemId: 'overall', scores: [0, 0, 0, 1, 1] },
    { visitType: 'outpatient', itemId: 'privacy', scores: [0, 0, 0, 1, 2] },
    { visitType: 'outpatient', itemId: 'registration', scores: [0, 0, 0, 1, 1] },
    { visitType: 'inpatient', itemId: 'admission', scores: [0, 1, 0, 0, 1] },
    { visitType: 'inpatient', itemId: 'overall', scores: [0, 1, 0, 0, 0] },
    { visitType: 'inpatient', itemId: 'privacy', scores: [0, 1, 0, 0, 0] },
  ])
  expect(
    await sql.query(
      `SELECT visit_type AS "visitType", responses, recommend_sum AS "recommendSum", promoters, detractors
       FROM survey_month_counters ORDER BY visit_type DESC`,
    ),
  ).toEqual([
    { visitType: 'outpatient', responses: 2, recommendSum: 18, promoters: 1, detractors: 0 },
    { visitType: 'inpatient', responses: 1, recommendSum: 3, promoters: 0, detractors: 1 },
  ])
})

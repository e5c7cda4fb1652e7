import type { CampaignView, StaffResults } from '../../src/contract'
import { chinaDay, DAY_MS } from '../../src/contract/month'
import { STAFF_QUESTIONNAIRE } from '../../src/cloud/domain/staff-survey/questionnaire'
import { dataOf } from '../support/test-host'
import { benchHost, ms, report, stats } from './support'

const STAFF = 5_000
const CAMPAIGNS = 8
const RESPONSE_RATE = 0.85
const CALLS = 20

/**
 * 医务人员满意度 at hospital scale: 5,000 staff invited to 8 campaigns, 85 % answering each. Reports the
 * results query (the latest campaign with its 8-campaign trend) through the host, beside a trivial call
 * through the same host and a bare count of the answers in SQL, all in this run.
 */
export async function benchStaffSurvey() {
  const host = await benchHost()
  try {
    const sql = host.host.store.sql
    const now = new Date()
    host.setClock(now)
    await sql.query(
      `INSERT INTO users (openid, name, roles, department_id)
       SELECT 'bench-staff-' || n, '职工' || n, ARRAY['patient', 'staff'],
              (SELECT ids[1 + n % cardinality(ids)] FROM (SELECT array_agg(id ORDER BY sort) AS ids FROM departments) d)
       FROM generate_series(1, $1::int) AS n`,
      [STAFF],
    )
    const admin = await host.signIn('admin')
    const created: number[] = []
    const campaigns: CampaignView[] = []
    for (let i = CAMPAIGNS - 1; i >= 0; i--) {
      const opensOn = chinaDay(new Date(now.getTime() - i * 30 * DAY_MS))
      const started = performance.now()
      const title = `第${CAMPAIGNS - i}轮职工满意度`
      const closesOn = chinaDay(new Date(now.getTime() + DAY_MS))
      campaigns.push(
        dataOf(await admin.call<CampaignView>('staffSurvey', 'createCampaign', { title, opensOn, closesOn })),
      )
      created.push(performance.now() - started)
    }
    const items = STAFF_QUESTIONNAIRE.items
    const score = `1 + floor(power(random(), 0.6) * 5)::int`
    const answers = `jsonb_build_object(${items
      .map((item) => `'${item.id}', ${item.allowNA ? `CASE WHEN random() < 0.1 THEN NULL ELSE ${score} END` : score}`)
      .join(', ')})`
    const loadStarted = performance.now()
    await sql.query(`SELECT setseed(0.2)`)
    await sql.query(
      `INSERT INTO staff_survey_answers (campaign_id, department_id, questionnaire_version, answers, recommend, comment,
         submitted_on)
       SELECT c, u.department_id, 1, ${answers}, floor(random() * 11)::int,
              CASE WHEN random() < 0.05 THEN '希望改善排班' END, current_date
       FROM unnest($1::uuid[]) AS c, users u
       WHERE u.openid LIKE 'bench-staff-%' AND random() < $2`,
      [campaigns.map((c) => c.id), RESPONSE_RATE],
    )
    const [{ count }] = await sql.query<{ count: number }>('SELECT count(*)::int AS count FROM staff_survey_answers')
    report('staffSurvey data', {
      staff: STAFF,
      campaigns: CAMPAIGNS,
      answers: count,
      'load answers (SQL)': ms(performance.now() - loadStarted),
      'createCampaign p50 (5,000 invitations)': ms(stats(created).p50),
    })

    const latest = campaigns[campaigns.length - 1].id
    const manager = await host.signIn('manager')
    const time = async (call: () => Promise<unknown>) => {
      const latencies: number[] = []
      for (let i = 0; i < CALLS; i++) {
        const started = performance.now()
        await call()
        latencies.push(performance.now() - started)
      }
      return stats(latencies)
    }
    const results = dataOf(await admin.call<StaffResults>('staffSurvey', 'results', { campaignId: latest }))
    const adminStats = await time(async () =>
      dataOf(await admin.call('staffSurvey', 'results', { campaignId: latest })),
    )
    const managerStats = await time(async () =>
      dataOf(await manager.call('staffSurvey', 'results', { campaignId: latest })),
    )
    const trivial = await time(async () => dataOf(await admin.call('identity', 'me')))
    // Same run, same data: the tallies as the repository reads them now, beside the single-pass
    // query it used before (6 filters per item over every answer), kept here as the reference.
    const itemIds = items.map((item) => item.id)
    const trendIds = campaigns.map((c) => c.id)
    const tallies = await time(() => host.host.store.repos.staffSurvey.tallies(trendIds, null, itemIds))
    const filters = itemIds.flatMap((_, i) =>
      ['1', '2', '3', '4', '5', 'null'].map(
        (value) => `count(*) FILTER (WHERE answers -> $${i + 2}::text = '${value}')`,
      ),
    )
    const previous = await time(() =>
      sql.query(
        `SELECT campaign_id, department_id, count(*)::int, sum(recommend)::int,
                COALESCE(array_agg(comment ORDER BY id) FILTER (WHERE comment IS NOT NULL), '{}'),
                ARRAY[${filters.join(', ')}]::int[]
         FROM staff_survey_answers WHERE campaign_id = ANY ($1::uuid[]) GROUP BY campaign_id, department_id`,
        [trendIds, ...itemIds],
      ),
    )
    const scan = await time(() =>
      sql.query('SELECT department_id, count(*) FROM staff_survey_answers GROUP BY department_id'),
    )
    report(`staffSurvey.results at ${STAFF} staff × ${CAMPAIGNS} campaigns`, {
      [`admin results p50 / p95 (${CALLS} calls)`]: `${ms(adminStats.p50)} / ${ms(adminStats.p95)}`,
      [`manager results p50 / p95 (${CALLS} calls)`]: `${ms(managerStats.p50)} / ${ms(managerStats.p95)}`,
      [`identity.me p50 via host (baseline)`]: ms(trivial.p50),
      [`count answers by department p50 (SQL)`]: ms(scan.p50),
      'admin results p50 / identity.me p50': (adminStats.p50 / trivial.p50).toFixed(1),
      'admin results p50 / SQL count p50': (adminStats.p50 / scan.p50).toFixed(1),
      'tallies p50 now / previous single-pass query p50': `${ms(tallies.p50)} / ${ms(previous.p50)} = ${(
        tallies.p50 / previous.p50
      ).toFixed(2)}`,
      'latest campaign responses / invited': `${results.responses} / ${results.invited}`,
      'trend points': results.trend.length,
    })
  } finally {
    await host.close()
  }
}

import type { CampaignView, CsvExport, OpenCampaignResult, StaffResults } from '../../src/contract'
import { staffAnswersFor } from '../support/staff-survey'
import { dataOf, errorOf, type SignedIn, startTestHost, type TestHost } from '../support/test-host'

let host: TestHost
let admin: SignedIn
const departments = new Map<string, string>()
const dept = (name: string) => departments.get(name) ?? ''

beforeAll(async () => {
  host = await startTestHost()
  host.setClock(new Date('2026-06-10T02:00:00Z'))
  admin = await host.signIn('admin')
  const list = dataOf(await admin.call<{ id: string; name: string }[]>('identity', 'departments'))
  for (const d of list) departments.set(d.name, d.id)
})
afterAll(async () => {
  await host.close()
})

const createCampaign = async (title: string, opensOn = '2026-06-08', closesOn = '2026-06-20') =>
  dataOf(await admin.call<CampaignView>('staffSurvey', 'createCampaign', { title, opensOn, closesOn }))

async function outbox(userId: string): Promise<{ template: string; payload: Record<string, string> }[]> {
  return (await (await fetch(`${host.url}/dev/outbox?userId=${userId}`)).json()) as {
    template: string
    payload: Record<string, string>
  }[]
}

/** `count` new staff of the department, each answering `score` everywhere. */
async function answer(campaignId: string, departmentId: string, prefix: string, count: number, score: number) {
  for (let i = 0; i < count; i++) {
    const person = await host.signIn('staff', `${prefix}-${i}`, departmentId)
    const comment = i === 0 ? `${prefix}的意见` : undefined
    dataOf(await person.call('staffSurvey', 'submit', staffAnswersFor(campaignId, score, { comment })))
  }
}

describe('answering', () => {
  it('invites every staff member, takes one answer each, and refuses a second as CONFLICT', async () => {
    const staff = await host.signIn('staff', 'pulse-1', dept('眼科'))
    const campaign = await createCampaign('2026年6月职工满意度')
    expect(campaign).toMatchObject({ status: 'open', answered: false, responses: 0 })
    expect(campaign.invited).toBeGreaterThan(0)
    expect((await outbox(staff.user.id)).filter((m) => m.template === 'staffSurveyInvite')).toEqual([
      expect.objectContaining({ payload: { title: '2026年6月职工满意度', closesOn: '2026-06-20' } }),
    ])

    const listed = dataOf(await staff.call<CampaignView[]>('staffSurvey', 'campaigns'))
    expect(listed.find((c) => c.id === campaign.id)).toMatchObject({ answered: false, invited: null, responses: null })
    const opened = dataOf(
      await staff.call<OpenCampaignResult>('staffSurvey', 'openCampaign', { campaignId: campaign.id }),
    )
    expect(opened.questionnaire.items.map((item) => item.label)).toEqual([
      '工作内容与环境',
      '薪酬福利',
      '职业发展与培训',
      '管理与沟通',
      '工作负荷',
      '总体满意度',
    ])

    const incomplete = staffAnswersFor(campaign.id)
    const { overall: _overall, ...partial } = incomplete.answers
    const missing = errorOf(await staff.call('staffSurvey', 'submit', { ...incomplete, answers: partial }))
    expect(missing.code).toBe('INVALID_INPUT')
    expect(missing.fields).toEqual([{ path: 'answers.overall', message: '请为“总体满意度”打分' }])
    const notApplicable = { ...incomplete, answers: { ...incomplete.answers, workload: null } }
    expect(errorOf(await staff.call('staffSurvey', 'submit', notApplicable)).fields).toEqual([
      { path: 'answers.workload', message: '“工作负荷”不能选择不适用' },
    ])

    expect(dataOf(await staff.call('staffSurvey', 'submit', staffAnswersFor(campaign.id, 5, { payNA: true })))).toEqual(
      {
        submitted: true,
      },
    )
    const again = await staff.call('staffSurvey', 'submit', staffAnswersFor(campaign.id, 1))
    expect(again.status).toBe(409)
    expect(errorOf(again).message).toBe('您已提交过本次调查，感谢参与')
    const after = dataOf(await staff.call<CampaignView[]>('staffSurvey', 'campaigns'))
    expect(after.find((c) => c.id === campaign.id)?.answered).toBe(true)

    const patient = await host.signIn('patient', 'pulse-patient')
    expect(errorOf(await patient.call('staffSurvey', 'submit', staffAnswersFor(campaign.id))).code).toBe('FORBIDDEN')
    expect(errorOf(await staff.call('staffSurvey', 'results', { campaignId: campaign.id })).code).toBe('FORBIDDEN')
  })

  it('takes answers only while the campaign is open', async () => {
    const staff = await host.signIn('staff', 'pulse-window', dept('眼科'))
    const later = await createCampaign('下月调查', '2026-07-01', '2026-07-15')
    const ended = await createCampaign('上月调查', '2026-05-01', '2026-06-10')
    expect(later.status).toBe('upcoming')
    const early = errorOf(await staff.call('staffSurvey', 'submit', staffAnswersFor(later.id)))
    expect(early).toMatchObject({ code: 'CONFLICT', message: '调查尚未开始，开始日期为 2026-07-01' })
    const listed = dataOf(await staff.call<CampaignView[]>('staffSurvey', 'campaigns')).map((c) => c.id)
    expect(listed).toContain(ended.id)
    expect(listed).not.toContain(later.id)
    host.setClock(new Date('2026-06-10T16:00:00Z'))
    expect(errorOf(await staff.call('staffSurvey', 'submit', staffAnswersFor(ended.id))).code).toBe('EXPIRED')
    host.setClock(new Date('2026-06-10T02:00:00Z'))
    const pastDate = { title: '过期的调查', opensOn: '2026-05-01', closesOn: '2026-06-09' }
    expect(errorOf(await admin.call('staffSurvey', 'createCampaign', pastDate))).toMatchObject({
      code: 'INVALID_INPUT',
      message: '请选择今天或以后的结束日期',
      fields: [{ path: 'closesOn', message: '结束日期已过' }],
    })
  })
})

describe('results', () => {
  it('shows a department of 12 answers to its manager, and of one with 9 only the count', async () => {
    const [big, small] = [dept('骨科'), dept('耳鼻喉科')]
    const first = await createCampaign('第一轮')
    await answer(first.id, big, 'r1-big', 10, 3)
    const campaign = await createCampaign('第二轮')
    await answer(campaign.id, big, 'big', 12, 4)
    await answer(campaign.id, small, 'small', 9, 2)

    const bigManager = await host.signIn('manager', 'big-manager', big)
    const own = dataOf(await bigManager.call<StaffResults>('staffSurvey', 'results', { campaignId: campaign.id }))
    expect(own.departments.map((d) => d.departmentId)).toEqual([big])
    expect(own.hospital).toBeNull()
    const [bigCut] = own.departments
    expect(bigCut).toMatchObject({ responses: 12, comments: ['big的意见'], recommend: { average: 8 } })
    expect(bigCut.items?.find((i) => i.itemId === 'overall')).toEqual({
      itemId: 'overall',
      label: '总体满意度',
      answered: 12,
      rate: 1,
      average: 4,
    })
    // Other tests' campaigns share the trend line; these two are this test's.
    const ours = (trend: StaffResults['trend']) => trend.filter((t) => [first.id, campaign.id].includes(t.campaignId))
    expect(ours(own.trend).map((t) => [t.title, t.responses, t.overallAverage])).toEqual([
      ['第一轮', 10, 3],
      ['第二轮', 12, 4],
    ])

    const smallManager = await host.signIn('manager', 'small-manager', small)
    const counted = dataOf(await smallManager.call<StaffResults>('staffSurvey', 'results', { campaignId: campaign.id }))
    expect(counted.departments).toEqual([
      expect.objectContaining({ departmentId: small, responses: 9, items: null, recommend: null, comments: null }),
    ])
    expect(ours(counted.trend).map((t) => [t.responses, t.overallRate])).toEqual([
      [0, null],
      [9, null],
    ])
    expect(JSON.stringify(counted)).not.toContain('small的意见')

    const all = dataOf(await admin.call<StaffResults>('staffSurvey', 'results', { campaignId: campaign.id }))
    const byId = new Map(all.departments.map((d) => [d.departmentId, d]))
    expect(byId.get(big)?.items).not.toBeNull()
    expect(byId.get(small)).toMatchObject({ responses: 9, items: null })
    // The 9 stay out of the hospital's figures: the whole less the shown departments would isolate them.
    expect(all.hospital?.responses).toBe(all.responses)
    expect(all.hospital?.items?.find((i) => i.itemId === 'overall')?.average).toBe(4)

    const csv = dataOf(await admin.call<CsvExport>('staffSurvey', 'exportResults', { campaignId: campaign.id }))
    expect(csv.csv.startsWith('\uFEFF科室,邀请人数,答卷数,回收率,工作内容与环境满意率')).toBe(true)
    expect(csv.csv).toContain('耳鼻喉科')
    expect(csv.csv).toContain('不足10人，仅显示人数')
    const mine = dataOf(await smallManager.call<CsvExport>('staffSurvey', 'exportResults', { campaignId: campaign.id }))
    expect(mine.csv).not.toContain('骨科')
  })
})

describe('anonymity in the database itself', () => {
  it('counts answers added many in one statement exactly as answers submitted one by one', async () => {
    const campaign = await createCampaign('批量计数核对')
    await answer(campaign.id, dept('眼科'), 'bulk', 2, 4)
    const sql = host.host.store.sql
    // An import adds many answers in one statement: the counts the results read follow it.
    await sql.query(
      `INSERT INTO staff_survey_answers (campaign_id, department_id, questionnaire_version, answers, recommend, comment,
         submitted_on)
       SELECT campaign_id, department_id, questionnaire_version, answers, recommend, comment, submitted_on
       FROM staff_survey_answers WHERE campaign_id = $1`,
      [campaign.id],
    )
    const direct = await sql.query<{ item: string; score: string | null; count: number; responses: number }>(
      `SELECT e.key AS item, e.value AS score, count(*)::int AS count,
              (SELECT count(*)::int FROM staff_survey_answers WHERE campaign_id = $1) AS responses
       FROM staff_survey_answers a, jsonb_each_text(a.answers) AS e WHERE a.campaign_id = $1 GROUP BY 1, 2`,
      [campaign.id],
    )
    const itemIds = [...new Set(direct.map((row) => row.item))]
    const [tally] = await host.host.store.repos.staffSurvey.tallies([campaign.id], null, itemIds)
    expect(tally.responses).toBe(4)
    expect(direct[0].responses).toBe(4)
    for (const row of direct) {
      const slot = row.score === null ? 5 : Number(row.score) - 1
      expect([row.item, tally.items[row.item][slot]]).toEqual([row.item, row.count])
    }
  })

  it('writes no answer in a transaction with a row naming a person, and keeps no time or person on it', async () => {
    const campaign = await createCampaign('无关联核对')
    await answer(campaign.id, dept('眼科'), 'link', 2, 5)
    const withRetryId = await host.signIn('staff', 'link-retry', dept('眼科'))
    const requestId = 'staff-survey-link-1'
    dataOf(await withRetryId.call('staffSurvey', 'submit', staffAnswersFor(campaign.id), requestId))
    const sql = host.host.store.sql
    // The write record of the answer exists for retries, keyed by no one (as survey.submit's).
    const records = await sql.query<{ user_id: string }>(
      `SELECT user_id::text FROM idempotency WHERE fn = 'staffSurvey' AND action = 'submit' AND request_id = $1`,
      [requestId],
    )
    expect(records).toHaveLength(1)
    expect(records[0].user_id).not.toBe(withRetryId.user.id)
    const columns = await sql.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'staff_survey_answers' ORDER BY ordinal_position`,
    )
    expect(columns.map((c) => c.column_name)).toEqual([
      'id',
      'campaign_id',
      'department_id',
      'questionnaire_version',
      'answers',
      'recommend',
      'comment',
      'submitted_on',
    ])
    // The counts the results read are numbers per campaign and department: no person, no time.
    const counted = await sql.query<{ table_name: string; column_name: string }>(
      `SELECT table_name::text, column_name::text FROM information_schema.columns
       WHERE table_name IN ('staff_survey_tallies', 'staff_survey_item_counts') ORDER BY table_name, ordinal_position`,
    )
    expect(counted.map((c) => `${c.table_name}.${c.column_name}`)).toEqual([
      'staff_survey_item_counts.campaign_id',
      'staff_survey_item_counts.department_id',
      'staff_survey_item_counts.item_id',
      'staff_survey_item_counts.score',
      'staff_survey_item_counts.count',
      'staff_survey_tallies.campaign_id',
      'staff_survey_tallies.department_id',
      'staff_survey_tallies.responses',
      'staff_survey_tallies.recommend_sum',
    ])
    const [tally] = await sql.query<{ responses: number }>(
      'SELECT sum(responses)::int AS responses FROM staff_survey_tallies WHERE campaign_id = $1',
      [campaign.id],
    )
    expect(tally.responses).toBe(3)
    const answers = await sql.query<{ xmin: string }>(
      'SELECT xmin::text FROM staff_survey_answers WHERE campaign_id = $1',
      [campaign.id],
    )
    expect(answers).toHaveLength(3)
    // Every table whose rows name a person: none may share a transaction with an answer.
    const personal = await sql.query<{ xmin: string }>(
      `SELECT xmin::text FROM staff_survey_answered UNION ALL SELECT xmin::text FROM idempotency
       UNION ALL SELECT xmin::text FROM rate_hits UNION ALL SELECT xmin::text FROM audit_log
       UNION ALL SELECT xmin::text FROM outbox UNION ALL SELECT xmin::text FROM users`,
    )
    const named = new Set(personal.map((row) => row.xmin))
    expect(answers.filter((row) => named.has(row.xmin))).toEqual([])
  })
})
